using BenchmarkDotNet.Running;

// Every benchmark class of this assembly; pick with --filter, e.g. `dotnet run -c Release --project tests/NgoMonitor.Benchmarks -- --filter '*Matcher*'`.
BenchmarkSwitcher.FromAssembly(System.Reflection.Assembly.GetExecutingAssembly()).Run(args);
