using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Telemetry;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Polling;
using NgoMonitor.Core.Storage;
using NgoMonitor.Host.Telemetry;

namespace NgoMonitor.Host.Functions;

/// <summary>
/// The bodies of the three non-HTTP functions, shared by the isolated-worker functions (the host triggers them) and
/// Monitor's own consumer (standalone): each reads the clock, calls the core, records metrics and logs. Thin on
/// purpose: decisions live in <see cref="PollFanOut"/>, <see cref="PollFeedBatch"/> and
/// <see cref="AlertDispatcher"/>.
/// </summary>
public sealed class MonitorFunctions(PollFanOut fanOut, PollFeedBatch batches, AlertDispatcher dispatcher, ConfigSeeder seeder, TimeProvider time, MonitorMetrics metrics, ILogger<MonitorFunctions> logger)
{
    /// <summary>The timer: enqueue the due feeds (the configuration file is loaded into storage first, once).</summary>
    public async Task<FanOutReport> PollFeedsAsync(CancellationToken cancellationToken)
    {
        using var activity = MonitorMetrics.Tracing.StartActivity("PollFeeds");
        await seeder.EnsureSeededAsync(cancellationToken);
        var report = await fanOut.RunAsync(time.GetUtcNow(), cancellationToken);
        logger.PollFeedsDone(report);
        activity?.SetTag("monitor.feeds_enqueued", report.Enqueued);
        return report;
    }

    /// <summary>The poll queue's consumer: one batch of feeds.</summary>
    public async Task<BatchReport> PollFeedBatchAsync(PollBatch batch, CancellationToken cancellationToken)
    {
        using var activity = MonitorMetrics.Tracing.StartActivity("PollFeedBatch");
        await seeder.EnsureSeededAsync(cancellationToken);
        var report = await batches.RunAsync(batch, time.GetUtcNow(), cancellationToken);
        foreach (var kind in new[] { FeedOutcomeKind.Fetched, FeedOutcomeKind.NotModified, FeedOutcomeKind.Failed })
        {
            metrics.Feeds.Add(report.Feeds.Count(f => f.Kind == kind), new KeyValuePair<string, object?>("outcome", kind.ToString().ToLowerInvariant()));
        }

        metrics.NewItems.Add(report.Feeds.Sum(f => f.NewItems));
        metrics.Matches.Add(report.Feeds.Sum(f => f.Matches));
        foreach (var failed in report.Feeds.Where(f => f.Kind == FeedOutcomeKind.Failed))
        {
            logger.FeedFailed(failed.FeedId, failed.Error!);
        }

        activity?.SetTag("monitor.new_items", report.Feeds.Sum(f => f.NewItems));
        return report;
    }

    /// <summary>The dispatch queue's consumer: send the rows, paced per sender, and say when the burst should be delivered.</summary>
    public async Task<DispatchReport> DispatchAlertsAsync(DispatchBatch batch, CancellationToken cancellationToken)
    {
        using var activity = MonitorMetrics.Tracing.StartActivity("DispatchAlerts");
        var now = time.GetUtcNow();
        var report = await dispatcher.DispatchAsync(batch, now, cancellationToken);
        metrics.Alerts.Add(report.Sent, new KeyValuePair<string, object?>("outcome", "sent"));
        metrics.Alerts.Add(report.Printed, new KeyValuePair<string, object?>("outcome", "printed"));
        metrics.Alerts.Add(report.Retrying, new KeyValuePair<string, object?>("outcome", "retrying"));
        metrics.Alerts.Add(report.Failed, new KeyValuePair<string, object?>("outcome", "failed"));
        metrics.Deferred.Add(report.Deferred);
        foreach (var retry in report.Retries)
        {
            logger.RetryScheduled(retry);
        }

        if (report.ExpectedDeliveredBy is { } by)
        {
            metrics.DeliveryBacklog.Record(Math.Max(0, (by - now).TotalSeconds));
            logger.Dispatched(report.Sent, report.Printed, report.Deferred, by, (by - now).TotalSeconds);
        }

        return report;
    }
}
