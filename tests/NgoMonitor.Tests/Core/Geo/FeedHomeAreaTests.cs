using NgoMonitor.Core.Geo;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo;

/// <summary>A feed's home area learned from the places its own items named confidently.</summary>
public sealed class FeedHomeAreaTests
{
    private static readonly GeoPoint Columbus = new(39.961, -82.999);
    private static readonly GeoPoint Delaware = new(40.299, -83.068);
    private static readonly GeoPoint Marion = new(40.589, -83.129);
    private static readonly GeoPoint Nairobi = new(-1.283, 36.817);
    private static readonly GeoPoint Beirut = new(33.894, 35.502);
    private static readonly GeoPoint Manila = new(14.604, 120.982);

    // A town named like a world city, its namesakes, and a town near it.
    private static readonly GeoPoint DublinIreland = new(53.333, -6.249);
    private static readonly GeoPoint DublinOhio = new(40.099, -83.114);
    private static readonly GeoPoint DublinCalifornia = new(37.702, -121.936);
    private static readonly GeoPoint Hilliard = new(40.034, -83.159);

    private static PlaceMention Mention(GeoPoint point, double confidence = 0.9, PlaceKind kind = PlaceKind.City) =>
        new(new Place("P", point, "US", 1000, []) { Kind = kind }, "P", 0, 1, confidence);

    [Fact]
    public void Learn_MostItemsNameTownsNearOneAnother_ReturnsTheAreaAroundThem()
    {
        IReadOnlyList<GeoPoint>[] items = [[Columbus], [Delaware, Columbus], [Marion], [Beirut], []];

        var home = FeedHomeAreaLearner.Learn(items);

        Assert.NotNull(home);
        Assert.InRange(home.Centre.DistanceKmTo(Delaware), 0, 40);
        Assert.InRange(home.RadiusKm, 30, FeedHomeAreaLearner.ClusterKm * 2);
    }

    [Fact]
    public void Learn_ItemsNamingPlacesAllOverTheWorld_ReturnsNoArea()
    {
        IReadOnlyList<GeoPoint>[] items = [[Columbus], [Nairobi], [Beirut], [Manila], [Delaware], [Nairobi, Manila]];

        Assert.Null(FeedHomeAreaLearner.Learn(items));
    }

    [Fact]
    public void Learn_OnlyTwoItemsInTheArea_ReturnsNoArea()
    {
        IReadOnlyList<GeoPoint>[] items = [[Columbus], [Delaware], [], []];

        Assert.Null(FeedHomeAreaLearner.Learn(items));
    }

    [Fact]
    public void PointsOf_LeavesOutUnconfidentPlacesDemonymsReferencePointsAndCountries()
    {
        PlaceMention[] mentions =
        [
            Mention(Columbus),
            Mention(Columbus),
            Mention(Delaware, confidence: 0.3),
            Mention(Marion) with { IsDemonym = true },
            Mention(Nairobi) with { IsReferencePoint = true },
            Mention(Beirut, kind: PlaceKind.Country),
            Mention(Manila, kind: PlaceKind.Admin2),
        ];

        Assert.Equal([Columbus, Manila], FeedHomeAreaLearner.PointsOf(mentions));
    }

    [Fact]
    public void Learn_ItemsNamingAWorldCityAloneAndOneNamingItsNamesakeBesideItsState_ReturnsTheNamesakesArea()
    {
        // A Dublin, Ohio paper: "Dublin" alone reads as Ireland's capital; the item naming Ohio read Dublin, Ohio.
        IReadOnlyList<GeoPoint>[] items = [[DublinOhio], [], [], [], []];
        IReadOnlyList<GeoPoint>[] open = [[], [DublinIreland, DublinCalifornia, DublinOhio], [DublinIreland, DublinCalifornia, DublinOhio], [DublinIreland, DublinCalifornia, DublinOhio], [Beirut]];

        var home = FeedHomeAreaLearner.Learn(items, open);

        Assert.NotNull(home);
        Assert.InRange(home.Centre.DistanceKmTo(DublinOhio), 0, 5);
    }

    [Fact]
    public void Learn_CapitalReadAloneBetweenTheFeedsTowns_SeedsTheAreaAroundIt()
    {
        // A capital's paper: towns 100 km east and west of it, and its own name alone in most items.
        var capital = new GeoPoint(30.044, 31.236);
        var capitalNamesake = new GeoPoint(30.878, -84.201);
        IReadOnlyList<GeoPoint>[] items = [[new GeoPoint(30.044, 32.27)], [new GeoPoint(30.044, 30.2)], [], [], []];
        IReadOnlyList<GeoPoint>[] open = [[], [], [capital, capitalNamesake], [capital, capitalNamesake], [capital, capitalNamesake]];

        var home = FeedHomeAreaLearner.Learn(items, open);

        Assert.NotNull(home);
        Assert.InRange(home.Centre.DistanceKmTo(capital), 0, 30);
        Assert.InRange(home.RadiusKm, 90, 130);
    }

    [Fact]
    public void Learn_ItemsNamingOnlyAWorldCityAndItsNamesakes_ReturnsNoArea()
    {
        // Every "Dublin" item counts as much for each Dublin: nothing says which, so no area.
        IReadOnlyList<GeoPoint>[] open = [[DublinIreland, DublinOhio], [DublinIreland, DublinOhio], [DublinIreland, DublinOhio], [DublinIreland, DublinOhio]];

        Assert.Null(FeedHomeAreaLearner.Learn([[], [], [], []], open));
    }

    [Fact]
    public void Learn_NamesakesKeptForFewerItemsThanPoints_AlignOnTheNewestItems()
    {
        // A tally stored before namesakes were kept has none for its oldest items.
        IReadOnlyList<GeoPoint>[] items = [[Beirut], [Nairobi], [Hilliard], [], []];
        IReadOnlyList<GeoPoint>[] open = [[DublinIreland, DublinOhio], [DublinIreland, DublinOhio]];

        var home = FeedHomeAreaLearner.Learn(items, open);

        Assert.NotNull(home);
        Assert.InRange(home.Centre.DistanceKmTo(DublinOhio), 0, 20);
    }

    [Fact]
    public void PointsOf_WorldCityReadForWantOfLocalEvidence_TeachesNoPointButKeepsItsReadingsOpen()
    {
        PlaceMention[] mentions = [Mention(DublinIreland, confidence: 0.8) with { Namesakes = [DublinOhio, DublinCalifornia] }, Mention(Hilliard)];

        Assert.Equal([Hilliard], FeedHomeAreaLearner.PointsOf(mentions));
        Assert.Equal([DublinIreland, DublinOhio, DublinCalifornia], FeedHomeAreaLearner.NamesakesOf(mentions));
    }

    [Fact]
    public void PointsOf_NamesakeTheTextChoseOverAWorldCity_TeachesEvenWithAThinShare()
    {
        PlaceMention[] mentions = [Mention(DublinOhio, confidence: 0.3) with { IsLocalNamesake = true }, Mention(Delaware, confidence: 0.3)];

        Assert.Equal([DublinOhio], FeedHomeAreaLearner.PointsOf(mentions));
        Assert.Empty(FeedHomeAreaLearner.NamesakesOf(mentions));
    }

    [Fact]
    public void Tally_MoreItemsThanItsCapacity_ForgetsTheOldest()
    {
        var tally = new FeedPlaceTally();
        tally.Add([Mention(Nairobi)]);
        for (var i = 0; i < FeedPlaceTally.Capacity; i++)
        {
            tally.Add([Mention(Columbus)]);
        }

        Assert.Equal(FeedPlaceTally.Capacity, tally.Items.Count);
        Assert.DoesNotContain(tally.Items, item => item.Contains(Nairobi));
        Assert.NotNull(tally.HomeArea());
    }

    [Fact]
    public void Tally_ItemsNamingAWorldCityAlone_KeepTheirNamesakesBesideTheirPoints()
    {
        var tally = new FeedPlaceTally();
        tally.Add([Mention(DublinOhio, confidence: 0.4) with { IsLocalNamesake = true }]);
        for (var i = 0; i < 3; i++)
        {
            tally.Add([Mention(DublinIreland, confidence: 0.6) with { Namesakes = [DublinOhio, DublinCalifornia] }]);
        }

        Assert.Equal(tally.Items.Count, tally.Namesakes.Count);
        Assert.InRange(tally.HomeArea()!.Centre.DistanceKmTo(DublinOhio), 0, 5);
    }
}
