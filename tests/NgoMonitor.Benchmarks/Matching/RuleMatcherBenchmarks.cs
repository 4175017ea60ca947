using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NgoMonitor.Core.Matching.Rules;

namespace NgoMonitor.Benchmarks.Matching;

/// <summary>
/// The compiled rule matcher against one Regex per rule and against core Lucene.Net with a
/// RAMDirectory per article; 100, 1,000 and 10,000 rules over 1,000 synthetic 3 KB articles (docs/benchmarks.md).
/// Each invocation matches a batch of <see cref="Batch"/> consecutive articles, cycling through all 1,000, so every
/// engine sees the same articles and the reported time is per article. Setup checks that the three engines return
/// the same matches before anything is timed.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[Config(typeof(ShortInProcessConfig))]
public class RuleMatcherBenchmarks : IDisposable
{
    /// <summary>
    /// One short job, run in process: on the shared 2-core machine a generated-project build exceeds
    /// BenchmarkDotNet's build timeout, and the default job's up to 100 iterations take far too long at
    /// 10,000 rules for the baselines.
    /// </summary>
    private sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithId("ShortInProcess"));
    }

    private const int Batch = 10;
    private static readonly SyntheticCorpus Corpus = new();
    private IReadOnlyList<RuleDefinition> _rules = [];
    private CompiledRuleSet _compiled = CompiledRuleSet.Empty;
    private RegexPerRuleEngine? _regex;
    private LucenePerDocumentEngine? _lucene;
    private MatchDocument[] _documents = [];
    private int _next;

    [Params(100, 1_000, 10_000)]
    public int Rules { get; set; }

    /// <summary>Builds all three engines and checks they agree; the baselines' own setups build only themselves.</summary>
    [GlobalSetup(Target = nameof(CompiledMatcher))]
    public void SetupCompiled()
    {
        SetupRulesAndDocuments();
        _compiled = CompiledRuleSet.Compile(_rules);
        _regex = new RegexPerRuleEngine(_rules);
        _lucene = new LucenePerDocumentEngine(_rules);
        CheckSameMatches(_compiled, _regex, _lucene, _documents, Rules);
    }

    [GlobalSetup(Target = nameof(RegexPerRule))]
    public void SetupRegex()
    {
        SetupRulesAndDocuments();
        _regex = new RegexPerRuleEngine(_rules);
    }

    [GlobalSetup(Target = nameof(LuceneRamDirectory))]
    public void SetupLucene()
    {
        SetupRulesAndDocuments();
        _lucene = new LucenePerDocumentEngine(_rules);
    }

    [GlobalSetup(Target = nameof(Compile))]
    public void SetupRulesAndDocuments()
    {
        _rules = Corpus.Rules(Rules);
        _documents = Corpus.Articles.Select(a => new MatchDocument("", a, null)).ToArray();
        _next = 0;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _lucene?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    [BenchmarkCategory("Match")]
    public int CompiledMatcher()
    {
        var hits = 0;
        foreach (var doc in NextBatch())
        {
            hits += _compiled.Match(doc).Count;
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("Match")]
    public int RegexPerRule()
    {
        var hits = 0;
        foreach (var doc in NextBatch())
        {
            hits += _regex!.Match(doc.Body).Count;
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("Match")]
    public int LuceneRamDirectory()
    {
        var hits = 0;
        foreach (var doc in NextBatch())
        {
            hits += _lucene!.Match(doc.Body).Count;
        }

        return hits;
    }

    [Benchmark]
    [BenchmarkCategory("Compile")]
    public int Compile() => CompiledRuleSet.Compile(_rules).Count;

    private ArraySegment<MatchDocument> NextBatch()
    {
        var start = _next;
        _next = (_next + Batch) % _documents.Length;
        return new ArraySegment<MatchDocument>(_documents, start, Batch);
    }

    /// <summary>Same rules, same articles, same answers: refuse to time engines that disagree.</summary>
    internal static int CheckSameMatches(CompiledRuleSet compiled, RegexPerRuleEngine regex, LucenePerDocumentEngine lucene, MatchDocument[] documents, int rules)
    {
        // All articles at 100 rules; fewer at larger sets, where the baselines take seconds per article.
        var sample = rules <= 100 ? documents.Length : rules <= 1_000 ? 200 : 20;
        var total = 0;
        for (var i = 0; i < sample; i++)
        {
            var ours = compiled.Match(documents[i]).Select(h => h.RuleId).ToList();
            var byRegex = regex.Match(documents[i].Body);
            var byLucene = lucene.Match(documents[i].Body);
            if (!ours.SequenceEqual(byRegex) || !ours.SequenceEqual(byLucene))
            {
                var differing = ours.Union(byRegex).Union(byLucene)
                    .Where(id => !(ours.Contains(id) && byRegex.Contains(id) && byLucene.Contains(id)))
                    .Select(id => id + " (ours " + ours.Contains(id) + ", regex " + byRegex.Contains(id) + ", lucene " + byLucene.Contains(id) + ")");
                throw new InvalidOperationException("Engines disagree on article " + i + ": " + string.Join("; ", differing.Take(5)));
            }

            total += ours.Count;
        }

        Console.WriteLine("// Engines agree on " + sample + " articles, " + total + " matches, " + rules + " rules");
        return total;
    }
}

/// <summary>
/// A quick look without BenchmarkDotNet (`-- check-rules`): checks the engines agree and prints rough timings,
/// to catch a broken workload before a long run. The figures that count come from <see cref="RuleMatcherBenchmarks"/>.
/// </summary>
internal static class RuleMatcherQuickCheck
{
    public static void Run(TextWriter output)
    {
        var corpus = new SyntheticCorpus();
        var documents = corpus.Articles.Select(a => new MatchDocument("", a, null)).ToArray();
        output.WriteLine("articles: " + documents.Length + ", chars: " + corpus.TotalChars);
        foreach (var count in new[] { 100, 1_000, 10_000 })
        {
            var rules = corpus.Rules(count);
            var process = System.Diagnostics.Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var compiled = CompiledRuleSet.Compile(rules);
            var compileMs = watch.Elapsed.TotalMilliseconds;
            process.Refresh();
            var compileCpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
            using var lucene = new LucenePerDocumentEngine(rules);
            var regex = new RegexPerRuleEngine(rules);
            RuleMatcherBenchmarks.CheckSameMatches(compiled, regex, lucene, documents, count);
            for (var round = 0; round < 3; round++)
            {
                process.Refresh();
                cpu = process.TotalProcessorTime;
                watch.Restart();
                var hits = documents.Sum(d => compiled.Match(d).Count);
                var seconds = watch.Elapsed.TotalSeconds;
                process.Refresh();
                var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
                output.WriteLine(count + " rules: compile " + compileMs.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " ms, match "
                    + (seconds * 1e6 / documents.Length).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " us/article, "
                    + (corpus.TotalChars / seconds / 1e6).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " MB/s wall; process CPU: compile "
                    + compileCpuMs.ToString("F0", System.Globalization.CultureInfo.InvariantCulture) + " ms, match "
                    + (corpus.TotalChars / cpuSeconds / 1e6).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " MB/s per CPU second; hits " + hits);
            }
        }
    }
}
