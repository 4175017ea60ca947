using System.Globalization;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Feeds;

namespace NgoMonitor.Core.Polling;

public enum FeedOutcomeKind
{
    NotDue,
    NotModified,
    Fetched,
    Failed,
}

/// <summary>What happened to one feed in one cycle.</summary>
/// <param name="Error">Why it failed, when <see cref="Kind"/> is <see cref="FeedOutcomeKind.Failed"/>.</param>
public sealed record FeedOutcome(string FeedId, FeedOutcomeKind Kind, int Items = 0, int NewItems = 0, int Matches = 0, int Alerts = 0, FeedError? Error = null, string? Warning = null)
{
    public override string ToString() => Kind switch
    {
        FeedOutcomeKind.Failed => $"feed {FeedId}: failed: {Error?.Message}",
        FeedOutcomeKind.Fetched => $"feed {FeedId}: {Items} items, {NewItems} new, {Matches} matches, {Alerts} incidents" + (Warning is null ? "" : $" (warning: {Warning})"),
        _ => $"feed {FeedId}: {Kind}",
    };
}

/// <summary>The result of one poll cycle: each feed's outcome and what was dispatched.</summary>
public sealed record CycleReport(DateTimeOffset Started, IReadOnlyList<FeedOutcome> Feeds, DispatchReport Dispatch)
{
    /// <summary>What the alerting step planned, held, digested and escalated.</summary>
    public AlertingReport Alerting { get; init; } = new(0, 0, 0, 0);

    public int NewItems => Feeds.Sum(f => f.NewItems);

    public int Matches => Feeds.Sum(f => f.Matches);

    public int FailedFeeds => Feeds.Count(f => f.Kind == FeedOutcomeKind.Failed);

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"cycle {Started:O}: {Feeds.Count(f => f.Kind != FeedOutcomeKind.NotDue)} feeds polled ({Feeds.Count(f => f.Kind == FeedOutcomeKind.NotModified)} not modified, {FailedFeeds} failed), {NewItems} new items, {Matches} matches; {Alerting.Planned} alert messages planned, {Alerting.Held} held; dispatched {Dispatch.Sent} sent, {Dispatch.Printed} printed, {Dispatch.Retrying} to retry, {Dispatch.Failed} failed");

    /// <summary>Lines for the Functions host's invocation log: the summary, then each polled feed.</summary>
    public IReadOnlyList<string> LogLines() =>
        [Summary, .. Feeds.Where(f => f.Kind != FeedOutcomeKind.NotDue).Select(f => f.ToString())];
}

/// <summary>What one poll queue message did: each feed's outcome, the alerts planned, the rows sent to the dispatch queue.</summary>
public sealed record BatchReport(string Cycle, IReadOnlyList<FeedOutcome> Feeds, AlertingReport Alerting, int RowsToDispatch)
{
    public IReadOnlyList<string> LogLines() =>
        [string.Create(CultureInfo.InvariantCulture, $"batch of cycle {Cycle}: {Feeds.Count} feeds, {Feeds.Sum(f => f.NewItems)} new items, {Feeds.Sum(f => f.Matches)} matches; {Alerting.Planned} alert messages planned, {Alerting.Held} held; {RowsToDispatch} rows to the dispatch queue"),
         .. Feeds.Where(f => f.Kind != FeedOutcomeKind.NotDue).Select(f => f.ToString())];
}

/// <summary>
/// What one PollFeeds tick did: the due feeds it enqueued (in how many poll queue messages), the feeds not due, the
/// time-driven alerting (digests, escalations, re-planning) and the pending outbox rows swept to the dispatch queue.
/// </summary>
public sealed record FanOutReport(DateTimeOffset Started, int Enqueued, int Batches, IReadOnlyList<FeedOutcome> NotDue, AlertingReport Alerting, int Swept)
{
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"PollFeeds {Started:O}: {Enqueued} due feeds enqueued in {Batches} batches, {NotDue.Count} not due; {Alerting.Planned} alert messages planned, {Alerting.Digests} digests, {Alerting.Escalated} escalated; {Swept} pending rows to the dispatch queue");
}
