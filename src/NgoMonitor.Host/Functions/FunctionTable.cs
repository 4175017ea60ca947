using NgoMonitor.Adapters.Queues;

namespace NgoMonitor.Host.Functions;

/// <summary>
/// Names and trigger settings of Monitor's functions, as constants because the <c>[Function]</c> and trigger
/// attributes need them at compile time. The worker SDK writes <c>functions.metadata</c> from those attributes; a test
/// checks that file against these values and the options' defaults.
/// </summary>
public static class FunctionTable
{
    /// <summary>The timer: picks the due feeds and enqueues them in batches (<see cref="Core.Polling.PollFanOut"/>).</summary>
    public const string PollFeeds = "PollFeeds";

    /// <summary>One batch of due feeds from the poll queue: fetch, parse, match, plan (<see cref="Core.Polling.PollFeedBatch"/>).</summary>
    public const string PollFeedBatch = "PollFeedBatch";

    /// <summary>Outbox rows from the dispatch queue: send them, paced per sender (<see cref="Core.Alerts.AlertDispatcher"/>).</summary>
    public const string DispatchAlerts = "DispatchAlerts";

    /// <summary>The admin API (/api/...); a Functions key is required at the host, then Monitor's own auth applies.</summary>
    public const string AdminApi = "AdminApi";

    /// <summary>The web console's static files and the officer pages; anonymous because they hold no data (the API checks every call).</summary>
    public const string Console = "Console";

    /// <summary>Twilio's status callbacks and inbound SMS (/twilio/...): anonymous at the host, accepted only with a valid X-Twilio-Signature.</summary>
    public const string Twilio = "Twilio";

    /// <summary>The acknowledgement page of the short link in every alert SMS and email (/a/{token}): anonymous, served only for a token with a valid HMAC signature.</summary>
    public const string AlertAck = "AlertAck";

    /// <summary>The CAP 1.2 Atom feed (/cap/alerts.atom): anonymous and read-only, as a public alert feed is.</summary>
    public const string CapFeed = "CapFeed";

    /// <summary>App setting holding the PollFeeds NCRONTAB schedule (six fields, seconds first).</summary>
    public const string PollScheduleSetting = "POLL_SCHEDULE";

    /// <summary>Every minute, the schedule when <see cref="PollScheduleSetting"/> is absent.</summary>
    public const string DefaultPollSchedule = "0 */1 * * * *";

    /// <summary>The queue triggers' storage connection: the host's own (identity-based in Azure).</summary>
    public const string StorageConnection = "AzureWebJobsStorage";

    /// <summary>The poll queue the trigger listens on: <see cref="QueuesOptions"/>' default, where Monitor enqueues.</summary>
    public const string PollQueue = QueuesOptions.DefaultPollQueue;

    /// <summary>The dispatch queue the trigger listens on: <see cref="QueuesOptions"/>' default.</summary>
    public const string DispatchQueue = QueuesOptions.DefaultDispatchQueue;

    /// <summary>HTTP routes by function (host.json sets routePrefix "", so each is the whole path).</summary>
    public const string AdminApiRoute = "api/{*path}";
    public const string ConsoleRoute = "console/{*path}";
    public const string TwilioRoute = "twilio/{*path}";
    public const string AlertAckRoute = "a/{*path}";
    public const string CapFeedRoute = "cap/{*path}";
}
