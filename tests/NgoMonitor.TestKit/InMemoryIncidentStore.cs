using System.Collections.Concurrent;
using System.Globalization;
using NgoMonitor.Core.Alerts;

namespace NgoMonitor.TestKit;

/// <summary>Incidents in memory with the store's optimistic concurrency: a save succeeds only for a new incident (null
/// version) or one unchanged since it was read.</summary>
public sealed class InMemoryIncidentStore : IIncidentStore
{
    private readonly ConcurrentDictionary<string, Incident> _incidents = new(StringComparer.Ordinal);
    private int _version;

    /// <summary>Every stored incident, oldest first.</summary>
    public IReadOnlyList<Incident> Incidents => [.. _incidents.Values.OrderBy(i => i.FirstSeen).ThenBy(i => i.Id, StringComparer.Ordinal)];

    public Task<IReadOnlyList<Incident>> GetSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Incident>>([.. _incidents.Values.Where(i => i.LastSeen >= since).OrderBy(i => i.FirstSeen)]);

    public Task<bool> TrySaveAsync(Incident incident, CancellationToken cancellationToken)
    {
        var saved = incident with { Version = Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture) };
        if (incident.Version is null)
        {
            return Task.FromResult(_incidents.TryAdd(incident.Id, saved));
        }

        return Task.FromResult(_incidents.TryGetValue(incident.Id, out var current) && current.Version == incident.Version && _incidents.TryUpdate(incident.Id, saved, current));
    }
}
