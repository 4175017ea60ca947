using BenchmarkDotNet.Running;
using NgoMonitor.Benchmarks.Feeds;
using NgoMonitor.Benchmarks.Host;
using NgoMonitor.Core.Matching.Rules;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Geo.Evaluation;

// Geo verbs until the host's CLI takes them over (issue 5):
//   geoparse --input docs.jsonl [--gazetteer path]      one {"id","toponyms":[...]} line per input line
//   eval-geo <lgl.jsonl> [--errors file]                 LGL precision/recall/F1 and resolution given gold spans
//   eval-geo-events <health-attacks.jsonl>               place from notes within 25/50 km of the true point
// eval-rules <events.jsonl> <lgl.jsonl> [missed incidents to list]: rule-pack recall and false positives (issue 4)
if (args.Length >= 3 && args[0] == "eval-rules")
{
    RulePackEvaluation.Run(args[1], args[2], Console.Out, args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 40);
    return 0;
}

// feed-cycle: the 2,000-feed poll cycle against a local server (docs/benchmarks.md, "Feed ingestion").
if (args is ["feed-cycle", ..])
{
    await FeedCycleBench.RunAsync(args);
    return 0;
}

if (args.Length > 0 && args[0] == "startup")
{
    return await StartupBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] is "geoparse" or "eval-geo" or "eval-geo-events")
{
    return GeoVerbs.Run(args);
}

// A quick agreement check and rough timings of the rule matcher workload, before a long BenchmarkDotNet run.
if (args.Length == 1 && args[0] == "check-rules")
{
    NgoMonitor.Benchmarks.Matching.RuleMatcherQuickCheck.Run(Console.Out);
    return;
}

// Every benchmark class of this assembly; pick with --filter, e.g. `dotnet run -c Release --project tests/NgoMonitor.Benchmarks -- --filter '*Matcher*'`.
BenchmarkSwitcher.FromAssembly(typeof(GeoVerbs).Assembly).Run(args);
return 0;

internal static class GeoVerbs
{
    public static int Run(string[] args)
    {
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var gazetteer = Gazetteer.Load(Option("--gazetteer") ?? Gazetteer.DefaultPath);
        Console.Error.WriteLine($"gazetteer: {gazetteer.Count} places, {gazetteer.NameCount} names, loaded in {clock.ElapsedMilliseconds} ms, working set {Environment.WorkingSet / (1 << 20)} MiB");
        var parser = new Geoparser(gazetteer);
        switch (args[0])
        {
            case "geoparse":
                using (var input = Option("--input") is { } path ? new StreamReader(path) : Console.In)
                {
                    GeoparseCommand.Run(input, Console.Out, parser);
                }

                return 0;
            case "eval-geo":
                using (var errors = Option("--errors") is { } errorsPath ? new StreamWriter(errorsPath) : null)
                {
                    GeoEvaluation.RunLgl(args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : "../shared/corpora/geo/lgl.jsonl", parser, Console.Out, errors);
                }

                return 0;
            default:
                GeoEvaluation.RunEvents(args.Length > 1 ? args[1] : "../shared/corpora/events/health-attacks.dev.jsonl", parser, Console.Out);
                return 0;
        }
    }
}
