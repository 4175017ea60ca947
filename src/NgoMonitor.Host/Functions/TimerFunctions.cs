using Microsoft.Azure.Functions.Worker;
using NgoMonitor.Host.Telemetry;

namespace NgoMonitor.Host.Functions;

/// <summary>
/// The PollFeeds timer. The schedule is the app setting POLL_SCHEDULE (%SETTING% indirection), runOnStartup off (it
/// would fire on every restart and scale-out) and useMonitor on, so the host records each occurrence in storage and
/// says when a tick is past due (the app was down when it should have fired).
/// </summary>
public sealed class TimerFunctions(MonitorFunctions functions, ILogger<TimerFunctions> logger)
{
    [Function(FunctionTable.PollFeeds)]
    public Task PollFeeds(
        [TimerTrigger("%" + FunctionTable.PollScheduleSetting + "%", RunOnStartup = false, UseMonitor = true)] TimerInfo timer,
        FunctionContext context) =>
        PollFeedsAsync(timer.IsPastDue, context.InvocationId, context.CancellationToken);

    /// <summary>Runs the tick; returns the lines it reports (its summary), for callers that trigger it in-process.</summary>
    internal async Task<IReadOnlyList<string>> PollFeedsAsync(bool isPastDue, string invocationId, CancellationToken cancellationToken)
    {
        if (isPastDue)
        {
            logger.TimerPastDue(FunctionTable.PollFeeds, invocationId);
        }

        try
        {
            var report = await functions.PollFeedsAsync(cancellationToken);
            return isPastDue ? ["timer was past due", report.Summary] : [report.Summary];
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The invocation fails (the host logs it as failed); the next occurrence tries again.
            logger.PollFeedsInvocationFailed(ex, invocationId);
            throw;
        }
    }
}
