using Microsoft.Azure.Functions.Worker;
using NgoMonitor.Core.Polling;
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

    /// <summary>Runs the tick; a past-due tick is logged first.</summary>
    internal async Task<FanOutReport> PollFeedsAsync(bool isPastDue, string invocationId, CancellationToken cancellationToken)
    {
        if (isPastDue)
        {
            logger.TimerPastDue(FunctionTable.PollFeeds, invocationId);
        }

        try
        {
            return await functions.PollFeedsAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The invocation fails (the host logs it as failed); the next occurrence tries again.
            logger.PollFeedsInvocationFailed(ex, invocationId);
            throw;
        }
    }
}
