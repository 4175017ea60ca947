using BenchmarkDotNet.Running;
using NgoMonitor.Benchmarks.Alerts;

// `bench-alerts`: end-to-end alert latency and dispatch rate (docs/benchmarks.md). Otherwise every benchmark class of
// this assembly; pick with --filter, e.g. `dotnet run -c Release --project tests/NgoMonitor.Benchmarks -- --filter '*Matcher*'`.
if (args is ["bench-alerts", ..])
{
    return await AlertLatencyBench.RunAsync(args[1..], Console.Out);
}

BenchmarkSwitcher.FromAssembly(System.Reflection.Assembly.GetExecutingAssembly()).Run(args);
return 0;
