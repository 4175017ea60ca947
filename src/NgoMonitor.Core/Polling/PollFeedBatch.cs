using System.Collections.Concurrent;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Matching.Relevance;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Core.Polling;

/// <summary>
/// The poll queue's consumer: one message (<see cref="PollBatch"/>) of due feeds, on whichever instance took it. Each
/// feed goes through fetch → parse → keep new → match → fold into incidents → schedule (<see cref="PollFeedAsync"/>
/// is that pipeline, top to bottom); then alerts are planned for the incidents this batch touched and the rows to
/// send go to the dispatch queue. The caller supplies "now" (the core has no clock); one bad feed never fails the
/// batch. A redelivered batch (its consumer died) is harmless: a feed it already did is no longer due, an item
/// already stored is not new, and outbox rows have deterministic ids, added only when absent.
/// </summary>
public sealed class PollFeedBatch(
    IConfigStore configStore,
    IFeedStateStore feedStates,
    IFeedFetcher fetcher,
    IFeedParser parser,
    IItemStore items,
    IMatchStore matchStore,
    IOutbox outbox,
    IPlaceFinder places,
    IncidentGrouper incidents,
    IncidentAlerter alerter,
    DispatchQueue dispatchQueue,
    PollingOptions polling,
    AlertsOptions alerting)
{
    private CompiledMatcher? _matcher;

    public async Task<BatchReport> RunAsync(PollBatch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var config = await configStore.LoadRulesAsync(cancellationToken);
        var context = new BatchContext(MatcherFor(config.Watchlists), [.. config.Recipients.Where(r => r.IsAdmin)], now, new ConcurrentBag<OutboxRef>(), new TouchedIncidents());

        // The message names feeds; what is fetched is what admins stored (an id no longer stored is skipped).
        var feeds = await configStore.LoadFeedsAsync([.. batch.FeedIds.Distinct(StringComparer.Ordinal)], cancellationToken);
        var outcomes = new ConcurrentBag<FeedOutcome>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = polling.MaxConcurrentFeeds, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(feeds, parallel, async (feed, token) =>
            outcomes.Add(await PollFeedGuardedAsync(feed, context, token)));

        // One alert per incident and recipient for what this batch folded (the incidents as saved, handed over whole);
        // the rows leave through the dispatch queue.
        var plan = await alerter.PlanTouchedAsync(config, context.Touched.All, now, cancellationToken);
        var rows = plan.ToSend.Concat(context.ToSend).Distinct().ToList();
        await dispatchQueue.QueueInsertedAsync(rows, polling.RowsPerDispatchMessage, cancellationToken);

        return new BatchReport(batch.Cycle, [.. outcomes.OrderBy(o => o.FeedId, StringComparer.Ordinal)], plan.Report, rows.Count);
    }

    /// <summary>
    /// The compiled matcher for these watchlists: recompiled only when they changed (compiling thousands of
    /// rules costs hundreds of milliseconds, every batch otherwise). A new matcher replaces the old one whole.
    /// </summary>
    private WatchlistMatcher MatcherFor(IReadOnlyList<Watchlist> watchlists)
    {
        var key = WatchlistMatcher.Fingerprint(watchlists);
        var cached = Volatile.Read(ref _matcher);
        if (cached is not null && cached.Key == key)
        {
            return cached.Matcher;
        }

        var fresh = new CompiledMatcher(key, new WatchlistMatcher(watchlists, places, relevance: RelevanceModel.Shipped));
        Volatile.Write(ref _matcher, fresh);
        return fresh.Matcher;
    }

    private sealed record CompiledMatcher(string Key, WatchlistMatcher Matcher);

    /// <summary>What every feed of a batch shares, and what they hand back: outbox rows to send, incidents touched.</summary>
    private sealed record BatchContext(WatchlistMatcher Matcher, IReadOnlyList<Recipient> Admins, DateTimeOffset Now, ConcurrentBag<OutboxRef> ToSend, TouchedIncidents Touched);

    /// <summary>The pipeline for one feed. <paramref name="step"/> says what kind of failure an exception escaping
    /// from here is: the store ports' calls are storage failures, the rest (fetcher, parser, matcher) bugs.</summary>
    private async Task<FeedOutcome> PollFeedAsync(FeedSource feed, BatchContext context, FeedStep step, CancellationToken cancellationToken)
    {
        var (matcher, now) = (context.Matcher, context.Now);
        var state = await feedStates.GetAsync(feed.Id, cancellationToken);
        if (!state.IsDue(now))
        {
            return new FeedOutcome(feed.Id, FeedOutcomeKind.NotDue);
        }

        // 1. Conditional GET with the stored validators (RFC 9110 §13.1); a permanent redirect updates the stored URL.
        var fetched = await step.RunAsync(FeedErrorKind.Unexpected, () => fetcher.FetchAsync(feed, state, cancellationToken));
        await RememberMoveAsync(feed, fetched.MovedTo, cancellationToken);
        if (fetched.Status == FetchStatus.Failed)
        {
            return await FailAsync(feed, state, fetched.Failure ?? new FeedError(FeedErrorKind.Unexpected, "fetch failed"), fetched.RetryAfter, context, cancellationToken);
        }

        if (fetched.Status == FetchStatus.NotModified)
        {
            await SaveWithHealthAsync(feed, Succeeded(feed, state, fetched, null, 0, now), context, cancellationToken);
            return new FeedOutcome(feed.Id, FeedOutcomeKind.NotModified);
        }

        // 2. Parse and normalise (decoding, DTD rule, identity and story keys happen in the parser).
        ParsedFeed document;
        try
        {
            document = step.Run(FeedErrorKind.Unexpected, () => parser.ParseFeed(feed, fetched.Body ?? [], fetched.ContentType));
        }
        catch (FeedFormatException ex)
        {
            return await FailAsync(feed, state, new FeedError(FeedErrorKind.BadDocument, ex.Message, ex), null, context, cancellationToken);
        }

        var parsed = document.Items;

        // 3. Keep only items never seen before.
        var fresh = await items.WhereNewAsync(parsed, cancellationToken);

        // 4. Match against every watchlist and record why. A copy of a story another feed carried is matched too:
        //    step 5 folds it into the same incident, which then counts one more source instead of alerting again.
        //    The feed's home area (declared, else learned) lets the place finder read a town named alone as the local one.
        var geo = fresh.Count == 0 ? GeoContext.None : FeedHomeAreas.ContextFor(feed, state);
        var matched = step.Run(FeedErrorKind.Unexpected, () => fresh.Select(item => (Item: item, Matches: matcher.Match(item, feed.Language, geo))).Where(x => x.Matches.Count > 0).ToList());
        await matchStore.AddAsync([.. matched.SelectMany(x => x.Matches)], matcher.Watchlists, now, cancellationToken);

        // 5. Fold items recent enough to be news into incidents (the same story from several feeds is one incident).
        var touched = await incidents.RecordAsync(feed, [.. matched.Where(x => x.Item.Published is null || now - x.Item.Published <= alerting.MaxItemAge)], now, context.Touched, cancellationToken);

        // 6. Remember the items last: a crash before this line folds the same items again (an item joins its own incident).
        await items.AddAsync(fresh, now, cancellationToken);

        // 7. Schedule the next check, update the feed's health (one admin alert per incident) and the places its home
        //    area is learned from.
        var (recentPlaces, recentNamesakes) = step.Run(FeedErrorKind.Unexpected, () => FeedHomeAreas.Tally(feed, state, fresh, places));
        await SaveWithHealthAsync(feed, Succeeded(feed, state, fetched, document.Ttl, fresh.Count, now) with { RecentPlaces = recentPlaces, RecentNamesakes = recentNamesakes }, context, cancellationToken);
        return new FeedOutcome(feed.Id, FeedOutcomeKind.Fetched, parsed.Count, fresh.Count, matched.Sum(x => x.Matches.Count), touched.Count, Warning: document.Warning);
    }

    private async Task<FeedOutcome> PollFeedGuardedAsync(FeedSource feed, BatchContext context, CancellationToken cancellationToken)
    {
        var step = new FeedStep();
        try
        {
            return await PollFeedAsync(feed, context, step, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A storage hiccup or a parser bug on one feed must not stop the others; the exception goes back with its
            // kind (the feed stays due: nothing was saved, so the next cycle tries again).
            var what = step.IfThrown == FeedErrorKind.Storage ? "storage failed: " : "unexpected ";
            return new FeedOutcome(feed.Id, FeedOutcomeKind.Failed, Error: new FeedError(step.IfThrown, what + ex.GetType().Name + ": " + ex.Message, ex));
        }
    }

    /// <summary>What an exception escaping the pipeline now would be: <see cref="FeedErrorKind.Storage"/> except while
    /// a step that calls no store port runs.</summary>
    private sealed class FeedStep
    {
        public FeedErrorKind IfThrown { get; private set; } = FeedErrorKind.Storage;

        public T Run<T>(FeedErrorKind kind, Func<T> action)
        {
            IfThrown = kind;
            try
            {
                var result = action();
                IfThrown = FeedErrorKind.Storage;
                return result;
            }
            catch (FeedFormatException)
            {
                IfThrown = FeedErrorKind.Storage; // a bad document is an answer, handled by the pipeline
                throw;
            }
        }

        public async Task<T> RunAsync<T>(FeedErrorKind kind, Func<Task<T>> action)
        {
            IfThrown = kind;
            var result = await action();
            IfThrown = FeedErrorKind.Storage;
            return result;
        }
    }

    private FeedState Succeeded(FeedSource feed, FeedState state, FetchResult fetched, TimeSpan? ttl, int newItems, DateTimeOffset now) =>
        FeedHealth.CountItems(state, newItems, now) with
        {
            ETag = fetched.ETag ?? state.ETag,
            LastModified = fetched.LastModified ?? state.LastModified,
            LastAttempt = now,
            LastSuccess = now,
            LastError = null,
            ConsecutiveFailures = 0,
            FailingSince = null,
            NextCheck = FeedSchedule.NextCheck(now, feed.MinInterval, 0, fetched.RetryAfter, polling.MaxBackoff, Longest(ttl, fetched.MaxAge), polling.MaxInterval),
        };

    private static TimeSpan? Longest(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private async Task<FeedOutcome> FailAsync(FeedSource feed, FeedState state, FeedError error, TimeSpan? retryAfter, BatchContext context, CancellationToken cancellationToken)
    {
        var now = context.Now;
        var failures = state.ConsecutiveFailures + 1;
        await SaveWithHealthAsync(feed, state with
        {
            LastAttempt = now,
            LastError = error.Message,
            ConsecutiveFailures = failures,
            FailingSince = state.FailingSince ?? now,
            NextCheck = FeedSchedule.NextCheck(now, feed.MinInterval, failures, retryAfter, polling.MaxBackoff),
        }, context, cancellationToken);
        return new FeedOutcome(feed.Id, FeedOutcomeKind.Failed, Error: error);
    }

    /// <summary>Saves the state; a new health incident is reported to admins through the outbox once, and closed when healthy.</summary>
    private async Task SaveWithHealthAsync(FeedSource feed, FeedState state, BatchContext context, CancellationToken cancellationToken)
    {
        var problem = FeedHealth.Assess(state, context.Now);
        if (problem != FeedProblem.None && state.HealthIncident is null)
        {
            // Queued by this batch when it ends (promised at insert: the timer's sweep leaves them to that message).
            var messages = FeedHealth.AlertMessages(feed, state, problem, context.Admins, context.Now)
                .Select(m => DispatchQueue.Promised(m, context.Now))
                .ToList();
            await outbox.AddAsync(messages, cancellationToken);
            foreach (var message in messages.Where(m => m.Status == DeliveryStatus.Pending))
            {
                context.ToSend.Add(new OutboxRef(message.RecipientId, message.Id));
            }

            state = state with { HealthIncident = problem.ToString().ToLowerInvariant() };
        }
        else if (problem == FeedProblem.None && state.HealthIncident is not null)
        {
            state = state with { HealthIncident = null };
        }

        await feedStates.SaveAsync(state, cancellationToken);
    }

    private async Task RememberMoveAsync(FeedSource feed, Uri? movedTo, CancellationToken cancellationToken)
    {
        if (movedTo is not null && movedTo != feed.Url)
        {
            await configStore.UpsertAsync(new MonitorConfig([feed with { Url = movedTo }], [], []), cancellationToken);
        }
    }
}
