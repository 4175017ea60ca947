using BenchmarkDotNet.Running;
using NgoMonitor.Benchmarks.Feeds;

// `feed-cycle`: the 2,000-feed poll cycle against a local server (docs/benchmarks.md, "Feed ingestion").
if (args is ["feed-cycle", ..])
{
    await FeedCycleBench.RunAsync(args);
    return;
}

// Every benchmark class of this assembly; pick with --filter, e.g. `dotnet run -c Release --project tests/NgoMonitor.Benchmarks -- --filter '*Matcher*'`.
BenchmarkSwitcher.FromAssembly(typeof(FeedCycleBench).Assembly).Run(args);
