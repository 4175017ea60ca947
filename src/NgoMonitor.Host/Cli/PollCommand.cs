using System.CommandLine;
using NgoMonitor.Host.Functions;

namespace NgoMonitor.Host.Cli;

/// <summary>`poll --once`: one whole poll cycle (fetch, match, alert, dispatch), its summary on standard output.</summary>
public static class PollCommand
{
    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Run one cycle and exit (required: scheduling is the service's job)." };
        var command = new Command("poll", "Run one poll cycle without the web server, print its summary, exit.") { once };
        var settings = ConfigOverrides.AddTo(command);

        // A flag has a default, so "required" would not refuse a bare `poll`; the command checks it.
        command.Validators.Add(result =>
        {
            if (result.GetResult(once) is null)
            {
                result.AddError("poll runs one cycle and needs --once; the service (run) polls on its schedule.");
            }
        });
        command.SetAction((parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            return OneShotApp.RunAsync("poll --once", parse.GetValue(settings) ?? [], parse.InvocationConfiguration.Error, async services =>
            {
                var report = await services.GetRequiredService<PollCycleRunner>().RunAsync(cancellationToken);
                foreach (var line in report.LogLines())
                {
                    await output.WriteLineAsync(line);
                }

                return Commands.Done;
            }, cancellationToken);
        });
        return command;
    }
}
