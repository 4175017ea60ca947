namespace NgoMonitor.Host.Functions;

/// <summary>The functions' own log messages, source-generated (event ids 2100–2119; the host's are in Telemetry/HostLog).</summary>
internal static partial class FunctionLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "{Function} invocation {InvocationId}: the timer is past due (an occurrence was missed)")]
    public static partial void TimerPastDue(this ILogger logger, string function, string invocationId);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "{Function}: message {MessageId} failed on delivery {DequeueCount}, the last one; the host moves it to {PoisonQueue}")]
    public static partial void LastDelivery(this ILogger logger, string function, string? messageId, long dequeueCount, string poisonQueue);
}
