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
}
