using System.CommandLine;
using NgoMonitor.Host.Functions;

namespace NgoMonitor.Host.Cli;

/// <summary>`run` (also the executable without a verb): the service, as <see cref="MonitorApp"/> composes it.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run the service (the default). Under the Azure Functions host it serves the host; otherwise it schedules the poll cycles itself.");
        var settings = ConfigOverrides.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(settings) ?? []));
        return command;
    }

    public static async Task<int> RunAsync(string[] overrides)
    {
        var mode = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is { Length: > 0 } ? HostMode.CustomHandler : HostMode.Standalone;
        await MonitorApp.Build(MonitorApp.CreateBuilder(overrides, mode)).RunAsync();
        return Commands.Done;
    }
}
