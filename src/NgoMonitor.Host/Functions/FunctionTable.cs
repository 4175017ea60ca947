using System.Text.Json.Nodes;

namespace NgoMonitor.Host.Functions;

/// <summary>A function the Functions host knows by name: its folder, trigger and (for timers) schedule setting.</summary>
/// <param name="Name">Function name = folder name = the path the host POSTs to (/Name).</param>
/// <param name="Trigger">Binding type of the trigger, e.g. "timerTrigger".</param>
/// <param name="ScheduleSetting">App setting holding the NCRONTAB schedule, referenced as %SETTING% in function.json.</param>
/// <param name="DefaultSchedule">Schedule the standalone scheduler uses when the setting is absent.</param>
public sealed record FunctionDefinition(string Name, string Trigger, string? ScheduleSetting, string? DefaultSchedule);

/// <summary>
/// The single source of truth for Monitor's functions. The committed <c>*/function.json</c> folders and the
/// publish package are generated from it, and a test checks they agree.
/// </summary>
public static class FunctionTable
{
    public static FunctionDefinition PollFeeds { get; } = new("PollFeeds", "timerTrigger", "POLL_SCHEDULE", "0 */1 * * * *");

    public static IReadOnlyList<FunctionDefinition> All { get; } = [PollFeeds];

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
        _ => throw new NotSupportedException($"No function.json template for trigger {function.Trigger}"),
    };
}
