using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NgoMonitor.Core.Matching.Relevance;

namespace NgoMonitor.ModelBuilder;

/// <summary>
/// What the relevance stage costs (docs/relevance-model.md): loading the shipped model (first use in the process,
/// so JIT included, as at start-up), and scoring one item for every category with its features extracted once, the
/// best of 15 timed rounds on one thread (a machine shared with other jobs inflates the others). Items are the LGL
/// articles given (title and text) and, as feeds carry them, their title with the first 300 characters.
/// </summary>
internal static class RelevanceCost
{
    public static int Run(string lglJsonl, TextWriter output)
    {
        var articles = File.ReadLines(lglJsonl).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (Title: e.GetProperty("title").GetString() ?? "", Text: e.GetProperty("text").GetString() ?? "")).ToList();
        var feedItems = articles.Select(a => (a.Title, Text: a.Text[..Math.Min(300, a.Text.Length)])).ToList();

        var wall = Stopwatch.StartNew();
        var model = RelevanceModel.Shipped ?? throw new InvalidOperationException("the core carries no relevance model");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model load, first use: {wall.Elapsed.TotalMilliseconds:0} ms; {model.FeatureCount} features, {model.Categories.Count} categories"));

        var categories = model.Categories.Select(c => c.Id).ToArray();
        foreach (var (name, items) in new[] { ("LGL article (title + full text)", articles), ("feed item (title + 300 characters)", feedItems) })
        {
            var best = double.MaxValue;
            var sink = 0.0;
            for (var round = 0; round < 17; round++)
            {
                var before = Stopwatch.GetTimestamp();
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
                    best = Math.Min(best, Stopwatch.GetElapsedTime(before).TotalMilliseconds * 1000 / items.Count);
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {best:0.0} µs per item, features once and all {categories.Length} categories scored (checksum {sink:0.0})"));
        }

        return 0;
    }
}
