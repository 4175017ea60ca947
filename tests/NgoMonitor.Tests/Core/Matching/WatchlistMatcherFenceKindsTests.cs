using NetTopologySuite.Geometries;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Geo.Fences;
using NgoMonitor.Core.Matching;
using NgoMonitor.Tests.Core.Geo;
using NgoMonitor.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching;

/// <summary>Watchlists fenced by polygons, countries and corridors, not only circles.</summary>
public sealed class WatchlistMatcherFenceKindsTests
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);
    private static readonly Place Azaz = new("Azaz", new GeoPoint(36.5866, 37.0463), "SY", 66000, ["A'zaz"]);
    private static readonly Place Idlib = new("Idlib", new GeoPoint(35.9306, 36.6339), "SY", 165000, ["Idleb"]);
    private static readonly Place Gaziantep = new("Gaziantep", new GeoPoint(37.0594, 37.3825), "TR", 1_500_000, []);
    private static readonly IPlaceFinder Places = new InMemoryPlaceFinder([Azaz, Idlib, Gaziantep]);
    private static readonly KeywordRule Shelling = new(["shell*", "clash*"], [], []);

    /// <summary>Box around Azaz and Bab al-Salama: lon 36.85-37.35, lat 36.45-36.75.</summary>
    private static Polygon AzazBox() => Box(36.85, 36.45, 37.35, 36.75);

    private static Polygon Box(double minLon, double minLat, double maxLon, double maxLat) => Wgs84.CreatePolygon(
        [new(minLon, minLat), new(maxLon, minLat), new(maxLon, maxLat), new(minLon, maxLat), new(minLon, minLat)]);

    private static Watchlist Fenced(params Geofence[] fences) => new("w", "Watch", "security", Severity.Severe, [Shelling], fences, ["officer"]);

    private static FeedItem Item(string title, GeoPoint? point = null) => new("id-1", "feed", title, "", null, null, point);

    [Fact]
    public void Match_PolygonWithSite_ReportsTheDistanceFromTheSite()
    {
        var site = new FenceSite("Azaz office", new GeoPoint(36.5866, 37.0463));
        var matcher = new WatchlistMatcher([Fenced(Geofence.Polygon("Azaz area", AzazBox(), site))], Places);

        var match = Assert.Single(matcher.Match(Item("Shelling near the border", new GeoPoint(36.65, 37.05))));

        Assert.Equal("Azaz office", match.FenceName);
        Assert.InRange(match.DistanceKm!.Value, 6.5, 7.5);
        Assert.False(match.Inside);
    }

    [Fact]
    public void Match_PolygonWithoutSite_MeasuresInwardsFromTheEdge()
    {
        var matcher = new WatchlistMatcher([Fenced(Geofence.Polygon("Azaz area", AzazBox()))], Places);

        var match = Assert.Single(matcher.Match(Item("Shelling reported in Azaz")));

        // Azaz is 0.1365° of latitude (about 15 km) above the box's southern edge, its nearest side.
        Assert.Equal("Azaz area", match.FenceName);
        Assert.True(match.Inside);
        Assert.InRange(match.DistanceKm!.Value, 14, 16);
    }

    [Fact]
    public void Match_PlaceOutsideThePolygon_DoesNotMatch()
    {
        var matcher = new WatchlistMatcher([Fenced(Geofence.Polygon("Azaz area", AzazBox()))], Places);

        Assert.Empty(matcher.Match(Item("Shelling reported in Idlib")));
    }

    [Fact]
    public void Match_MultiPolygon_MatchesInAnyPart()
    {
        var parts = Wgs84.CreateMultiPolygon([AzazBox(), Box(36.5, 35.8, 36.8, 36.1)]);
        var matcher = new WatchlistMatcher([Fenced(Geofence.Polygon("Offices", parts))], Places);

        Assert.Single(matcher.Match(Item("Shelling reported in Idlib")));
        Assert.Single(matcher.Match(Item("Clashes reported in Azaz")));
        Assert.Empty(matcher.Match(Item("Clashes reported in Gaziantep")));
    }

    [Fact]
    public void Match_CountryFence_UsesTheOutlineFromTheCountrySource()
    {
        var countries = new BoxCountries();
        var matcher = new WatchlistMatcher([Fenced(Geofence.Country("Syria", "sy"))], Places, countries);

        var match = Assert.Single(matcher.Match(Item("Shelling reported in Idlib")));

        Assert.Equal("Syria", match.FenceName);
        Assert.True(match.Inside);
        Assert.Empty(matcher.Match(Item("Shelling reported in Gaziantep")));
        Assert.Equal(["SY"], countries.Asked);
    }

    [Fact]
    public void Match_CountryWithoutOutline_MatchesNothingRatherThanEverything()
    {
        var matcher = new WatchlistMatcher([Fenced(Geofence.Country("Atlantis", "XA"))], Places, new BoxCountries());

        Assert.Empty(matcher.Match(Item("Shelling reported in Idlib")));
    }

    [Fact]
    public void Match_CorridorAlongARoad_MatchesNearTheLineAndReportsTheDistanceFromIt()
    {
        // A road from Azaz south to Aleppo, 10 km either side.
        IReadOnlyList<IReadOnlyList<GeoPoint>> road = [[new GeoPoint(36.5866, 37.0463), new GeoPoint(36.2021, 37.1343)]];
        var matcher = new WatchlistMatcher([Fenced(Geofence.Corridor("Azaz-Aleppo road", road, 10))], Places);

        var match = Assert.Single(matcher.Match(Item("Clashes on the road", new GeoPoint(36.40, 37.15))));

        Assert.Equal("Azaz-Aleppo road", match.FenceName);
        Assert.InRange(match.DistanceKm!.Value, 3, 7);
        Assert.Empty(matcher.Match(Item("Shelling reported in Idlib")));
    }

    [Fact]
    public void Match_CircleAndPolygonOnOneWatchlist_ReportsTheNearest()
    {
        var site = new FenceSite("Bab al-Salama crossing", new GeoPoint(36.634, 37.037));
        var matcher = new WatchlistMatcher([Fenced(new Geofence("Azaz office", Azaz.Point, 40), Geofence.Polygon("Crossing", AzazBox(), site))], Places);

        var match = Assert.Single(matcher.Match(Item("Clashes at the crossing", new GeoPoint(36.64, 37.04))));

        Assert.Equal("Bab al-Salama crossing", match.FenceName);
        Assert.True(match.DistanceKm < 1);
    }

    [Fact]
    public void Fingerprint_ChangesWhenAPolygonMoves()
    {
        var before = WatchlistMatcher.Fingerprint([Fenced(Geofence.Polygon("A", AzazBox()))]);
        var after = WatchlistMatcher.Fingerprint([Fenced(Geofence.Polygon("A", Box(36.85, 36.45, 37.35, 36.8)))]);

        Assert.NotEqual(before, after);
    }

    /// <summary>"SY" is a box over north-west Syria; everything else is unknown. Records what was asked.</summary>
    private sealed class BoxCountries : ICountryOutlines
    {
        public List<string> Asked { get; } = [];

        public CountryOutline? Find(string code)
        {
            Asked.Add(code);
            return code.Equals("SY", StringComparison.OrdinalIgnoreCase) ? new CountryOutline("SY", "Syria", Wgs84.CreateMultiPolygon([Box(35.7, 32.3, 42.4, 36.83)])) : null;
        }

        public IReadOnlyList<CountryName> List() => [new("SY", "Syria")];
    }
}

/// <summary>Country fences against the real Natural Earth outlines of the gazetteer.</summary>
[Collection(GazetteerCollection.Name)]
public sealed class WatchlistMatcherCountryTests(GazetteerFixture geo)
{
    [Fact]
    public void Match_SyriaCountryFence_PlacesAzazInsideAndGaziantepOutside()
    {
        var watchlist = new Watchlist("w", "Syria", "security", Severity.Severe, [new KeywordRule(["shell*"], [], [])], [Geofence.Country("Syria", "SYR")], ["desk"]);
        var matcher = new WatchlistMatcher([watchlist], geo.Parser);

        var match = Assert.Single(matcher.Match(new FeedItem("i", "f", "Shelling reported in Azaz, north of Aleppo", "", null, null, null)));

        Assert.Equal("Syria", match.FenceName);
        Assert.True(match.Inside);
        Assert.InRange(match.DistanceKm!.Value, 1, 30); // Azaz lies a few km south of the Turkish border
        Assert.Empty(matcher.Match(new FeedItem("j", "f", "Shelling reported in Gaziantep, Turkey", "", null, null, null)));
    }

    [Fact]
    public void Match_SahelRegionFence_PlacesAMalianTownInsideAndASyrianTownOutside()
    {
        var watchlist = new Watchlist("w", "Sahel", "security", Severity.Severe, [new KeywordRule(["attack*"], [], [])], [Geofence.Region("Sahel desk", "sahel")], ["desk"]);
        var matcher = new WatchlistMatcher([watchlist], geo.Parser);

        var match = Assert.Single(matcher.Match(new FeedItem("i", "f", "Gunmen attacked a health centre in Gao, Mali", "", null, null, null)));

        Assert.Equal("Sahel desk", match.FenceName);
        Assert.True(match.Inside);
        Assert.Empty(matcher.Match(new FeedItem("j", "f", "Gunmen attacked a health centre in Azaz, north of Aleppo", "", null, null, null)));
    }

    [Fact]
    public void Match_RegionTheGazetteerDoesNotKnow_MatchesNothingRatherThanEverything()
    {
        var watchlist = new Watchlist("w", "Atlantis", "security", Severity.Severe, [new KeywordRule(["attack*"], [], [])], [Geofence.Region("Atlantis", "Atlantis")], ["desk"]);
        var matcher = new WatchlistMatcher([watchlist], geo.Parser);

        Assert.Empty(matcher.Match(new FeedItem("i", "f", "Gunmen attacked a health centre in Gao, Mali", "", null, null, null)));
    }

    [Fact]
    public void Match_ArticleAlsoNamingUsTowns_PutsLebanonInTheLebanonFenceButNotInACircleAroundBeirut()
    {
        // Lebanon's own point lies 35 km from Beirut: a country named is tested against country fences only, never
        // as a point inside a town's circle.
        var refugees = new KeywordRule(["refugee*"], [], []);
        var lebanon = new Watchlist("lb", "Lebanon", "security", Severity.Severe, [refugees], [Geofence.Country("Lebanon", "LB")], ["desk"]);
        var beirut = new Watchlist("beirut", "Beirut office", "security", Severity.Severe, [refugees], [Geofence.Circle("Beirut office", new GeoPoint(33.89, 35.50), 50)], ["desk"]);
        var matcher = new WatchlistMatcher([lebanon, beirut], geo.Parser);
        var item = new FeedItem("i", "f", "Refugees cross into Lebanon",
            "Thousands of refugees from Syria crossed into Jordan and Lebanon last week. In Washington, senators from "
            + "Pennsylvania and Ohio pressed for more funding; churches in Pittsburgh and Columbus collected blankets.", null, null, null);

        var match = Assert.Single(matcher.Match(item));

        Assert.Equal("lb", match.WatchlistId);
        Assert.True(match.Inside);
    }

    [Fact]
    public void GazetteerCountries_ListsSyriaByNameWithItsAlpha2Code()
    {
        var countries = new GazetteerCountries(geo.Gazetteer);

        Assert.Contains(countries.List(), c => c.Code == "SY" && c.Name.Contains("Syria", StringComparison.Ordinal));
        Assert.Equal("SY", countries.Find("syr")!.Code);
        Assert.Null(countries.Find("XX"));
    }
}
