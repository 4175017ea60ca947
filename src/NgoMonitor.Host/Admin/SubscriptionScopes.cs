using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Geo.Fences;
using NgoMonitor.Core.Subscriptions;

namespace NgoMonitor.Host.Admin;

/// <summary>
/// The stored recipient and watchlists as the core's <see cref="OfficerScope"/> and <see cref="WatchlistScope"/>,
/// and the watchlists that concern the recipient (<see cref="WatchlistConcern"/>). The recipient's area is their
/// <see cref="RecipientEntry.Area"/> fence, or else their country's outline; a fence that no longer validates (or
/// names a country the gazetteer lacks) is left out rather than failing the page.
/// </summary>
public static class SubscriptionScopes
{
    public static IReadOnlyList<(StoredEntry<WatchlistEntry> Watchlist, Concern Concern)> Concerning(
        RecipientEntry recipient, IEnumerable<StoredEntry<WatchlistEntry>> watchlists, ICountryOutlines countries)
    {
        var officer = OfficerOf(recipient, countries);
        return [.. watchlists
            .Select(w => (w, Concern: WatchlistConcern.Of(officer, ScopeOf(w.Value, recipient.Id, countries))))
            .Where(c => c.Concern != Concern.None)];
    }

    public static OfficerScope OfficerOf(RecipientEntry recipient, ICountryOutlines countries)
    {
        var area = recipient.Area is { } entry ? FenceOf(entry, recipient.Id, countries)
            : recipient.Country is { } code ? Geofence.Country(code, code).ToFence(recipient.Id, countries)
            : null;
        return new OfficerScope(recipient.Team, area is null ? [] : [area]);
    }

    public static WatchlistScope ScopeOf(WatchlistEntry watchlist, string recipientId, ICountryOutlines countries) => new(
        watchlist.Teams ?? [],
        [.. watchlist.Geofences.Select(g => FenceOf(g, watchlist.Id, countries)).OfType<Fence>()],
        watchlist.Recipients.Contains(recipientId))
    {
        Global = watchlist.Geofences.Count == 0,
    };

    private static Fence? FenceOf(GeofenceEntry entry, string owner, ICountryOutlines countries)
    {
        try
        {
            return GeofenceMapper.ToGeofence(entry, 0, owner, countries).ToFence(owner, countries);
        }
        catch (Exception ex) when (ex is ConfigException or ArgumentException)
        {
            return null;
        }
    }
}
