using BenchmarkDotNet.Running;
using NgoMonitor.Core.Matching.Rules;

// Evaluation verbs run before BenchmarkSwitcher; they read corpora and print a report, no timing involved:
//   dotnet run -c Release --project tests/NgoMonitor.Benchmarks -- eval-rules <events.jsonl> <lgl.jsonl> [missed incidents to list]
if (args.Length >= 3 && args[0] == "eval-rules")
{
    RulePackEvaluation.Run(args[1], args[2], Console.Out, args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 40);
    return;
}

// A quick agreement check and rough timings of the rule matcher workload, before a long BenchmarkDotNet run.
if (args.Length == 1 && args[0] == "check-rules")
{
    NgoMonitor.Benchmarks.Matching.RuleMatcherQuickCheck.Run(Console.Out);
    return;
}

// Every benchmark class of this assembly; pick with --filter, e.g. `dotnet run -c Release --project tests/NgoMonitor.Benchmarks -- --filter '*Matcher*'`.
// The entry assembly, not typeof(Program): the Host project it references also has a Program type.
BenchmarkSwitcher.FromAssembly(System.Reflection.Assembly.GetEntryAssembly()!).Run(args);
