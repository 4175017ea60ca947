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
/// as the local namesake, so a geofence around it alerts; a feed without one reads the larger namesake.</summary>
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

    private readonly InMemoryMatchStore _matches = new();

    private static FeedSource Feed(string id, FeedHomeArea? home) =>
        new(id, id, new Uri($"https://{id}.example.org/rss"), TimeSpan.FromMinutes(5)) { Home = home };

    private async Task RunAsync(FeedSource feed)
    {
        var options = new AlertsOptions();
        var incidents = new InMemoryIncidentStore();
        var outbox = new InMemoryOutbox();
        var alerter = new IncidentAlerter(incidents, outbox, new InMemoryRecipientStateStore(), new AlertPlanner(new AlertComposer(options), options), new AlertComposer(options), options);
        var item = new FeedItem(feed.Id + "-1", feed.Id, "Shooting outside a school in Alexandria", "", null, Now.AddMinutes(-10), null);
        var batch = new PollFeedBatch(
            new InMemoryConfigStore(new MonitorConfig([feed], [Office], [Desk])), new InMemoryFeedStateStore(), new OneItemFetcher(), new OneItemParser(item),
            new InMemoryItemStore(), _matches, outbox, new InMemoryPlaceFinder([AlexandriaEgypt, AlexandriaVirginia]),
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
    public async Task Run_FeedWithoutAHomeArea_PlacesTheLoneTownAtTheLargerNamesakeOutsideTheFence()
    {
        await RunAsync(Feed("wire", null));

        Assert.Empty(_matches.Matches);
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
