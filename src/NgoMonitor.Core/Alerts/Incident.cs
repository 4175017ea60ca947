using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;

namespace NgoMonitor.Core.Alerts;

/// <summary>One feed's report of an incident.</summary>
public sealed record IncidentSource(string FeedId, string FeedName, string ItemId, string Title, string? Link, DateTimeOffset? Published);

/// <summary>
/// One real-world event, however many feeds report it. Alerts are planned per incident and recipient, so three
/// feeds carrying the same story make one alert that names three sources, and a later, more severe report makes an
/// update (<see cref="Alerted"/> remembers the severity each recipient was last alerted at).
/// </summary>
/// <param name="Id">Derived from the first item's id: stable, the Table RowKey.</param>
/// <param name="TitleKey">The folded content words of the first title, compared by <see cref="IncidentGrouper"/>.</param>
/// <param name="Matches">One per watchlist matched by any report: the best placed report's match (a precise placement
/// first, then the nearest), with the terms of all of them.</param>
/// <param name="Alerted">Recipient id → severity of the last alert planned for that recipient.</param>
/// <param name="Version">Storage concurrency token (ETag); null for a new incident.</param>
public sealed record Incident(
    string Id,
    string Title,
    string Summary,
    string? Link,
    string TitleKey,
    string? PlaceName,
    GeoPoint? Point,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    IReadOnlyList<IncidentSource> Sources,
    IReadOnlyList<WatchlistMatch> Matches,
    IReadOnlyDictionary<string, Severity> Alerted,
    string? Version = null)
{
    /// <summary>How <see cref="PlaceName"/> and <see cref="Point"/> were read; null when unplaced or stored without it.</summary>
    public Placement? Placement { get; init; }

    /// <summary>Distinct feeds carrying the incident: the corroboration count shown in alerts.</summary>
    public int SourceCount => Sources.Select(s => s.FeedId).Distinct(StringComparer.Ordinal).Count();

    public IReadOnlyList<string> SourceNames => [.. Sources.Select(s => s.FeedName).Distinct(StringComparer.Ordinal)];

    /// <summary>The first report as an item, for the composer.</summary>
    public FeedItem LeadItem => new(Sources[0].ItemId, Sources[0].FeedId, Title, Summary, Link, Sources[0].Published, Point);
}

/// <summary>Port: incidents (Table Storage "Incidents" in production).</summary>
public interface IIncidentStore
{
    /// <summary>Incidents last seen at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<Incident>> GetSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>One incident by id, or null (the admin API's incident view and the acknowledgement page).</summary>
    async Task<Incident?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await GetSinceAsync(DateTimeOffset.MinValue, cancellationToken)).FirstOrDefault(i => i.Id == id);

    /// <summary>Inserts a new incident (null Version) or replaces one if unchanged since read. Returns the incident as
    /// stored, with its new <see cref="Incident.Version"/> (so the next save of the same object needs no read), or null
    /// on a conflict.</summary>
    Task<Incident?> TrySaveAsync(Incident incident, CancellationToken cancellationToken);
}
