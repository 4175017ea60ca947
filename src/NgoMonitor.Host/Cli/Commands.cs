using NgoMonitor.Host.Functions;

namespace NgoMonitor.Host.Cli;

/// <summary>
/// The executable's verbs: <c>run</c> (default: the standalone service; under the Functions host, Program starts
/// the isolated worker instead), <c>poll --once</c>, <c>scan</c>. Options not named by a verb are configuration overrides
/// (e.g. <c>--Storage:ConnectionString=...</c>). Exit codes: 0 done, 1 failed, 2 usage error.
/// </summary>
public static class Commands
{
    public const string Usage = """
        Monitor: news monitoring and alerting for NGO security officers.

        Usage:
          NgoMonitor.Host [run] [--Section:Key=value ...]   Run the service: it schedules the cycles itself. (Started
                                                           by the Azure Functions host, with --functions-uri, it
                                                           is the host's isolated worker instead.)
          NgoMonitor.Host poll --once [...]                 Run one poll cycle, print its summary, exit.
          NgoMonitor.Host scan --input <feed file | URL | items.jsonl> [--watchlists <config.json>]
                                                           Match a feed against watchlists without storing or
                                                           sending; one JSON object per match on stdout.
          NgoMonitor.Host geoparse --input <docs.jsonl>     Print the places found in each {"id","text"} line:
                                                           {"id","toponyms":[{"start","end","name","lat","lon",
                                                           "geonameid","country","confidence"}]} (code points).
          NgoMonitor.Host publish --output <folder> [--zip <file.zip>]
                                                           Build the Functions deployment package (run from the
                                                           repository: dotnet run --project src/NgoMonitor.Host -- publish ...).
          NgoMonitor.Host feeds export-opml | feeds import-opml <file>
                                                           Export the stored feed list as OPML, or add/replace
                                                           feeds from an OPML file.
          NgoMonitor.Host eval-feeds --corpus <folder> [--verbose]
                                                           Parse a test-feed corpus (expectations.tsv layout)
                                                           and print agreement by field (docs/feed-ingestion.md).
          NgoMonitor.Host keys create --role admin|viewer --name <who> [...]
                                                           Create an admin API key (standalone auth); the key is
                                                           printed once, only its salted hash is stored.
          NgoMonitor.Host keys list | keys revoke <key id>  List the stored keys (no secrets), or revoke one;
                                                           both changes go to the audit log.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
        var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
        switch (verb)
        {
            case "run":
                await MonitorApp.Build(MonitorApp.CreateBuilder(rest, HostMode.Standalone)).RunAsync();
                return 0;
            case "poll" when rest.Contains("--once"):
                return await PollOnceAsync([.. rest.Where(a => a != "--once")], output, error);
            case "keys":
                return await KeysCommand.RunAsync(rest, output, error);
            case "scan":
                return await ScanCommand.RunAsync(rest, output, error);
            case "geoparse":
                return await GeoparseAsync(rest, output, error);
            case "publish":
                return await PublishAsync(rest, output, error);
            case "feeds":
                return await FeedsCommand.RunAsync(rest, output, error);
            case "eval-feeds":
                return await EvalFeedsCommand.RunAsync(rest, output, error);
            case "help" or "--help" or "-h":
                await output.WriteLineAsync(Usage);
                return 0;
            default:
                await error.WriteLineAsync($"Unknown command '{string.Join(' ', args)}'.\n\n{Usage}");
                return 2;
        }
    }

    private static async Task<int> GeoparseAsync(string[] args, TextWriter output, TextWriter error)
    {
        var input = OptionValue(args, "--input");
        if (input is null || !File.Exists(input))
        {
            await error.WriteLineAsync(input is null ? "geoparse needs --input <docs.jsonl>" : $"cannot read {input}");
            return input is null ? 2 : 1;
        }

        var parser = new Core.Geo.Geoparser(Core.Geo.Gazetteer.Load(Core.Geo.Gazetteer.DefaultPath));
        using var reader = new StreamReader(input);
        Core.Geo.Evaluation.GeoparseCommand.Run(reader, output, parser);
        return 0;
    }

    private static async Task<int> PublishAsync(string[] args, TextWriter output, TextWriter error)
    {
        var folder = OptionValue(args, "--output");
        var root = Deploy.FunctionPackage.FindRepositoryRoot(Directory.GetCurrentDirectory());
        if (folder is null || root is null)
        {
            await error.WriteLineAsync(root is null ? "publish runs inside the repository (Monitor.sln not found above the current folder)" : "publish needs --output <folder>");
            return 2;
        }

        return await Deploy.FunctionPackage.PublishAsync(root, Path.GetFullPath(folder), OptionValue(args, "--zip") is { } zip ? Path.GetFullPath(zip) : null, output);
    }

    /// <summary>The value after <paramref name="name"/> ("--name value" or "--name=value"), or null.</summary>
    public static string? OptionValue(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }

        return null;
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
