namespace NgoMonitor.Core.Alerts;

/// <summary>
/// The incidents one poll batch folded items into, each as last saved (with its storage version): what the batch hands
/// the planner, so planning needs no second read and its save of <see cref="Incident.Alerted"/> meets the version the
/// grouper wrote. <see cref="IncidentGrouper"/> records each save under its lock, so when several feeds of the batch
/// fold into one incident, the last save wins.
/// </summary>
public sealed class TouchedIncidents
{
    private readonly Dictionary<string, Incident> _latest = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The incidents, first seen first (the order the timer's window read gives).</summary>
    public IReadOnlyList<Incident> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _latest.Values.OrderBy(i => i.FirstSeen).ThenBy(i => i.Id, StringComparer.Ordinal)];
            }
        }
    }

    internal void Saved(Incident incident)
    {
        lock (_lock)
        {
            _latest[incident.Id] = incident;
        }
    }
}
