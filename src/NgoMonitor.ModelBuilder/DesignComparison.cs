using System.Diagnostics;
using System.Globalization;

namespace NgoMonitor.ModelBuilder;

/// <summary>
/// A cheaper comparison of learners than <see cref="Evaluation"/>: one fit per outer fold (no inner folds for a
/// threshold), each text scored by the model of the fold it is not in, and per category the average precision of
/// those held-out scores (the area under the precision–recall curve, threshold-free) over every labelled text and over
/// the texts the category's rules pass. A learner that needs an hour for the full evaluation can still be ranked.
/// </summary>
internal static class DesignComparison
{
    /// <summary>Compares the designs on the categories named in <paramref name="categories"/> (the texts' labels of the
    /// others are expected to be left out already, so that a slow learner fits only these).</summary>
    public static void Run(IReadOnlyList<LabelledText> texts, IReadOnlyList<Design> designs, IReadOnlyList<string> categories, RuleGate gate, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine("Held-out folds: " + FoldTraining.Folds + " by FNV-1a of the id, one fit per fold; average precision of the held-out scores.");
        output.WriteLine();
        output.WriteLine("| design | " + string.Join(" | ", categories) + " | mean | CPU per fit (s) |");
        output.WriteLine("|---|" + string.Concat(categories.Select(_ => "---:|")) + "---:|---:|");
        foreach (var design in designs)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var (scores, _) = FoldTraining.OutOfFold(texts, design, gate, salt: 0);
            var seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / FoldTraining.Folds;
            var cells = categories.Select(c =>
            {
                var all = AveragePrecision(texts, scores, c, _ => true);
                var gated = AveragePrecision(texts, scores, c, t => gate.Passes(c, t));
                return (All: all, Gated: gated);
            }).ToList();
            output.WriteLine(string.Format(inv, "| {0} | {1} | {2:F3} / {3:F3} | {4:F1} |", design.Name,
                string.Join(" | ", cells.Select(c => string.Format(inv, "{0:F3} / {1:F3}", c.All, c.Gated))),
                cells.Average(c => c.All), cells.Average(c => c.Gated), seconds));
        }

        output.WriteLine();
        output.WriteLine("Each cell: average precision over every labelled text / over the texts the category's rules pass.");
    }

    /// <summary>
    /// Average precision of the texts <paramref name="keep"/> selects, ranked by score: the mean, over the positives
    /// in rank order, of the precision at each one's rank. Positives outside the selection count as never found, so a
    /// gate that drops positives lowers it as a recall loss would.
    /// </summary>
    public static double AveragePrecision(IReadOnlyList<LabelledText> texts, Dictionary<string, double>[] scores, string category, Func<LabelledText, bool> keep)
    {
        var labelled = Enumerable.Range(0, texts.Count).Where(i => texts[i].Labels.ContainsKey(category)).ToList();
        var positives = labelled.Count(i => texts[i].Labels[category]);
        if (positives == 0)
        {
            return 0;
        }

        var ranked = labelled.Where(i => keep(texts[i])).OrderByDescending(i => scores[i][category]).ThenBy(i => texts[i].Id, StringComparer.Ordinal).ToList();
        double sum = 0;
        var found = 0;
        for (var k = 0; k < ranked.Count; k++)
        {
            if (texts[ranked[k]].Labels[category])
            {
                found++;
                sum += (double)found / (k + 1);
            }
        }

        return sum / positives;
    }
}
