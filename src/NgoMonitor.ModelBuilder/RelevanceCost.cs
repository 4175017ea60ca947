using System.Diagnostics;
using System.Globalization;
using NgoMonitor.Core.Matching.Evaluation;
using NgoMonitor.Core.Matching.Relevance;

namespace NgoMonitor.ModelBuilder;

/// <summary>
/// What the relevance stage costs (docs/benchmarks.md): loading the shipped model (first use in the process, so JIT
/// included, as the first poll cycle loads it), and scoring one item for every category with its features extracted
/// once, in this thread's CPU time (CLOCK_THREAD_CPUTIME_ID: on a machine shared with other jobs, wall time counts the waits
/// for a core), the best of 15 rounds (contention for caches still inflates some). Items are the LGL
/// articles given (title and body, as <see cref="EventCorpus.ReadNews"/> splits them) and, as feeds carry them, their
/// title with the first 300 characters of the body.
/// </summary>
internal static class RelevanceCost
{
    public static int Run(string lglJsonl, TextWriter output)
    {
        var articles = EventCorpus.ReadNews(lglJsonl).Select(a => (a.Title, a.Text)).ToList();
        var feedItems = articles.Select(a => (a.Title, Text: a.Text[..Math.Min(300, a.Text.Length)])).ToList();

        var wall = Stopwatch.StartNew();
        var cpu = ThreadCpuMilliseconds();
        var model = RelevanceModel.Shipped ?? throw new InvalidOperationException("the core carries no relevance model");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model load, first use: {ThreadCpuMilliseconds() - cpu:0} ms CPU ({wall.Elapsed.TotalMilliseconds:0} ms wall); {model.FeatureCount} features, {model.Categories.Count} categories"));

        var categories = model.Categories.Select(c => c.Id).ToArray();
        foreach (var (name, items) in new[] { ("LGL article (title + body)", articles), ("feed item (title + 300 characters of body)", feedItems) })
        {
            var best = double.MaxValue;
            var sink = 0.0;
            for (var round = 0; round < 17; round++)
            {
                var before = ThreadCpuMilliseconds();
                foreach (var (title, text) in items)
                {
                    var features = RelevanceFeatures.Extract(title, text);
                    foreach (var category in categories)
                    {
                        sink += model.Score(category, features).Score;
                    }
                }

                // Two warm-up rounds (JIT tiers, the word cache), then the best of 15.
                if (round >= 2)
                {
                    best = Math.Min(best, (ThreadCpuMilliseconds() - before) * 1000 / items.Count);
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {best:0.0} µs CPU per item, features once and all {categories.Length} categories scored (checksum {sink:0.0})"));
        }

        return 0;
    }

    private static double ThreadCpuMilliseconds()
    {
        const int clockThreadCpuTimeId = 3;
        return ClockGetTime(clockThreadCpuTimeId, out var time) == 0
            ? (time.Seconds * 1e3) + (time.Nanoseconds / 1e6)
            : throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for this one measuring helper
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
#pragma warning restore SYSLIB1054
}
