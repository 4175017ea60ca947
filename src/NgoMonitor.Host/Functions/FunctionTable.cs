using System.Text.Json.Nodes;
using NgoMonitor.Adapters.Queues;

namespace NgoMonitor.Host.Functions;

/// <summary>A function the Functions host knows by name: its folder, trigger and (for timers) schedule setting.</summary>
/// <param name="Name">Function name = folder name = the path the host POSTs to (/Name).</param>
/// <param name="Trigger">Binding type of the trigger, e.g. "timerTrigger".</param>
/// <param name="ScheduleSetting">App setting holding the NCRONTAB schedule, referenced as %SETTING% in function.json.</param>
/// <param name="DefaultSchedule">Schedule the standalone scheduler uses when the setting is absent.</param>
/// <param name="Route">HTTP functions: the route template (host.json sets routePrefix "", so it is the whole path).</param>
/// <param name="AuthLevel">HTTP functions: "function" (a Functions key is required) or "anonymous".</param>
/// <param name="QueueName">Queue functions: the queue, as named by <see cref="QueuesOptions"/>' defaults.</param>
/// <param name="Binding">Queue functions: the trigger binding's name, the key of the message in the envelope's Data.</param>
public sealed record FunctionDefinition(string Name, string Trigger, string? ScheduleSetting, string? DefaultSchedule, string? Route = null, string? AuthLevel = null, string? QueueName = null, string? Binding = null);

/// <summary>
/// The single source of truth for Monitor's functions. The committed <c>*/function.json</c> folders and the
/// publish package are generated from it, and a test checks they agree.
/// </summary>
public static class FunctionTable
{
    /// <summary>The timer: picks the due feeds and enqueues them in batches (<see cref="Core.Polling.PollFanOut"/>).</summary>
    public static FunctionDefinition PollFeeds { get; } = new("PollFeeds", "timerTrigger", "POLL_SCHEDULE", "0 */1 * * * *");

    /// <summary>One batch of due feeds from the poll queue: fetch, parse, match, plan (<see cref="Core.Polling.PollFeedBatch"/>).</summary>
    public static FunctionDefinition PollFeedBatch { get; } = new("PollFeedBatch", "queueTrigger", null, null, QueueName: QueuesOptions.DefaultPollQueue, Binding: "batch");

    /// <summary>Outbox rows from the dispatch queue: send them, paced per sender (<see cref="Core.Alerts.AlertDispatcher"/>).</summary>
    public static FunctionDefinition DispatchAlerts { get; } = new("DispatchAlerts", "queueTrigger", null, null, QueueName: QueuesOptions.DefaultDispatchQueue, Binding: "dispatch");

    /// <summary>The admin API, forwarded as plain HTTP (enableForwardingHttpRequest); a Functions key is required.</summary>
    public static FunctionDefinition AdminApi { get; } = new("AdminApi", "httpTrigger", null, null, "api/{*path}", "function");

    /// <summary>The web console's static files; anonymous because they hold no data (the API checks every call).</summary>
    public static FunctionDefinition Console { get; } = new("Console", "httpTrigger", null, null, "console/{*path}", "anonymous");

    /// <summary>Provider callbacks (Twilio): anonymous at the host, accepted only with a valid provider signature.</summary>
    public static FunctionDefinition Webhooks { get; } = new("Webhooks", "httpTrigger", null, null, "webhooks/{*path}", "anonymous");

    /// <summary>Twilio's status callbacks and inbound SMS (/twilio/status, /twilio/inbound): anonymous at the host,
    /// accepted only with a valid X-Twilio-Signature.</summary>
    public static FunctionDefinition Twilio { get; } = new("Twilio", "httpTrigger", null, null, "twilio/{*path}", "anonymous");

    /// <summary>The acknowledgement page of the short link in every alert SMS and email (/a/{token}): anonymous, served only for a token with a valid HMAC signature.</summary>
    public static FunctionDefinition AlertAck { get; } = new("AlertAck", "httpTrigger", null, null, "a/{*path}", "anonymous");

    /// <summary>The CAP 1.2 Atom feed (/cap/alerts.atom): anonymous and read-only, as a public alert feed is.</summary>
    public static FunctionDefinition CapFeed { get; } = new("CapFeed", "httpTrigger", null, null, "cap/{*path}", "anonymous");

    public static IReadOnlyList<FunctionDefinition> All { get; } = [PollFeeds, PollFeedBatch, DispatchAlerts, AdminApi, Console, Webhooks, Twilio, AlertAck, CapFeed];

    /// <summary>
    /// function.json for a function. Timer: the binding is named "timer" (the envelope's Data key), schedule by
    /// %SETTING% indirection, runOnStartup off (it fires on every restart and scale-out), useMonitor on so the host
    /// tracks missed schedules.
    /// </summary>
    public static JsonObject FunctionJson(FunctionDefinition function) => function.Trigger switch
    {
        "timerTrigger" => new JsonObject
        {
            ["bindings"] = new JsonArray(new JsonObject
            {
                ["type"] = "timerTrigger",
                ["direction"] = "in",
                ["name"] = "timer",
                ["schedule"] = $"%{function.ScheduleSetting}%",
                ["runOnStartup"] = false,
                ["useMonitor"] = true,
            }),
        },
        // Queue: the Storage queue trigger on the host's own storage connection (AzureWebJobsStorage, identity-based in
        // Azure). The host takes messages, POSTs each as {"Data":{"<binding>":"<message text>"},"Metadata":{...}} and
        // deletes it after a 2xx answer; otherwise it retries and after host.json maxDequeueCount moves the message to
        // "<queue>-poison".
        "queueTrigger" => new JsonObject
        {
            ["bindings"] = new JsonArray(new JsonObject
            {
                ["type"] = "queueTrigger",
                ["direction"] = "in",
                ["name"] = function.Binding,
                ["queueName"] = function.QueueName,
                ["connection"] = "AzureWebJobsStorage",
            }),
        },
        // HTTP: the trigger plus an http output, the shape the host needs to forward the request unchanged to the
        // handler (enableForwardingHttpRequest) and return the handler's response as is. No "methods": all are allowed.
        "httpTrigger" => new JsonObject
        {
            ["bindings"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "httpTrigger",
                    ["direction"] = "in",
                    ["name"] = "req",
                    ["authLevel"] = function.AuthLevel,
                    ["route"] = function.Route,
                },
                new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
        },
        _ => throw new NotSupportedException($"No function.json template for trigger {function.Trigger}"),
    };
}
