using NgoMonitor.Core.Alerts;

namespace NgoMonitor.Tests.Core.Alerts;

/// <summary>An in-memory <see cref="IIncidentStore"/>: every save succeeds and replaces the incident of the same id.</summary>
public sealed class MemoryIncidentStore : IIncidentStore
{
    public List<Incident> Saved { get; } = [];

    public Task<IReadOnlyList<Incident>> GetSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Incident>>([.. Saved.Where(i => i.LastSeen >= since)]);

    public Task<bool> TrySaveAsync(Incident incident, CancellationToken cancellationToken)
    {
        Saved.RemoveAll(i => i.Id == incident.Id);
        Saved.Add(incident with { Version = "v" });
        return Task.FromResult(true);
    }
}
