using Microsoft.Extensions.Time.Testing;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Polling;
using NgoMonitor.Core.Storage;
using NgoMonitor.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Core.Polling;

/// <summary>The per-feed pipeline against in-memory stores and scripted fetcher and parser: no network, no storage emulator.</summary>
public sealed class PollFeedBatchTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly FeedSource Wire = new("wire", "Wire", new Uri("https://news.example.org/rss"), TimeSpan.FromMinutes(5));
    private static readonly Recipient Desk = new("desk", "Desk", null, "desk@example.org", [Channel.Email]);
    private static readonly Recipient Admin = new("admin", "Admin", null, "admin@example.org", [Channel.Email], IsAdmin: true);
    private static readonly Watchlist Hospitals = new("hospitals", "Hospitals", "health", Severity.Severe, [KeywordRule.FromQuery("hospital* AND (shell* OR bomb*)")], [], ["desk"]);

    private static FeedItem Item(string id, string title) => new(id, "wire", title, "", "https://news.example.org/" + id, Now.AddMinutes(-10), null);

    private readonly InMemoryFeedStateStore _states = new();
    private readonly InMemoryItemStore _items = new();
    private readonly InMemoryMatchStore _matches = new();
    private readonly InMemoryOutbox _outbox = new();
    private readonly InMemoryIncidentStore _incidents = new();
    private readonly InMemoryWorkQueues _queues = new();
    private readonly FakeTimeProvider _time = new(Now);

    private static readonly FeedSource Agency = new("agency", "Agency", new Uri("https://agency.example.org/rss"), TimeSpan.FromMinutes(5));

    private PollFeedBatch Batch(Func<FeedSource, FetchResult> fetch, Func<ParsedFeed> parse, IFeedStateStore? states = null) =>
        Batch(fetch, _ => parse(), [Wire], states);

    private PollFeedBatch Batch(Func<FeedSource, FetchResult> fetch, Func<FeedSource, ParsedFeed> parse, IReadOnlyList<FeedSource> feeds, IFeedStateStore? states = null, IItemStore? items = null, IMatchStore? matches = null)
    {
        var options = new AlertsOptions();
        var planner = new AlertPlanner(new AlertComposer(options), options);
        var alerter = new IncidentAlerter(_incidents, _outbox, new InMemoryRecipientStateStore(), planner, new AlertComposer(options), options);
        return new PollFeedBatch(new InMemoryConfigStore(new MonitorConfig(feeds, [Hospitals], [Desk, Admin])), states ?? _states, new ScriptedFetcher(fetch), new ScriptedParser(parse),
            items ?? _items, matches ?? _matches, _outbox, new NoPlaces(), new IncidentGrouper(_incidents, options), alerter, new DispatchQueue(_outbox, _queues, options), new PollingOptions(), options);
    }

    private static FetchResult Ok(FeedSource _) => new(FetchStatus.Fetched, [1], "application/rss+xml", "\"v1\"", HttpStatus: 200);

    private static ParsedFeed Feed(params FeedItem[] items) => new("Wire", null, null, items);

    private static Task<BatchReport> RunAsync(PollFeedBatch batch) => batch.RunAsync(new PollBatch("c1", [Wire.Id]), Now, CancellationToken.None);

    [Fact]
    public async Task Run_NewItemMatchingAWatchlist_StoresItsMatchAndIncidentAndQueuesTheAlert()
    {
        var report = await RunAsync(Batch(Ok, () => Feed(Item("a", "Hospital shelled in Azaz"), Item("b", "Market reopens"))));

        var outcome = Assert.Single(report.Feeds);
        Assert.Equal((FeedOutcomeKind.Fetched, 2, 2, 1), (outcome.Kind, outcome.Items, outcome.NewItems, outcome.Matches));
        Assert.Equal(["a", "b"], _items.Items.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal("hospitals", Assert.Single(_matches.Matches).WatchlistId);
        Assert.Single(_incidents.Incidents);
        var row = Assert.Single(_outbox.Rows);
        Assert.Equal(("desk", Channel.Email), (row.RecipientId, row.Channel));
        Assert.Equal(new OutboxRef("desk", row.Id), Assert.Single(Assert.Single(_queues.Dispatch).Batch.Rows));
        Assert.Equal("\"v1\"", _states.States["wire"].ETag);
    }

    /// <summary>The batch queues its rows itself and records the promise, so the timer's sweep in the minutes after
    /// adds no copy; only once the grace has run out does it count the message lost and queue the row again.</summary>
    [Fact]
    public async Task Run_AlertRowsQueuedByTheBatch_TheTimersSweepLeavesThemToThatMessageUntilTheGrace()
    {
        await RunAsync(Batch(Ok, () => Feed(Item("a", "Hospital shelled in Azaz"))));
        var options = new AlertsOptions();
        var dispatcher = new AlertDispatcher(_outbox, [], new InMemoryRecipientStateStore(), options, new SenderPacing(), new DispatchQueue(_outbox, _queues, options));

        var swept = new List<int>();
        for (var minute = 1; minute <= 5; minute++)
        {
            swept.Add(await dispatcher.EnqueuePendingAsync(Now.AddMinutes(minute), 20, CancellationToken.None));
        }

        Assert.Equal([0, 0, 0, 0, 1], swept);
        Assert.Equal(2, _queues.Dispatch.Count);
    }

    [Fact]
    public async Task Run_MatchedItem_PlansTheIncidentAsSavedWithoutReadingTheWindowAgain()
    {
        await RunAsync(Batch(Ok, () => Feed(Item("a", "Hospital shelled in Azaz"), Item("b", "Hospital in Azaz shelled again"))));

        // One read of the incident window: the grouper's, for the feed; the planner gets the incident it saved.
        Assert.Equal(1, _incidents.WindowReads);
        Assert.Equal(Severity.Severe, Assert.Single(_incidents.Incidents).Alerted["desk"]);
    }

    [Fact]
    public async Task Run_TwoFeedsCarryTheSameStory_OneAlertAndItsSeverityRecordedOnTheLatestVersion()
    {
        var batch = Batch(Ok, f => Feed(new FeedItem(f.Id + "-1", f.Id, "Hospital shelled in Azaz", "", null, Now.AddMinutes(-10), null)), [Wire, Agency]);

        var report = await batch.RunAsync(new PollBatch("c1", [Wire.Id, Agency.Id]), Now, CancellationToken.None);

        var incident = Assert.Single(_incidents.Incidents);
        Assert.Equal(2, incident.SourceCount);
        Assert.Equal(Severity.Severe, incident.Alerted["desk"]);
        Assert.Equal(1, report.Alerting.Planned);
        Assert.Single(_outbox.Rows);
    }

    [Fact]
    public async Task Run_SameItemsOnTheNextPoll_AreNeitherMatchedNorAlertedAgain()
    {
        var batch = Batch(Ok, () => Feed(Item("a", "Hospital shelled in Azaz")));
        await RunAsync(batch);
        _states.MakeAllDue();

        var outcome = Assert.Single((await RunAsync(batch)).Feeds);

        Assert.Equal((1, 0, 0), (outcome.Items, outcome.NewItems, outcome.Matches));
        Assert.Single(_matches.Matches);
        Assert.Single(_outbox.Rows);
    }

    [Fact]
    public async Task Run_FeedNotDue_IsNotFetched()
    {
        await _states.SaveAsync(new FeedState("wire", NextCheck: Now.AddMinutes(1)), CancellationToken.None);

        var outcome = Assert.Single((await RunAsync(Batch(_ => throw new InvalidOperationException("fetched"), () => Feed()))).Feeds);

        Assert.Equal(FeedOutcomeKind.NotDue, outcome.Kind);
    }

    [Fact]
    public async Task Run_NotModified_SkipsParsingAndKeepsTheValidators()
    {
        await _states.SaveAsync(new FeedState("wire", ETag: "\"v0\""), CancellationToken.None);

        var outcome = Assert.Single((await RunAsync(Batch(_ => new FetchResult(FetchStatus.NotModified, HttpStatus: 304), () => throw new InvalidOperationException("parsed")))).Feeds);

        Assert.Equal(FeedOutcomeKind.NotModified, outcome.Kind);
        Assert.Equal("\"v0\"", _states.States["wire"].ETag);
    }

    [Fact]
    public async Task Run_NotModified_ReadsAndSavesTheFeedStateOnceAndCallsNoOtherStore()
    {
        // A 304 costs one conditional GET and the state's read and write (validators in, next check out): nothing
        // is looked up in the item, match, incident or outbox stores and nothing is queued.
        await _states.SaveAsync(new FeedState("wire", ETag: "\"v0\""), CancellationToken.None);
        var states = new CountingStates(_states);
        var items = new CountingItems(_items);
        var matches = new CountingMatches(_matches);
        var batch = Batch(_ => new FetchResult(FetchStatus.NotModified, HttpStatus: 304), _ => throw new InvalidOperationException("parsed"), [Wire], states, items, matches);

        await RunAsync(batch);

        Assert.Equal((1, 0, 1), (states.Reads, states.ReadAlls, states.Saves));
        Assert.Equal(0, items.Calls);
        Assert.Equal(0, matches.Calls);
        Assert.Equal(0, _incidents.WindowReads);
        Assert.Empty(_incidents.Incidents);
        Assert.Empty(_outbox.Rows);
        Assert.Empty(_queues.Dispatch);
    }

    [Fact]
    public async Task Run_FetchRefused_RecordsTheFailureByKindAndBacksOff()
    {
        var refused = FetchResult.Failed(FeedErrorKind.Refused, "refused: 10.0.0.1 is not a public address");

        var outcome = Assert.Single((await RunAsync(Batch(_ => refused, () => Feed()))).Feeds);

        Assert.Equal(FeedOutcomeKind.Failed, outcome.Kind);
        Assert.Equal(FeedErrorKind.Refused, outcome.Error?.Kind);
        var state = _states.States["wire"];
        Assert.Equal((1, "refused: 10.0.0.1 is not a public address"), (state.ConsecutiveFailures, state.LastError));
        Assert.True(state.NextCheck > Now);
    }

    [Fact]
    public async Task Run_DocumentIsNotAFeed_IsABadDocumentCarryingTheParsersException()
    {
        var bad = new FeedFormatException("not a feed: an HTML page");

        var outcome = Assert.Single((await RunAsync(Batch(Ok, () => throw bad))).Feeds);

        Assert.Equal(FeedErrorKind.BadDocument, outcome.Error?.Kind);
        Assert.Same(bad, outcome.Error?.Exception);
        Assert.Equal(1, _states.States["wire"].ConsecutiveFailures);
    }

    [Fact]
    public async Task Run_ParserBug_IsUnexpectedWithItsStackAndTheFeedStaysDue()
    {
        var outcome = Assert.Single((await RunAsync(Batch(Ok, () => throw new InvalidOperationException("bug")))).Feeds);

        Assert.Equal(FeedErrorKind.Unexpected, outcome.Error?.Kind);
        Assert.Contains(nameof(ScriptedParser), Assert.IsType<InvalidOperationException>(outcome.Error?.Exception).StackTrace, StringComparison.Ordinal);
        Assert.False(_states.States.ContainsKey("wire"));
    }

    [Fact]
    public async Task Run_StateStoreFails_IsAStorageFailureWithTheStoresException()
    {
        var outcome = Assert.Single((await RunAsync(Batch(Ok, () => Feed(), new FailingStates()))).Feeds);

        Assert.Equal(FeedErrorKind.Storage, outcome.Error?.Kind);
        Assert.IsType<IOException>(outcome.Error?.Exception);
        Assert.StartsWith("storage failed: IOException", outcome.Error?.Message, StringComparison.Ordinal);
    }

    /// <summary>The feed answers 503 for three hours; the batch runs every minute of the fake clock and fetches only
    /// when the feed is due.</summary>
    [Fact]
    public async Task Run_FeedKeepsFailing_BacksOffDoublingAndTellsAdminsOnceAfterAnHour()
    {
        var fetchedAt = new List<int>();
        var batch = Batch(_ =>
        {
            fetchedAt.Add(Minutes(_time.GetUtcNow()));
            return FetchResult.Failed(FeedErrorKind.HttpStatus, "HTTP 503", 503);
        }, () => Feed());

        await EveryMinuteAsync(batch, TimeSpan.FromHours(3));

        Assert.Equal([0, 10, 30, 70, 150], fetchedAt);
        var alert = Assert.Single(_outbox.Rows);
        Assert.Equal(("admin", 70), (alert.RecipientId, Minutes(alert.CreatedAt)));
        Assert.Equal(new OutboxRef("admin", alert.Id), Assert.Single(Assert.Single(_queues.Dispatch).Batch.Rows));
        Assert.Equal(("failing", 5), (_states.States["wire"].HealthIncident, _states.States["wire"].ConsecutiveFailures));
    }

    [Fact]
    public async Task Run_FailingFeedAnswersAgain_PollsAtItsIntervalAndClosesTheHealthIncident()
    {
        await _states.SaveAsync(new FeedState("wire", ConsecutiveFailures: 4, FailingSince: Now.AddHours(-2), LastError: "HTTP 503", HealthIncident: "failing"), CancellationToken.None);

        await RunAsync(Batch(Ok, () => Feed()));

        var state = _states.States["wire"];
        Assert.Equal((0, null, null, null), (state.ConsecutiveFailures, state.FailingSince, state.LastError, state.HealthIncident));
        Assert.Equal(Now + Wire.MinInterval, state.NextCheck);
        Assert.Empty(_outbox.Rows);
    }

    [Theory]
    [InlineData("Retry-After longer than the back-off: honoured", 3600, 60)]
    [InlineData("Retry-After shorter than the back-off: the back-off", 60, 10)]
    [InlineData("Retry-After beyond the maximum back-off: clamped to it", 86400, 360)]
    public async Task Run_ServerAsksToRetryAfter_NextCheckIsTheLongerWaitWithinTheMaximum(string label, int retryAfterSeconds, int expectedMinutes)
    {
        await RunAsync(Batch(_ => FetchResult.Failed(FeedErrorKind.HttpStatus, "HTTP 429", 429, TimeSpan.FromSeconds(retryAfterSeconds)), () => Feed()));

        Assert.True(Now.AddMinutes(expectedMinutes) == _states.States["wire"].NextCheck, label);
    }

    [Theory]
    [InlineData("no ttl: the feed's interval", null, 5)]
    [InlineData("ttl of 30 minutes: honoured", 30, 30)]
    [InlineData("ttl of a day: clamped to the hour", 1440, 60)]
    public async Task Run_FeedDeclaresATtl_NextCheckWaitsItUpToTheMaximumInterval(string label, int? ttlMinutes, int expectedMinutes)
    {
        await RunAsync(Batch(Ok, () => new ParsedFeed("Wire", null, ttlMinutes is { } t ? TimeSpan.FromMinutes(t) : null, [])));

        Assert.True(Now.AddMinutes(expectedMinutes) == _states.States["wire"].NextCheck, label);
    }

    [Fact]
    public async Task Run_MatchingItemOlderThanTheMaximumAge_IsStoredAndMatchedButNotAlerted()
    {
        var old = Item("old", "Hospital shelled in Azaz") with { Published = Now - new AlertsOptions().MaxItemAge - TimeSpan.FromMinutes(1) };

        var outcome = Assert.Single((await RunAsync(Batch(Ok, () => Feed(old)))).Feeds);

        Assert.Equal((1, 1, 0), (outcome.NewItems, outcome.Matches, outcome.Alerts));
        Assert.Single(_items.Items);
        Assert.Empty(_incidents.Incidents);
        Assert.Empty(_outbox.Rows);
    }

    private static int Minutes(DateTimeOffset at) => (int)(at - Now).TotalMinutes;

    /// <summary>Runs the batch at every minute of the fake clock for <paramref name="span"/>, as the timer's fan-out would queue it.</summary>
    private async Task EveryMinuteAsync(PollFeedBatch batch, TimeSpan span)
    {
        for (var at = TimeSpan.Zero; at < span; at += TimeSpan.FromMinutes(1))
        {
            await batch.RunAsync(new PollBatch("c" + at.TotalMinutes, [Wire.Id]), _time.GetUtcNow(), CancellationToken.None);
            _time.Advance(TimeSpan.FromMinutes(1));
        }
    }

    private sealed class ScriptedFetcher(Func<FeedSource, FetchResult> fetch) : IFeedFetcher
    {
        public Task<FetchResult> FetchAsync(FeedSource feed, FeedState state, CancellationToken cancellationToken) => Task.FromResult(fetch(feed));
    }

    private sealed class ScriptedParser(Func<FeedSource, ParsedFeed> parse) : IFeedParser
    {
        public ParsedFeed ParseFeed(FeedSource feed, byte[] body, string? contentType) => parse(feed);
    }

    private sealed class NoPlaces : IPlaceFinder
    {
        public IReadOnlyList<PlaceMention> FindPlaces(string text) => [];
    }

    private sealed class CountingStates(IFeedStateStore inner) : IFeedStateStore
    {
        public int Reads { get; private set; }

        public int ReadAlls { get; private set; }

        public int Saves { get; private set; }

        public Task<FeedState> GetAsync(string feedId, CancellationToken cancellationToken)
        {
            Reads++;
            return inner.GetAsync(feedId, cancellationToken);
        }

        public Task<IReadOnlyDictionary<string, FeedState>> GetAllAsync(CancellationToken cancellationToken)
        {
            ReadAlls++;
            return inner.GetAllAsync(cancellationToken);
        }

        public Task SaveAsync(FeedState state, CancellationToken cancellationToken)
        {
            Saves++;
            return inner.SaveAsync(state, cancellationToken);
        }
    }

    private sealed class CountingItems(IItemStore inner) : IItemStore
    {
        public int Calls { get; private set; }

        public Task<IReadOnlyList<FeedItem>> WhereNewAsync(IReadOnlyList<FeedItem> items, CancellationToken cancellationToken)
        {
            Calls++;
            return inner.WhereNewAsync(items, cancellationToken);
        }

        public Task AddAsync(IReadOnlyList<FeedItem> items, DateTimeOffset seenAt, CancellationToken cancellationToken)
        {
            Calls++;
            return inner.AddAsync(items, seenAt, cancellationToken);
        }
    }

    private sealed class CountingMatches(IMatchStore inner) : IMatchStore
    {
        public int Calls { get; private set; }

        public Task AddAsync(IReadOnlyList<WatchlistMatch> matches, IReadOnlyDictionary<string, Watchlist> watchlists, DateTimeOffset matchedAt, CancellationToken cancellationToken)
        {
            Calls++;
            return inner.AddAsync(matches, watchlists, matchedAt, cancellationToken);
        }
    }

    private sealed class FailingStates : IFeedStateStore
    {
        public Task<FeedState> GetAsync(string feedId, CancellationToken cancellationToken) => throw new IOException("table unreachable");

        public Task<IReadOnlyDictionary<string, FeedState>> GetAllAsync(CancellationToken cancellationToken) => throw new IOException("table unreachable");

        public Task SaveAsync(FeedState state, CancellationToken cancellationToken) => throw new IOException("table unreachable");
    }
}
