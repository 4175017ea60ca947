using System.Diagnostics;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Telemetry;
using NgoMonitor.Core.Polling;

namespace NgoMonitor.Host.Functions;

/// <summary>
/// Runs one poll cycle at "now" from the injected <see cref="TimeProvider"/>: loads the configuration file into
/// storage first (once), lets only one cycle run at a time in this process, and logs the outcome.
/// </summary>
public sealed class PollCycleRunner(PollCycle cycle, ConfigSeeder seeder, TimeProvider time, MonitorMetrics metrics, ILogger<PollCycleRunner> logger) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Raised after each completed cycle (metrics, tests that wait for the scheduler).</summary>
    public event Action<CycleReport>? CycleCompleted;

    public async Task<CycleReport> RunAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            using var activity = MonitorMetrics.Tracing.StartActivity("PollFeeds");
            var started = time.GetTimestamp();
            await seeder.EnsureSeededAsync(cancellationToken);
            var report = await cycle.RunAsync(time.GetUtcNow(), cancellationToken);
            Record(report, time.GetElapsedTime(started), activity);
            logger.LogInformation("{Summary}", report.Summary);
            foreach (var failed in report.Feeds.Where(f => f.Kind == FeedOutcomeKind.Failed))
            {
                logger.LogWarning("Feed {FeedId} failed: {Error}", failed.FeedId, failed.Error);
            }

            CycleCompleted?.Invoke(report);
            return report;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private void Record(CycleReport report, TimeSpan elapsed, Activity? activity)
    {
        metrics.CycleDuration.Record(elapsed.TotalSeconds);
        foreach (var kind in new[] { FeedOutcomeKind.Fetched, FeedOutcomeKind.NotModified, FeedOutcomeKind.Failed })
        {
            metrics.Feeds.Add(report.Feeds.Count(f => f.Kind == kind), new KeyValuePair<string, object?>("outcome", kind.ToString().ToLowerInvariant()));
        }

        metrics.NewItems.Add(report.NewItems);
        metrics.Matches.Add(report.Matches);
        metrics.Alerts.Add(report.Dispatch.Sent, new KeyValuePair<string, object?>("outcome", "sent"));
        metrics.Alerts.Add(report.Dispatch.Printed, new KeyValuePair<string, object?>("outcome", "printed"));
        metrics.Alerts.Add(report.Dispatch.Retrying, new KeyValuePair<string, object?>("outcome", "retrying"));
        metrics.Alerts.Add(report.Dispatch.Failed, new KeyValuePair<string, object?>("outcome", "failed"));
        activity?.SetTag("monitor.new_items", report.NewItems);
        activity?.SetTag("monitor.failed_feeds", report.FailedFeeds);
    }

    public void Dispose() => _oneAtATime.Dispose();
}
