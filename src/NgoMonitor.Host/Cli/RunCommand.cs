using System.CommandLine;
using NgoMonitor.Host.Functions;

namespace NgoMonitor.Host.Cli;

/// <summary>`run` (also the executable without a verb): the service, as <see cref="MonitorApp"/> composes it.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run the service (the default): it schedules the poll cycles and consumes the queues itself. Started by the Azure Functions host (with --functions-uri), the executable is the host's isolated worker instead.");
        var settings = ConfigOverrides.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(settings) ?? []));
        return command;
    }

    public static async Task<int> RunAsync(string[] overrides)
    {
        await MonitorApp.Build(MonitorApp.CreateBuilder(overrides, HostMode.Standalone)).RunAsync();
        return Commands.Done;
    }
}
