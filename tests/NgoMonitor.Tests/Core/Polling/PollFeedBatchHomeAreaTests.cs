using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Polling;
using NgoMonitor.Core.Storage;
using NgoMonitor.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Core.Polling;

/// <summary>A feed's home area reaches the place finder through the poll pipeline: a local paper's lone town is read
/// as the local namesake, so a geofence around it alerts; a feed without one, declared or learned from its recent
/// places, or a declared country, reads the larger namesake. A declared area wins over a learned one.</summary>
public sealed class PollFeedBatchHomeAreaTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly Place AlexandriaEgypt = new("Alexandria", new GeoPoint(31.2, 29.92), "EG", 5_200_000, []) { Kind = PlaceKind.City };
    private static readonly Place AlexandriaVirginia = new("Alexandria", new GeoPoint(38.8048, -77.0469), "US", 159_000, []) { Kind = PlaceKind.City };
    private static readonly FeedHomeArea NorthernVirginia = new(new GeoPoint(38.88, -77.1), 60);

    private static readonly Recipient Desk = new("desk", "Desk", null, "desk@example.org", [Channel.Email]);
    private static readonly Watchlist Office = new(
        "office", "Alexandria office", "security", Severity.Severe, [KeywordRule.FromQuery("shooting")],
        [Geofence.Circle("Alexandria office", new GeoPoint(38.80, -77.05), 10)], ["desk"]);

    private static readonly Place Arlington = new("Arlington", new GeoPoint(38.88, -77.1), "US", 230_000, []) { Kind = PlaceKind.City };
    private static readonly Place Fairfax = new("Fairfax", new GeoPoint(38.85, -77.31), "US", 24_000, []) { Kind = PlaceKind.City };
    private static readonly Place Giza = new("Giza", new GeoPoint(30.01, 31.21), "EG", 4_000_000, []) { Kind = PlaceKind.City };

    private readonly InMemoryMatchStore _matches = new();
    private readonly InMemoryFeedStateStore _states = new();

    /// <summary>Earlier items' confident places, one list per item, as the feed's state keeps them.</summary>
    private static IReadOnlyList<IReadOnlyList<GeoPoint>> Recent(params GeoPoint[] oneEach) => [.. oneEach.Select(p => (IReadOnlyList<GeoPoint>)[p])];

    private static FeedSource Feed(string id, FeedHomeArea? home) =>
        new(id, id, new Uri($"https://{id}.example.org/rss"), TimeSpan.FromMinutes(5)) { Home = home };

    private async Task RunAsync(FeedSource feed, string title = "Shooting outside a school in Alexandria")
    {
        var options = new AlertsOptions();
        var incidents = new InMemoryIncidentStore();
        var outbox = new InMemoryOutbox();
        var alerter = new IncidentAlerter(incidents, outbox, new InMemoryRecipientStateStore(), new AlertPlanner(new AlertComposer(options), options), new AlertComposer(options), options);
        var item = new FeedItem(feed.Id + "-1", feed.Id, title, "", null, Now.AddMinutes(-10), null);
        var batch = new PollFeedBatch(
            new InMemoryConfigStore(new MonitorConfig([feed], [Office], [Desk])), _states, new OneItemFetcher(), new OneItemParser(item),
            new InMemoryItemStore(), _matches, outbox, new InMemoryPlaceFinder([AlexandriaEgypt, AlexandriaVirginia, Arlington, Fairfax, Giza]),
            new IncidentGrouper(incidents, options), alerter, new DispatchQueue(outbox, new InMemoryWorkQueues(), options), new PollingOptions(), options);
        await batch.RunAsync(new PollBatch("c1", [feed.Id]), Now, CancellationToken.None);
    }

    [Fact]
    public async Task Run_LocalFeedWithAHomeArea_PlacesItsLoneTownAtTheLocalNamesake()
    {
        await RunAsync(Feed("gazette", NorthernVirginia));

        var match = Assert.Single(_matches.Matches);
        Assert.Equal(("office", AlexandriaVirginia.Point), (match.WatchlistId, match.Point));
    }

    [Fact]
    public async Task Run_FeedWithADeclaredCountry_PlacesItsLoneTownAtThatCountrysNamesake()
    {
        await RunAsync(Feed("national", null) with { Country = "US" });

        Assert.Equal(AlexandriaVirginia.Point, Assert.Single(_matches.Matches).Point);
    }

    [Fact]
    public async Task Run_FeedWithoutAHomeArea_PlacesTheLoneTownAtTheLargerNamesakeOutsideTheFence()
    {
        await RunAsync(Feed("wire", null));

        Assert.Empty(_matches.Matches);
    }

    [Fact]
    public async Task Run_FeedWhoseRecentItemsNameLocalTowns_LearnsItsAreaAndPlacesTheLoneTownThere()
    {
        await _states.SaveAsync(new FeedState("gazette") { RecentPlaces = Recent(Arlington.Point, Fairfax.Point, Arlington.Point) }, CancellationToken.None);

        await RunAsync(Feed("gazette", null));

        Assert.Equal(AlexandriaVirginia.Point, Assert.Single(_matches.Matches).Point);
    }

    [Fact]
    public async Task Run_FeedWithADeclaredArea_UsesItOverTheAreaItsRecentItemsTeach()
    {
        await _states.SaveAsync(new FeedState("gazette") { RecentPlaces = Recent(Giza.Point, Giza.Point, Giza.Point) }, CancellationToken.None);

        await RunAsync(Feed("gazette", NorthernVirginia));

        Assert.Equal(AlexandriaVirginia.Point, Assert.Single(_matches.Matches).Point);
    }

    [Fact]
    public async Task Run_FeedWithoutADeclaredArea_AddsItsNewItemsPlacesToItsRecentPlaces()
    {
        await _states.SaveAsync(new FeedState("gazette") { RecentPlaces = Recent(Arlington.Point) }, CancellationToken.None);

        await RunAsync(Feed("gazette", null), "Council meets in Fairfax");

        Assert.Equal([[Arlington.Point], [Fairfax.Point]], _states.States["gazette"].RecentPlaces);
    }

    [Fact]
    public async Task Run_FeedWithADeclaredArea_KeepsNoRecentPlaces()
    {
        await RunAsync(Feed("gazette", NorthernVirginia), "Council meets in Fairfax");

        Assert.Empty(_states.States["gazette"].RecentPlaces);
    }

    [Fact]
    public void Tally_MoreItemsThanItsCapacity_KeepsTheLatest()
    {
        var state = new FeedState("gazette") { RecentPlaces = Recent([.. Enumerable.Repeat(Giza.Point, FeedPlaceTally.Capacity)]) };
        var fresh = new FeedItem("n", "gazette", "Council meets in Fairfax", "", null, Now, null);

        var tally = FeedHomeAreas.Tally(Feed("gazette", null), state, [fresh], new InMemoryPlaceFinder([Fairfax]));

        Assert.Equal(FeedPlaceTally.Capacity, tally.Places.Count);
        Assert.Equal([Fairfax.Point], tally.Places[^1]);
    }

    [Fact]
    public void Tally_StateKeptWithoutNamesakes_PadsThemSoTheNewItemsNamesakesStayAligned()
    {
        var state = new FeedState("gazette") { RecentPlaces = Recent(Giza.Point, Giza.Point) };
        var fresh = new FeedItem("n", "gazette", "Council meets in Fairfax", "", null, Now, null);

        var tally = FeedHomeAreas.Tally(Feed("gazette", null), state, [fresh], new InMemoryPlaceFinder([Fairfax]));

        Assert.Equal(3, tally.Places.Count);
        Assert.Equal(3, tally.Namesakes.Count);
        Assert.All(tally.Namesakes, Assert.Empty);
    }

    private sealed class OneItemFetcher : IFeedFetcher
    {
        public Task<FetchResult> FetchAsync(FeedSource feed, FeedState state, CancellationToken cancellationToken) =>
            Task.FromResult(new FetchResult(FetchStatus.Fetched, [1], "application/rss+xml", HttpStatus: 200));
    }

    private sealed class OneItemParser(FeedItem item) : IFeedParser
    {
        public ParsedFeed ParseFeed(FeedSource feed, byte[] body, string? contentType) => new(feed.Name, null, null, [item]);
    }
}
