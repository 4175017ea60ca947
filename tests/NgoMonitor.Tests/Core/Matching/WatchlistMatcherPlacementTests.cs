using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.Tests.Core.Geo;
using Xunit;
using static NgoMonitor.Tests.Core.Geo.KivuPlaces;

namespace NgoMonitor.Tests.Core.Matching;

/// <summary>The place a match reports is the place the text is about, and the fence decision is made for that place.</summary>
public sealed class WatchlistMatcherPlacementTests
{
    private static readonly KeywordRule Looting = new(["loot*", "attack*", "hospital*", "clash*", "fighting"], [], []);

    private static Watchlist OfficeWatchlist(double radiusKm = 40) =>
        new("goma", "Goma field office", "security", Severity.Severe, [Looting], [new Geofence("Goma office", GomaOffice, radiusKm)], ["officer"]);

    private static Watchlist Desk() => new("desk", "Attacks on health care", "health-care", Severity.Severe, [Looting], [], ["desk"]);

    private static FeedItem Item(string title, string summary, GeoPoint? point = null) => new("id-1", "feed", title, summary, null, null, point);

    private static readonly IPlaceFinder SakeWestOfGoma = new FixedPlaceFinder(("Sake", Sake, 0.85), ("Goma", Goma, 0.9));

    [Fact]
    public void Match_SakeWestOfGoma_NamesSakeWithItsDistanceAndDirectionFromTheGomaOffice()
    {
        var matcher = new WatchlistMatcher([OfficeWatchlist()], SakeWestOfGoma);

        var match = Assert.Single(matcher.Match(Item("Clinic looted near Sake", "A health centre in Sake, west of Goma, was looted.")));

        Assert.Equal("Sake", match.PlaceName);
        Assert.Equal(Sake.Point, match.Point);
        Assert.Equal("Goma office", match.FenceName);
        Assert.InRange(match.DistanceKm!.Value, 22, 25);
        Assert.Equal(CompassPoint.NW, match.Direction);
        Assert.Equal(new Placement(PlacementMethod.NamedTown, 0.85, "Sake", "Sake"), match.Placement);
    }

    [Fact]
    public void Match_SakeWestOfGomaOutsideASmallFence_DoesNotMatchOnTheLandmark()
    {
        var matcher = new WatchlistMatcher([OfficeWatchlist(radiusKm: 15)], SakeWestOfGoma);

        Assert.Empty(matcher.Match(Item("Clinic looted near Sake", "A health centre in Sake, west of Goma, was looted.")));
    }

    [Fact]
    public void Match_GlobalAndFencedWatchlists_NameTheSamePlace()
    {
        var places = new FixedPlaceFinder(("Goma", Goma, 0.6), ("Gisenyi", Gisenyi, 0.85));
        var matcher = new WatchlistMatcher([OfficeWatchlist(), Desk()], places);

        var matches = matcher.Match(Item("Goma hospital overwhelmed", "The main hospital in Goma took dozens of wounded; some patients were moved to Gisenyi."));

        Assert.Equal(2, matches.Count);
        Assert.All(matches, m => Assert.Equal("Goma", m.PlaceName));
        Assert.All(matches, m => Assert.Equal(PlacementMethod.NamedTown, m.Placement!.Method));
        Assert.Equal(matches[0].Placement, matches[1].Placement);
    }

    [Fact]
    public void Match_TwoEventTownsOnlyTheSecondInTheFence_MatchesWithTheSecondTownsOwnPlacement()
    {
        var far = new Place("Bukavu", new GeoPoint(-2.5083, 28.8608), "CD", 800_000, []) { Kind = PlaceKind.City, FeatureCode = "PPLA" };
        var matcher = new WatchlistMatcher([OfficeWatchlist(), Desk()], new FixedPlaceFinder(("Bukavu", far, 0.9), ("Sake", Sake, 0.75)));

        var matches = matcher.Match(Item("Clashes in Bukavu", "Fighting also in Sake."));

        var fenced = Assert.Single(matches, m => m.FenceName is not null);
        Assert.Equal("Sake", fenced.PlaceName);
        Assert.Equal(0.75, fenced.Placement!.Confidence);
        Assert.Equal("Bukavu", Assert.Single(matches, m => m.FenceName is null).PlaceName);
    }

    [Fact]
    public void Match_DoubtfulTownInTheFenceBesideAConfidentProvince_MatchesAsAnUncertainTown()
    {
        var matcher = new WatchlistMatcher([OfficeWatchlist()], new FixedPlaceFinder(("Nord-Kivu", NordKivu, 1.0), ("Sake", Sake, 0.25)));

        var match = Assert.Single(matcher.Match(Item("Clashes in Nord-Kivu", "Fighting reached Sake on Monday.")));

        Assert.Equal("Sake", match.PlaceName);
        Assert.Equal(PlacementBand.Low, match.Placement!.Band);
        Assert.False(match.Placement.SupportsCloseRange);
    }

    [Fact]
    public void Match_DistrictNamed_CarriesADistrictPlacement()
    {
        var matcher = new WatchlistMatcher([OfficeWatchlist()], new FixedPlaceFinder(("Nyiragongo", Nyiragongo, 0.9)));

        var match = Assert.Single(matcher.Match(Item("Clashes in Nyiragongo", "")));

        Assert.Equal(PlacementMethod.District, match.Placement!.Method);
        Assert.Equal(CompassPoint.N, match.Direction);
    }

    [Fact]
    public void Match_GeoRssPoint_IsPlacedByThePointWithFullConfidence()
    {
        var matcher = new WatchlistMatcher([OfficeWatchlist()], SakeWestOfGoma);

        var match = Assert.Single(matcher.Match(Item("Clinic looted", "In Sake.", new GeoPoint(-1.60, 29.2285))));

        Assert.Equal(Placement.FromGeoRss(), match.Placement);
        Assert.Null(match.PlaceName);
        Assert.Equal(CompassPoint.N, match.Direction);
    }

    [Fact]
    public void Match_PlaceAtTheOffice_HasNoDirection()
    {
        var matcher = new WatchlistMatcher([OfficeWatchlist()], new FixedPlaceFinder(("Goma", Goma, 0.9)));

        var match = Assert.Single(matcher.Match(Item("Clashes in Goma", "")));

        Assert.Equal(0, match.DistanceKm);
        Assert.Null(match.Direction);
    }
}
