using NgoMonitor.Adapters.Admin;
using NgoMonitor.Core.Polling;

namespace NgoMonitor.Host.Functions;

/// <summary>
/// Runs one poll cycle at "now" from the injected <see cref="TimeProvider"/>: loads the configuration file into
/// storage first (once), lets only one cycle run at a time in this process, and logs the outcome.
/// </summary>
public sealed class PollCycleRunner(PollCycle cycle, ConfigSeeder seeder, TimeProvider time, ILogger<PollCycleRunner> logger) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Raised after each completed cycle (metrics, tests that wait for the scheduler).</summary>
    public event Action<CycleReport>? CycleCompleted;

    public async Task<CycleReport> RunAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            await seeder.EnsureSeededAsync(cancellationToken);
            var report = await cycle.RunAsync(time.GetUtcNow(), cancellationToken);
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

    public void Dispose() => _oneAtATime.Dispose();
}
