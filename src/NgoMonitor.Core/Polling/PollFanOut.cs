using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Core.Polling;

/// <summary>
/// The PollFeeds timer: picks the due feeds and enqueues them, <see cref="PollingOptions.FeedsPerBatch"/> to a poll
/// queue message, for <see cref="PollFeedBatch"/> consumers on any instance. It fetches nothing itself, so one tick
/// costs one read of the feed states whatever the number of feeds. Then the time-driven part of alerting, which no
/// batch triggers: digests whose period closed, escalations, and re-planning of incidents a batch folded but did not
/// plan (it died in between); and a sweep to the dispatch queue of the outbox rows no queued message will bring
/// (<see cref="AlertDispatcher.EnqueuePendingAsync"/>: rows it just planned itself, retries, rows whose dispatcher died,
/// messages lost or poisoned), not of rows a batch has just queued. A feed still queued from the previous tick is
/// enqueued again when due: the consumers make a second poll of it harmless (not due any more, or nothing new).
/// </summary>
public sealed class PollFanOut(IConfigStore configStore, IFeedStateStore feedStates, IWorkQueues queues, IncidentAlerter alerter, AlertDispatcher dispatcher, PollingOptions polling)
{
    public async Task<FanOutReport> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var config = await configStore.LoadAsync(cancellationToken);
        var states = await feedStates.GetAllAsync(cancellationToken);
        var due = config.Feeds.Where(f => (states.GetValueOrDefault(f.Id) ?? new FeedState(f.Id)).IsDue(now)).ToList();
        var cycle = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var batches = due.Chunk(polling.FeedsPerBatch).Select(feeds => new PollBatch(cycle, [.. feeds.Select(f => f.Id)])).ToList();
        await queues.EnqueuePollAsync(batches, cancellationToken);

        var alerting = await alerter.RunAsync(config, now, cancellationToken);
        var swept = await dispatcher.EnqueuePendingAsync(now, polling.RowsPerDispatchMessage, cancellationToken);
        var notDue = config.Feeds.Except(due).Select(f => new FeedOutcome(f.Id, FeedOutcomeKind.NotDue)).ToList();
        return new FanOutReport(now, due.Count, batches.Count, notDue, alerting, swept);
    }
}
