using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Polling;

namespace NgoMonitor.Host.Telemetry;

/// <summary>
/// The host's log messages, source-generated: constant templates with structured fields (a report's figures each in
/// its own field, a failure's exception with its stack), no formatting unless the level is on. Event ids 2000–2099.
/// </summary>
internal static partial class HostLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "PollFeeds {Started:O}: {Enqueued} due feeds enqueued in {Batches} batches, {NotDue} not due; {Planned} alert messages planned, {Digests} digests, {Escalated} escalated; {Swept} pending rows to the dispatch queue")]
    private static partial void PollFeedsDone(ILogger logger, DateTimeOffset started, int enqueued, int batches, int notDue, int planned, int digests, int escalated, int swept);

    public static void PollFeedsDone(this ILogger logger, FanOutReport report) =>
        PollFeedsDone(logger, report.Started, report.Enqueued, report.Batches, report.NotDue.Count, report.Alerting.Planned, report.Alerting.Digests, report.Alerting.Escalated, report.Swept);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Cycle {Started:O}: {Polled} feeds polled ({NotModified} not modified, {Failed} failed), {NewItems} new items, {Matches} matches; {Planned} alert messages planned, {Held} held; dispatched {Sent} sent, {Printed} printed, {Retrying} to retry, {DispatchFailed} failed")]
    private static partial void CycleDone(ILogger logger, DateTimeOffset started, int polled, int notModified, int failed, int newItems, int matches, int planned, int held, int sent, int printed, int retrying, int dispatchFailed);

    public static void CycleDone(this ILogger logger, CycleReport report) =>
        CycleDone(logger, report.Started, report.Feeds.Count(f => f.Kind != FeedOutcomeKind.NotDue), report.Feeds.Count(f => f.Kind == FeedOutcomeKind.NotModified), report.FailedFeeds,
            report.NewItems, report.Matches, report.Alerting.Planned, report.Alerting.Held, report.Dispatch.Sent, report.Dispatch.Printed, report.Dispatch.Retrying, report.Dispatch.Failed);

    /// <summary>One failed feed, with the exception (and its stack) when the failure came from one.</summary>
    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Feed {FeedId} failed ({ErrorKind}): {Error}")]
    private static partial void FeedFailed(ILogger logger, Exception? exception, string feedId, FeedErrorKind errorKind, string error);

    public static void FeedFailed(this ILogger logger, string feedId, FeedError error) =>
        FeedFailed(logger, error.Exception, feedId, error.Kind, error.Message);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "Outbox row {RecipientId}/{RowId} ({Channel} to {Address}) failed on attempt {Attempt}: {Error}; next attempt not before {NextAttemptAt:O}")]
    private static partial void RetryScheduled(ILogger logger, string recipientId, string rowId, Channel channel, string address, int attempt, string? error, DateTimeOffset nextAttemptAt);

    public static void RetryScheduled(this ILogger logger, RetryScheduled retry) =>
        RetryScheduled(logger, retry.RecipientId, retry.RowId, retry.Channel, retry.MaskedAddress, retry.Attempts, retry.Error, retry.NextAttemptAt);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information,
        Message = "Dispatched {Sent} sent, {Printed} printed, {Deferred} deferred for pacing; the provider should have delivered the burst's SMS by {DeliveredBy:O} ({Seconds:0} s)")]
    public static partial void Dispatched(this ILogger logger, int sent, int printed, int deferred, DateTimeOffset deliveredBy, double seconds);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Standalone scheduler: PollFeeds on {Schedule} (UTC)")]
    public static partial void SchedulerStarted(this ILogger logger, string schedule);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "PollFeeds failed")]
    public static partial void PollFeedsFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "PollFeeds invocation {InvocationId} failed")]
    public static partial void PollFeedsInvocationFailed(this ILogger logger, Exception exception, string invocationId);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Error, Message = "{Function} invocation {InvocationId} (message {MessageId}, delivery {DequeueCount}) failed")]
    public static partial void QueueInvocationFailed(this ILogger logger, Exception exception, string function, string invocationId, string? messageId, long? dequeueCount);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Twilio status {Status} for message {Sid}")]
    public static partial void TwilioStatus(this ILogger logger, string? status, string? sid);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Twilio webhook {Path} refused: the X-Twilio-Signature does not sign the request for this account")]
    public static partial void TwilioSignatureRefused(this ILogger logger, string path);

    [LoggerMessage(EventId = 2090, Level = LogLevel.Error, Message = "Command {Command} failed")]
    public static partial void CommandFailed(this ILogger logger, Exception exception, string command);
}
