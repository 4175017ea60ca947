using NgoMonitor.Core.Geo;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo;

/// <summary>A local feed's home area (<see cref="GeoContext.Home"/>) settles the towns its items name alone.</summary>
[Collection(GazetteerCollection.Name)]
public sealed class GeoparserHomeAreaTests(GazetteerFixture fixture)
{
    private static readonly GeoContext ColumbusPaper = new() { Home = new FeedHomeArea(new GeoPoint(39.96, -83.0), 60) };
    private static readonly GeoPoint DublinOhio = new(40.099, -83.114);
    private static readonly GeoPoint DublinIreland = new(53.333, -6.249);

    private readonly Geoparser _parser = fixture.Parser;

    private PlaceMention Find(string text, GeoContext context, string surface) =>
        _parser.FindPlaces(text, context).First(m => m.Surface == surface);

    [Fact]
    public void FindPlaces_TownNamedAloneInAFeedAroundIt_IsTheTownNearTheFeed()
    {
        var dublin = Find("Police arrested a man in Dublin on Tuesday after a short chase.", ColumbusPaper, "Dublin");

        Assert.InRange(dublin.Place.Point.DistanceKmTo(DublinOhio), 0, 20);
    }

    [Fact]
    public void FindPlaces_SameTextWithoutAHomeArea_IsTheWorldCity()
    {
        var dublin = Find("Police arrested a man in Dublin on Tuesday after a short chase.", GeoContext.None, "Dublin");

        Assert.InRange(dublin.Place.Point.DistanceKmTo(DublinIreland), 0, 20);
    }

    [Fact]
    public void FindPlaces_TownQualifiedByItsCountryInALocalFeed_KeepsTheQualifier()
    {
        var dublin = Find("The band flew home to Dublin, Ireland, after the tour.", ColumbusPaper, "Dublin");

        Assert.InRange(dublin.Place.Point.DistanceKmTo(DublinIreland), 0, 20);
    }

    [Fact]
    public void ResolveSpans_TownGivenAsASpanInAFeedAroundIt_IsTheTownNearTheFeed()
    {
        const string text = "Police arrested a man in Dublin on Tuesday after a short chase.";
        var start = text.IndexOf("Dublin", StringComparison.Ordinal);

        var dublin = Assert.Single(_parser.ResolveSpans(text, [(start, start + 6)], ColumbusPaper));

        Assert.InRange(_parser.Gazetteer.PointOf(dublin.PlaceId).DistanceKmTo(DublinOhio), 0, 20);
    }

    [Fact]
    public void ResolveSpans_NameTheGazetteerLacks_IsPlacedAtTheTextsPlaceInTheFeedsAreaRatherThanTheOftenerNamedOne()
    {
        const string text = "Crews from Chicago cleared Zorbleton Creek near Dublin. Chicago sent two trucks.";
        (int, int) Span(string name, int from = 0)
        {
            var start = text.IndexOf(name, from, StringComparison.Ordinal);
            return (start, start + name.Length);
        }

        var resolved = _parser.ResolveSpans(text, [Span("Chicago"), Span("Zorbleton Creek"), Span("Dublin"), Span("Chicago", 20)], ColumbusPaper);

        Assert.InRange(_parser.Gazetteer.PointOf(resolved[1].PlaceId).DistanceKmTo(DublinOhio), 0, 20);
    }

    [Fact]
    public void FindPlaces_WorldCityNamedAlone_KeepsItsFarSmallerNamesakesOpen()
    {
        var dublin = Find("Police arrested a man in Dublin on Tuesday after a short chase.", GeoContext.None, "Dublin");

        Assert.False(dublin.IsLocalNamesake);
        Assert.Contains(dublin.Namesakes, p => p.DistanceKmTo(DublinOhio) < 5);
    }

    [Fact]
    public void FindPlaces_NamesakeOfAWorldCityBesideItsState_IsTheLocalNamesake()
    {
        var dublin = Find("Residents of Dublin met on Monday to discuss road repairs across Ohio.", GeoContext.None, "Dublin");

        Assert.InRange(dublin.Place.Point.DistanceKmTo(DublinOhio), 0, 5);
        Assert.True(dublin.IsLocalNamesake);
        Assert.Empty(dublin.Namesakes);
    }

    [Fact]
    public void HomeArea_FeedNamingItsTownAloneAndOnceBesideItsState_IsTheTownsAreaNotTheWorldCitys()
    {
        string[] items =
        [
            "Residents of Dublin met on Monday to discuss road repairs across Ohio.",
            "Police arrested a man in Dublin on Tuesday after a short chase.",
            "The library in Dublin opens a new reading room this week.",
            "Students in Dublin raised money for the food pantry.",
        ];
        var tally = new FeedPlaceTally();
        foreach (var item in items)
        {
            tally.Add(_parser.FindPlaces(item));
        }

        var home = tally.HomeArea();

        Assert.NotNull(home);
        Assert.InRange(home.Centre.DistanceKmTo(DublinOhio), 0, 30);
        Assert.InRange(Find(items[1], new GeoContext { Home = home }, "Dublin").Place.Point.DistanceKmTo(DublinOhio), 0, 20);
    }

    [Fact]
    public void FindPlaces_TownInTheNameOfAnOrganisationOfAFeedAroundIt_IsTheTown()
    {
        const string text = "The Dublin Singers performed on Sunday. The chorus has sung in Dublin since 1975.";

        var mentions = _parser.FindPlaces(text, ColumbusPaper);

        Assert.Contains(mentions, m => m.Start == text.IndexOf("Dublin Singers", StringComparison.Ordinal) && m.Surface == "Dublin");
    }

    [Fact]
    public void FindPlaces_TownInTheNameOfAnOrganisationWithoutAHomeArea_IsNotTaken()
    {
        const string text = "The Dublin Singers performed on Sunday. The chorus has sung in Dublin since 1975.";

        var mentions = _parser.FindPlaces(text, GeoContext.None);

        Assert.DoesNotContain(mentions, m => m.Start == text.IndexOf("Dublin Singers", StringComparison.Ordinal));
    }

    [Fact]
    public void FindPlaces_StreetNamedAfterATownOfTheFeedsArea_IsNotTheTown()
    {
        const string text = "Police stopped a car on Dublin Road. The driver lives in Dublin.";

        var mentions = _parser.FindPlaces(text, ColumbusPaper);

        Assert.DoesNotContain(mentions, m => m.Start == text.IndexOf("Dublin Road", StringComparison.Ordinal));
    }
}
