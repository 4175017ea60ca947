using BenchmarkDotNet.Running;
using NgoMonitor.Benchmarks.Host;

// Bench commands first (plain measurements of whole processes), then every BenchmarkDotNet class of this assembly;
// pick with --filter, e.g. `dotnet run -c Release --project tests/NgoMonitor.Benchmarks -- --filter '*Matcher*'`.
return args.FirstOrDefault() switch
{
    "startup" => await StartupBench.RunAsync(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(StartupBench).Assembly).Run(args);
    return 0;
}
