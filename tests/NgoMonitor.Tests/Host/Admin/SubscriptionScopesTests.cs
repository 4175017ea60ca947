using NetTopologySuite.Geometries;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Subscriptions;
using NgoMonitor.Host.Admin;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin;

public sealed class SubscriptionScopesTests
{
    private static readonly IReadOnlyList<StoredEntry<WatchlistEntry>> Watchlists =
    [
        Stored("health-care"),
        Stored("goma-office", fence: new GeofenceEntry { Name = "Goma office", Lat = -1.66, Lon = 29.24, RadiusKm = 25 }),
        Stored("azaz-office", fence: new GeofenceEntry { Name = "Azaz office", Lat = 36.5866, Lon = 37.0463, RadiusKm = 40 }),
        Stored("syria-health-care", fence: new GeofenceEntry { Kind = "country", Name = "Syria", Country = "SY" }),
        Stored("congo-roads", fence: new GeofenceEntry { Kind = "country", Name = "DR Congo", Country = "CD" }),
        Stored("goma-team-briefs", teams: ["goma"]),
        Stored("broken-fence", fence: new GeofenceEntry { Kind = "country", Name = "Nowhere", Country = "ZZ" }),
    ];

    [Fact]
    public void Concerning_GomaOfficerWithAnArea_ListsGomaAndGlobalWatchlistsButNoSyriaOne()
    {
        var officer = new RecipientEntry { Id = "goma-officer", Area = new GeofenceEntry { Name = "Goma", Lat = -1.6792, Lon = 29.2228, RadiusKm = 30 } };

        var shown = SubscriptionScopes.Concerning(officer, Watchlists, new BoxCountries());

        Assert.Equal(
            [("health-care", Concern.Global), ("goma-office", Concern.Area), ("congo-roads", Concern.Area)],
            shown.Select(s => (s.Watchlist.Id, s.Concern)));
    }

    [Fact]
    public void Concerning_OfficerWithOnlyACountryAndATeam_UsesTheCountryAsTheirArea()
    {
        var officer = new RecipientEntry { Id = "goma-officer", Country = "CD", Team = "goma" };

        var shown = SubscriptionScopes.Concerning(officer, Watchlists, new BoxCountries());

        Assert.Equal(["health-care", "goma-office", "congo-roads", "goma-team-briefs"], shown.Select(s => s.Watchlist.Id));
    }

    [Fact]
    public void Concerning_SyriaWatchlistAGomaOfficerReceives_IsStillListedSoTheyCanLeaveIt()
    {
        var officer = new RecipientEntry { Id = "goma-officer", Country = "CD" };
        var syria = Stored("syria-health-care", fence: new GeofenceEntry { Kind = "country", Name = "Syria", Country = "SY" }, recipients: ["goma-officer"]);

        var shown = Assert.Single(SubscriptionScopes.Concerning(officer, [syria], new BoxCountries()));

        Assert.Equal(Concern.Subscribed, shown.Concern);
    }

    private static StoredEntry<WatchlistEntry> Stored(string id, GeofenceEntry? fence = null, List<string>? teams = null, List<string>? recipients = null) =>
        new(id, new WatchlistEntry { Id = id, Name = id, Geofences = fence is null ? [] : [fence], Teams = teams, Recipients = recipients ?? [] }, "\"1\"");

    /// <summary>Boxes for Syria and the DR Congo; every other code is unknown.</summary>
    private sealed class BoxCountries : ICountryOutlines
    {
        private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

        public CountryOutline? Find(string code) => code.ToUpperInvariant() switch
        {
            "SY" => new CountryOutline("SY", "Syria", Box(35.7, 32.3, 42.4, 36.83)),
            "CD" => new CountryOutline("CD", "DR Congo", Box(12.2, -13.5, 31.3, 5.4)),
            _ => null,
        };

        public IReadOnlyList<CountryName> List() => [new("CD", "DR Congo"), new("SY", "Syria")];

        private static MultiPolygon Box(double west, double south, double east, double north) =>
            Wgs84.CreateMultiPolygon([Wgs84.CreatePolygon([new(west, south), new(east, south), new(east, north), new(west, north), new(west, south)])]);
    }
}
