using System.Globalization;
using System.Runtime.InteropServices;
using NgoMonitor.Core.Matching.Rules;

namespace NgoMonitor.Benchmarks.Matching;

/// <summary>
/// `-- profile-rules`: where the rule matcher's time goes, in CPU time of the measuring thread only
/// (<c>CLOCK_THREAD_CPUTIME_ID</c>), so that other processes on the shared machine, the JIT's background thread and
/// the baselines do not count. Everything runs on one thread: the floors are per core. Prints compile time cold
/// (first compile in the process, JIT included) and warm (best of five), then throughput per CPU second of the
/// fixed per-article steps (language detection, tokenising) and of whole matches at 100, 1,000 and 10,000 rules.
/// Run with DOTNET_TC_CallCountingDelayMs=0: on a loaded machine the JIT otherwise promotes hot methods late and
/// the first figures time unoptimised code.
/// </summary>
internal static class RuleMatcherProfile
{
    public static void Run(TextWriter output, string[] args)
    {
        var corpus = new SyntheticCorpus();
        var documents = corpus.Articles.Select(a => new MatchDocument("", a, null)).ToArray();
        var chars = corpus.TotalChars;
        if (args is [var mode and ("loop" or "loop-compile"), var ruleCount, var seconds])
        {
            Loop(corpus, mode == "loop" ? documents : [], int.Parse(ruleCount, CultureInfo.InvariantCulture), double.Parse(seconds, CultureInfo.InvariantCulture));
            return;
        }

        output.WriteLine("articles: " + documents.Length + ", chars: " + chars + ", load average: " + LoadAverage());

        var rules10k = corpus.Rules(10_000);
        var pausedBefore = GC.GetTotalPauseDuration();
        var cold = ThreadCpu.Measure(() => CompiledRuleSet.Compile(rules10k));
        output.WriteLine(F("compile 10,000 rules, cold (first in process, JIT included): {0:F0} ms thread CPU, of which {1:F0} ms in GC pauses",
            cold * 1e3, (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds));
        var parse = Best(5, () =>
        {
            foreach (var rule in rules10k)
            {
                RuleParser.Parse(rule.Query);
            }
        });
        var parseBytes = GC.GetAllocatedBytesForCurrentThread();
        foreach (var rule in rules10k)
        {
            RuleParser.Parse(rule.Query);
        }

        parseBytes = GC.GetAllocatedBytesForCurrentThread() - parseBytes;
        output.WriteLine(F("  of which parsing: {0:F1} ms (best of 5), {1:F1} MB allocated", parse * 1e3, parseBytes / 1e6));

        // The words of the rules (operators included: a few more), analysed as the compiler does once per chain.
        var ruleWords = rules10k.SelectMany(r => RuleTextAnalyzer.Analyze(r.Query, "und")).Select(t => t.Folded).Distinct().ToArray();
        foreach (var language in new[] { "en", "fr", "tr", "und" })
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var analyse = Best(3, () =>
            {
                keys.Clear();
                foreach (var word in ruleWords)
                {
                    keys.Add(RuleTextAnalyzer.Analyze(word, language)[0].Key);
                }
            });
            output.WriteLine(F("  of which analysing {0} distinct rule words as {1}: {2:F1} ms ({3} distinct keys)",
                ruleWords.Length, language, analyse * 1e3, keys.Count));
        }

        output.WriteLine(F("detect language, all articles: {0:F1} MB/s", chars / Best(3, () =>
        {
            foreach (var d in documents)
            {
                LanguageDetector.Detect(d.Title, d.Body);
            }
        }) / 1e6));
        output.WriteLine(F("split into words (the matcher's tokeniser), all articles: {0:F1} MB/s", chars / Best(3, () =>
        {
            foreach (var d in documents)
            {
                var i = 0;
                while (RuleTextAnalyzer.NextWord(d.Body, ref i, out _))
                {
                }
            }
        }) / 1e6));
        output.WriteLine(F("split and hash every word, all articles: {0:F1} MB/s", chars / Best(3, () =>
        {
            foreach (var d in documents)
            {
                var i = 0;
                while (RuleTextAnalyzer.NextWord(d.Body, ref i, out var start))
                {
                    WordCache.KeyOf(d.Body.AsSpan(start, i - start));
                }
            }
        }) / 1e6));
        var cache = new WordCache();
        foreach (var d in documents)
        {
            var i = 0;
            while (RuleTextAnalyzer.NextWord(d.Body, ref i, out var start))
            {
                var word = d.Body.AsSpan(start, i - start);
                cache.Add(word, WordCache.KeyOf(word), -1, []);
            }
        }

        output.WriteLine(F("split, hash and find every word in the word cache, all articles: {0:F1} MB/s", chars / Best(3, () =>
        {
            foreach (var d in documents)
            {
                var i = 0;
                while (RuleTextAnalyzer.NextWord(d.Body, ref i, out var start))
                {
                    var word = d.Body.AsSpan(start, i - start);
                    cache.TryFind(word, WordCache.KeyOf(word), out _, out _, out _);
                }
            }
        }) / 1e6));
        foreach (var count in new[] { 100, 1_000, 10_000 })
        {
            var rules = corpus.Rules(count);
            var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var compile = Best(5, () => CompiledRuleSet.Compile(rules));
            output.WriteLine(F("{0,6} rules: five compiles: gen0 {1} gen1 {2} gen2 {3} collections, {4:F1} MB allocated per compile", count, GC.CollectionCount(0) - gcs.Item1,
                GC.CollectionCount(1) - gcs.Item2, GC.CollectionCount(2) - gcs.Item3, (GC.GetAllocatedBytesForCurrentThread() - allocated) / 5e6));
            var set = CompiledRuleSet.Compile(rules);
            var hits = 0;
            var match = Best(5, () =>
            {
                hits = 0;
                foreach (var d in documents)
                {
                    hits += set.Match(d).Count;
                }
            });
            var english = documents.Select(d => d with { Language = "en" }).ToArray();
            var declared = Best(3, () =>
            {
                foreach (var d in english)
                {
                    set.Match(d);
                }
            });
            output.WriteLine(F("{0,6} rules: compile {1,6:F1} ms, match {2,5:F1} MB/s ({3:F1} us/article), language declared {4,5:F1} MB/s; hits {5}",
                count, compile * 1e3, chars / match / 1e6, match * 1e6 / documents.Length, chars / declared / 1e6, hits));
        }

        output.WriteLine("load average: " + LoadAverage());
    }

    /// <summary>Compiles and matches <paramref name="count"/> rules until <paramref name="seconds"/> of thread CPU have passed.</summary>
    private static void Loop(SyntheticCorpus corpus, MatchDocument[] documents, int count, double seconds)
    {
        var rules = corpus.Rules(count);
        var end = ThreadCpu.Now() + seconds;
        while (ThreadCpu.Now() < end)
        {
            var set = CompiledRuleSet.Compile(rules);
            for (var round = 0; round < 5; round++)
            {
                foreach (var d in documents)
                {
                    set.Match(d);
                }
            }
        }
    }

    /// <summary>Best (least) thread CPU seconds of <paramref name="runs"/> runs: the least disturbed by other load.</summary>
    private static double Best(int runs, Action action)
    {
        var best = double.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            // Collect first (as BenchmarkDotNet does between iterations): otherwise the garbage of earlier steps
            // (whole compiled sets) is collected inside a measurement, on this thread.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            best = Math.Min(best, ThreadCpu.Measure(action));
        }

        return best;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string F(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}

/// <summary>CPU time consumed by the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>).</summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Thread CPU seconds spent in <paramref name="action"/>.</summary>
    public static double Measure(Action action)
    {
        var before = Now();
        action();
        return Now() - before;
    }

    public static double Now()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        }

        return time.Seconds + (time.Nanoseconds / 1e9);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
