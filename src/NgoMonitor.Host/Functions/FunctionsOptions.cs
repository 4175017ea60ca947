namespace NgoMonitor.Host.Functions;

/// <summary>How the executable was started.</summary>
public enum HostMode
{
    /// <summary>Started by the Azure Functions host as its isolated worker: the host fires the timer and queue triggers
    /// and forwards HTTP requests (<see cref="FunctionsWorker"/>).</summary>
    FunctionsWorker,

    /// <summary>Started on its own (`run`): the built-in scheduler fires the same functions on the same schedules.</summary>
    Standalone,

    /// <summary>One-shot verbs (`poll --once`, ...): no scheduler; the caller runs what it needs.</summary>
    OneShot,
}

/// <summary>Scheduling settings (root configuration keys, as Functions app settings are).</summary>
public sealed class FunctionsOptions
{
    /// <summary>NCRONTAB schedule with seconds, app setting POLL_SCHEDULE. Default "0 */1 * * * *" (every minute).</summary>
    public string PollSchedule { get; set; } = FunctionTable.DefaultPollSchedule;

    /// <summary>Standalone only: run one cycle as soon as the app has started, then follow the schedule. Default true.</summary>
    public bool RunOnStartup { get; set; } = true;
}
