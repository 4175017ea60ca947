using NgoMonitor.Host.Functions;

namespace NgoMonitor.Host.Cli;

/// <summary>
/// The executable's verbs: <c>run</c> (default: custom handler under the Functions host, standalone service
/// otherwise), <c>poll --once</c>, <c>scan</c>. Options not named by a verb are configuration overrides
/// (e.g. <c>--Storage:ConnectionString=...</c>). Exit codes: 0 done, 1 failed, 2 usage error.
/// </summary>
public static class Commands
{
    public const string Usage = """
        Monitor: news monitoring and alerting for NGO security officers.

        Usage:
          NgoMonitor.Host [run] [--Section:Key=value ...]   Run the service. Under the Azure Functions host
                                                           (FUNCTIONS_CUSTOMHANDLER_PORT set) it is the custom
                                                           handler; otherwise it schedules the cycles itself.
          NgoMonitor.Host poll --once [...]                 Run one poll cycle, print its summary, exit.
          NgoMonitor.Host scan --input <feed file | URL | items.jsonl> [--watchlists <config.json>]
                                                           Match a feed against watchlists without storing or
                                                           sending; one JSON object per match on stdout.
          NgoMonitor.Host keys create --role admin|viewer --name <who> [...]
                                                           Create an admin API key (standalone auth); the key is
                                                           printed once, only its salted hash is stored.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
        var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
        switch (verb)
        {
            case "run":
                var mode = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is { Length: > 0 } ? HostMode.CustomHandler : HostMode.Standalone;
                await MonitorApp.Build(MonitorApp.CreateBuilder(rest, mode)).RunAsync();
                return 0;
            case "poll" when rest.Contains("--once"):
                return await PollOnceAsync([.. rest.Where(a => a != "--once")], output, error);
            case "keys":
                return await KeysCommand.RunAsync(rest, output, error);
            case "scan":
                return await ScanCommand.RunAsync(rest, output, error);
            case "help" or "--help" or "-h":
                await output.WriteLineAsync(Usage);
                return 0;
            default:
                await error.WriteLineAsync($"Unknown command '{string.Join(' ', args)}'.\n\n{Usage}");
                return 2;
        }
    }

    private static async Task<int> PollOnceAsync(string[] args, TextWriter output, TextWriter error)
    {
        await using var app = MonitorApp.Build(MonitorApp.CreateBuilder(args, HostMode.OneShot));
        await app.StartAsync();
        try
        {
            var report = await app.Services.GetRequiredService<PollCycleRunner>().RunAsync(CancellationToken.None);
            foreach (var line in report.LogLines())
            {
                await output.WriteLineAsync(line);
            }

            return 0;
        }
        catch (Exception ex)
        {
            await error.WriteLineAsync($"poll failed: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
