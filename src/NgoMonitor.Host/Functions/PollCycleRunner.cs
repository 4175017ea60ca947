using System.Collections.Concurrent;
using NgoMonitor.Adapters.Queues;
using NgoMonitor.Adapters.Telemetry;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Polling;
using NgoMonitor.Core.Storage;
using NgoMonitor.Host.Telemetry;

namespace NgoMonitor.Host.Functions;

/// <summary>
/// One poll cycle where there is no Functions host (standalone scheduler, <c>poll --once</c>): the PollFeeds timer's
/// work (enqueue the due feeds), then this process consumes the poll and dispatch queues until neither has a visible
/// message, through the same handlers the host's queue triggers call. Only one cycle runs at a time in this process;
/// other processes sharing the storage consume the same queues meanwhile (each reports what it did).
/// </summary>
public sealed class PollCycleRunner(MonitorFunctions functions, QueueDrain drain, StorageQueues queues, TimeProvider time, MonitorMetrics metrics, ILogger<PollCycleRunner> logger) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Raised after each completed cycle (metrics, tests that wait for the scheduler).</summary>
    public event Action<CycleReport>? CycleCompleted;

    public async Task<CycleReport> RunAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var started = time.GetTimestamp();
            var fanOut = await functions.PollFeedsAsync(cancellationToken);
            var (batches, dispatch) = await ConsumeAsync(cancellationToken);
            var report = new CycleReport(fanOut.Started, [.. fanOut.NotDue, .. batches.SelectMany(b => b.Feeds).OrderBy(f => f.FeedId, StringComparer.Ordinal)], dispatch)
            {
                Alerting = batches.Select(b => b.Alerting).Aggregate(fanOut.Alerting, (a, b) => new AlertingReport(a.Planned + b.Planned, a.Held + b.Held, a.Digests + b.Digests, a.Escalated + b.Escalated)),
            };
            metrics.CycleDuration.Record(time.GetElapsedTime(started).TotalSeconds);
            logger.CycleDone(report);
            CycleCompleted?.Invoke(report);
            return report;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Consumes both queues in this process until they are empty (what is invisible is left for later).</summary>
    public async Task<(IReadOnlyList<BatchReport> Batches, DispatchReport Dispatch)> ConsumeAsync(CancellationToken cancellationToken)
    {
        var batches = new ConcurrentBag<BatchReport>();
        var dispatched = new ConcurrentBag<DispatchReport>();
        await drain.DrainAsync(
            [
                (queues.PollQueue, async (m, ct) => batches.Add(await functions.PollFeedBatchAsync(StorageQueues.Deserialize<PollBatch>(m.Body), ct))),
                (queues.DispatchQueue, async (m, ct) => dispatched.Add(await functions.DispatchAlertsAsync(StorageQueues.Deserialize<DispatchBatch>(m.Body), ct))),
            ],
            cancellationToken);
        return ([.. batches], dispatched.Aggregate(DispatchReport.None, (a, b) => a.Add(b)));
    }

    public void Dispose() => _oneAtATime.Dispose();
}
