using System.Collections.Concurrent;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Core.Polling;

/// <summary>
/// One poll cycle: every due feed goes through fetch → parse → keep new → match → fold into incidents →
/// schedule; then alerts are planned per incident into the outbox, and the outbox is dispatched. <see cref="PollFeedAsync"/> is the whole pipeline, top to bottom.
/// The caller supplies "now" (the core has no clock); one bad feed never fails the cycle.
/// </summary>
public sealed class PollCycle(
    IConfigStore configStore,
    IFeedStateStore feedStates,
    IFeedFetcher fetcher,
    IFeedParser parser,
    IItemStore items,
    IMatchStore matchStore,
    IPlaceFinder places,
    IncidentGrouper incidents,
    IncidentAlerter alerter,
    AlertDispatcher dispatcher,
    PollingOptions polling,
    AlertsOptions alerting)
{
    public async Task<CycleReport> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var config = await configStore.LoadAsync(cancellationToken);
        var matcher = new WatchlistMatcher(config.Watchlists, places);
        var recipients = config.Recipients.ToDictionary(r => r.Id);

        var outcomes = new ConcurrentBag<FeedOutcome>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = polling.MaxConcurrentFeeds, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(config.Feeds, parallel, async (feed, token) =>
            outcomes.Add(await PollFeedGuardedAsync(feed, matcher, recipients, now, token)));

        // One alert per incident and recipient, after every feed had its say (three feeds, one alert naming three sources).
        var planned = await alerter.RunAsync(config, now, cancellationToken);
        var dispatch = await dispatcher.DispatchPendingAsync(now, cancellationToken);
        return new CycleReport(now, [.. outcomes.OrderBy(o => o.FeedId, StringComparer.Ordinal)], dispatch) { Alerting = planned };
    }

    /// <summary>The pipeline for one feed.</summary>
    private async Task<FeedOutcome> PollFeedAsync(FeedSource feed, WatchlistMatcher matcher, IReadOnlyDictionary<string, Recipient> recipients, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = await feedStates.GetAsync(feed.Id, cancellationToken);
        if (!state.IsDue(now))
        {
            return new FeedOutcome(feed.Id, FeedOutcomeKind.NotDue);
        }

        // 1. Conditional GET with the stored validators (RFC 9110 §13.1).
        var fetched = await fetcher.FetchAsync(feed, state, cancellationToken);
        if (fetched.Status == FetchStatus.Failed)
        {
            return await FailAsync(feed, state, fetched.Error ?? "fetch failed", fetched.RetryAfter, now, cancellationToken);
        }

        if (fetched.Status == FetchStatus.NotModified)
        {
            await feedStates.SaveAsync(Succeeded(feed, state, fetched, now), cancellationToken);
            return new FeedOutcome(feed.Id, FeedOutcomeKind.NotModified);
        }

        // 2. Parse and normalise.
        IReadOnlyList<FeedItem> parsed;
        try
        {
            parsed = parser.Parse(feed, fetched.Body ?? [], fetched.ContentType);
        }
        catch (FeedFormatException ex)
        {
            return await FailAsync(feed, state, ex.Message, null, now, cancellationToken);
        }

        // 3. Keep only items never seen before.
        var fresh = await items.WhereNewAsync(parsed, cancellationToken);

        // 4. Match against every watchlist and record why.
        var matched = fresh.Select(item => (Item: item, Matches: matcher.Match(item))).Where(x => x.Matches.Count > 0).ToList();
        await matchStore.AddAsync([.. matched.SelectMany(x => x.Matches)], now, cancellationToken);

        // 5. Fold items recent enough to be news into incidents (the same story from several feeds is one incident).
        var touched = await incidents.RecordAsync(feed, [.. matched.Where(x => x.Item.Published is null || now - x.Item.Published <= alerting.MaxItemAge)], now, cancellationToken);

        // 6. Remember the items last: a crash before this line folds the same items again (an item joins its own incident).
        await items.AddAsync(fresh, now, cancellationToken);

        // 7. Schedule the next check.
        await feedStates.SaveAsync(Succeeded(feed, state, fetched, now), cancellationToken);
        return new FeedOutcome(feed.Id, FeedOutcomeKind.Fetched, parsed.Count, fresh.Count, matched.Sum(x => x.Matches.Count), touched.Count);
    }

    private async Task<FeedOutcome> PollFeedGuardedAsync(FeedSource feed, WatchlistMatcher matcher, IReadOnlyDictionary<string, Recipient> recipients, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            return await PollFeedAsync(feed, matcher, recipients, now, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A storage hiccup or a parser bug on one feed must not stop the others; the reason is reported.
            return new FeedOutcome(feed.Id, FeedOutcomeKind.Failed, Error: "unexpected " + ex.GetType().Name + ": " + ex.Message);
        }
    }

    private FeedState Succeeded(FeedSource feed, FeedState state, FetchResult fetched, DateTimeOffset now) => state with
    {
        ETag = fetched.ETag ?? state.ETag,
        LastModified = fetched.LastModified ?? state.LastModified,
        LastAttempt = now,
        LastSuccess = now,
        LastError = null,
        ConsecutiveFailures = 0,
        NextCheck = FeedSchedule.NextCheck(now, feed.MinInterval, 0, fetched.RetryAfter, polling.MaxBackoff),
    };

    private async Task<FeedOutcome> FailAsync(FeedSource feed, FeedState state, string error, TimeSpan? retryAfter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var failures = state.ConsecutiveFailures + 1;
        await feedStates.SaveAsync(state with
        {
            LastAttempt = now,
            LastError = error,
            ConsecutiveFailures = failures,
            NextCheck = FeedSchedule.NextCheck(now, feed.MinInterval, failures, retryAfter, polling.MaxBackoff),
        }, cancellationToken);
        return new FeedOutcome(feed.Id, FeedOutcomeKind.Failed, Error: error);
    }
}
