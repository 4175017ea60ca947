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
    private int _windowReads;

    /// <summary>Every stored incident, oldest first.</summary>
    public IReadOnlyList<Incident> Incidents => [.. _incidents.Values.OrderBy(i => i.FirstSeen).ThenBy(i => i.Id, StringComparer.Ordinal)];

    /// <summary>Calls of <see cref="GetSinceAsync"/> so far: tests count the window reads a step makes.</summary>
    public int WindowReads => _windowReads;

    public Task<IReadOnlyList<Incident>> GetSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _windowReads);
        return Task.FromResult<IReadOnlyList<Incident>>([.. _incidents.Values.Where(i => i.LastSeen >= since).OrderBy(i => i.FirstSeen)]);
    }

    public Task<Incident?> TrySaveAsync(Incident incident, CancellationToken cancellationToken)
    {
        var saved = incident with { Version = Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture) };
        var stored = incident.Version is null
            ? _incidents.TryAdd(incident.Id, saved)
            : _incidents.TryGetValue(incident.Id, out var current) && current.Version == incident.Version && _incidents.TryUpdate(incident.Id, saved, current);
        return Task.FromResult(stored ? saved : null);
    }
}
