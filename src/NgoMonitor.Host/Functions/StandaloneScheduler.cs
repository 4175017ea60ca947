using Cronos;
using Microsoft.Extensions.Options;
using NgoMonitor.Host.Telemetry;

namespace NgoMonitor.Host.Functions;

/// <summary>
/// Without the Functions host, fires the timer functions on the same NCRONTAB schedules (six fields, with
/// seconds, as the timer trigger's), with Cronos and the injected <see cref="TimeProvider"/>. Waits until the web
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
    /// <summary>
    /// Raised with the due time once the scheduler is waiting for it (its timer is registered). Tests that drive a
    /// fake clock advance it only after this, so an advance can never fall between reading the clock and arming the
    /// timer.
    /// </summary>
    public event Action<DateTimeOffset>? Waiting;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(options.Value.PollSchedule, CronFormat.IncludeSeconds);
        await WhenStartedAsync(stoppingToken);
        logger.SchedulerStarted(options.Value.PollSchedule);

        // The next occurrence is fixed before the start-up run, so a run that takes long (or a clock that jumps)
        // fires the due occurrence at once instead of silently skipping it.
        var next = schedule.GetNextOccurrence(time.GetUtcNow(), TimeZoneInfo.Utc);
        if (options.Value.RunOnStartup)
        {
            await RunOnceAsync(stoppingToken);
        }

        while (next is { } due && !stoppingToken.IsCancellationRequested)
        {
            var wait = due - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                var delay = Task.Delay(wait, time, stoppingToken);
                Waiting?.Invoke(due);
                await delay;
            }
            else
            {
                Waiting?.Invoke(due);
            }

            await RunOnceAsync(stoppingToken);
            next = schedule.GetNextOccurrence(Later(due, time.GetUtcNow()), TimeZoneInfo.Utc);
        }
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await runner.RunAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The next occurrence tries again; the reason is logged, as the host would log a failed invocation.
            logger.PollFeedsFailed(ex);
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
