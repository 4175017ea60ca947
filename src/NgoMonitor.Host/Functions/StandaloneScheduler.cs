using Cronos;
using Microsoft.Extensions.Options;

namespace NgoMonitor.Host.Functions;

/// <summary>
/// Without the Functions host, fires the timer functions on the same NCRONTAB schedules (six fields, with
/// seconds, as in function.json), with Cronos and the injected <see cref="TimeProvider"/>. Waits until the web
/// server has started (the bundled sample feeds are served by it), runs once at start-up when configured, and never
/// overlaps two runs of the same function: a run that overruns skips the occurrences it missed.
/// </summary>
public sealed class StandaloneScheduler(
    PollCycleRunner runner,
    IOptions<FunctionsOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<StandaloneScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(options.Value.PollSchedule, CronFormat.IncludeSeconds);
        await WhenStartedAsync(stoppingToken);
        logger.LogInformation("Standalone scheduler: PollFeeds on {Schedule} (UTC)", options.Value.PollSchedule);
        if (options.Value.RunOnStartup)
        {
            await RunOnceAsync(stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (schedule.GetNextOccurrence(now, TimeZoneInfo.Utc) is not { } next)
            {
                return;
            }

            await Task.Delay(next - now, time, stoppingToken);
            await RunOnceAsync(stoppingToken);
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await runner.RunAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The next occurrence tries again; the reason is logged, as the host would log a failed invocation.
            logger.LogError(ex, "PollFeeds failed");
        }
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }
}
