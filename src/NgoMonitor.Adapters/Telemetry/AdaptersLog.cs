using Microsoft.Extensions.Logging;

namespace NgoMonitor.Adapters.Telemetry;

/// <summary>
/// The adapters' log messages, source-generated: constant templates with structured fields, exceptions with their
/// stack. Event ids 1000–1099.
/// </summary>
internal static partial class AdaptersLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Configuration {Path}: {Error}")]
    public static partial void ConfigFileError(this ILogger logger, string path, string error);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "Configuration {Path}: {Kind} {Id} differs from the stored one, which was {Change} through the admin API; the stored version stands (change it there)")]
    public static partial void ConfigEntryKept(this ILogger logger, string path, string kind, string id, string change);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Seeded from {Path}: {Added} added, {Updated} updated from the file, {Unchanged} unchanged, {Kept} kept as edited through the admin API")]
    public static partial void ConfigSeeded(this ILogger logger, string path, int added, int updated, int unchanged, int kept);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Gazetteer loaded: {Places} places, {Names} names in {Milliseconds} ms")]
    public static partial void GazetteerLoaded(this ILogger logger, int places, int names, int milliseconds);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Queue {Queue} message {MessageId} failed on delivery {DequeueCount} of {MaxDequeueCount}")]
    public static partial void QueueMessageFailed(this ILogger logger, Exception exception, string queue, string messageId, long dequeueCount, int maxDequeueCount);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Queue {Queue} message {MessageId} moved to {PoisonQueue}: {Reason}")]
    public static partial void QueueMessagePoisoned(this ILogger logger, string queue, string messageId, string poisonQueue, string reason);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Creating the tables failed on try {Attempt} of {Attempts}; trying again")]
    public static partial void TableCreationRetrying(this ILogger logger, Exception exception, int attempt, int attempts);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "Creating the tables failed {Attempts} times at start-up; the next use of a table tries again")]
    public static partial void TableCreationFailed(this ILogger logger, Exception exception, int attempts);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Stored configuration entry cannot be used: {Problem}")]
    public static partial void StoredConfigProblem(this ILogger logger, string problem);
}
