using System.Globalization;
using NgoMonitor.Core.Matching.Evaluation;
using NgoMonitor.Core.Matching.Relevance;

namespace NgoMonitor.ModelBuilder;

/// <summary>Counts of one way of deciding on one category.</summary>
internal sealed class Metrics
{
    public int TruePositives { get; set; }

    public int FalsePositives { get; set; }

    public int FalseNegatives { get; set; }

    public void Add(bool predicted, bool actual)
    {
        if (predicted && actual)
        {
            TruePositives++;
        }
        else if (predicted)
        {
            FalsePositives++;
        }
        else if (actual)
        {
            FalseNegatives++;
        }
    }

    public string Triple() => string.Format(CultureInfo.InvariantCulture, "{0:F3} / {1:F3} / {2:F3}",
        Precision(TruePositives, FalsePositives), Recall(TruePositives, FalseNegatives), F1(TruePositives, FalsePositives, FalseNegatives));

    public static double Precision(int tp, int fp) => tp + fp == 0 ? 0 : (double)tp / (tp + fp);

    public static double Recall(int tp, int fn) => tp + fn == 0 ? 0 : (double)tp / (tp + fn);

    public static double F1(int tp, int fp, int fn) => tp == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + fp + fn);
}

/// <summary>
/// Rules alone against rules+model per category, on held-out folds: for each outer fold the model (weights and
/// threshold) is trained on the other four, and the fold's texts are decided by the category's current rule pack
/// (with the non-event gate, as the matcher decides), then the model. Each threshold policy is measured on the same
/// scores: the inner out-of-fold scores of each training set are computed once and every policy chooses from them.
/// Figures come twice: over every fold, and over the check half only (<see cref="EventCorpus.HalfOf"/>), which the
/// packs were not tuned on either. News is counted apart too: how many held-out LGL and GeoVirus articles each way flags.
/// </summary>
internal static class Evaluation
{
    public static void Run(IReadOnlyList<LabelledText> texts, IReadOnlyList<Design> designs, IReadOnlyList<(string Name, Func<string, ThresholdPolicy> PolicyOf)> policies, RuleGate gate, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine("Held-out folds: " + FoldTraining.Folds + " by FNV-1a of the id; thresholds from inner folds of each training set.");
        output.WriteLine(string.Format(inv, "Texts: {0} incidents, {1} LGL, {2} GeoVirus.",
            texts.Count(t => t.Source is "incidents" or "health"), texts.Count(t => t.Source == "lgl"), texts.Count(t => t.Source == "geovirus")));
        var contexted = InNewsContext(texts);
        foreach (var design in designs)
        {
            var inner = Enumerable.Range(0, FoldTraining.Folds).Select(fold =>
            {
                List<LabelledText> training = [.. texts.Where(t => FoldTraining.FoldOf(t, 0) != fold && design.Sees(t))];
                return (Texts: training, FoldTraining.OutOfFold(training, design, gate, salt: 1).Scores);
            }).ToList();
            var (scores, scorers) = FoldTraining.OutOfFold(texts, design, gate, salt: 0);
            foreach (var (policyName, policyOf) in policies)
            {
                Dictionary<string, float>[] thresholds = [.. inner.Select(f => FoldTraining.ChooseThresholds(f.Texts, f.Scores, gate, policyOf).ToDictionary(c => c.Id, c => c.Threshold, StringComparer.Ordinal))];
                output.WriteLine();
                output.WriteLine("## " + design.Name + ", thresholds: " + policyName);
                output.WriteLine();
                output.WriteLine(design.Description + ".");
                output.WriteLine();
                WriteTable(texts, contexted, scores, ContextScores(contexted, scorers, thresholds), thresholds, gate, output);
            }
        }
    }

    private static void WriteTable(IReadOnlyList<LabelledText> texts, List<LabelledText> contexted, Dictionary<string, double>[] scores, Dictionary<string, Dictionary<string, bool>> contextScores, Dictionary<string, float>[] thresholds, RuleGate gate, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine("| category | pack | positives | rules P / R / F1 | rules+model P / R / F1 | check half: rules | check half: rules+model | thresholds | LGL flags rules → +model | GeoVirus flags rules → +model | recall in news context: rules → +model |");
        output.WriteLine("|---|---|---:|---|---|---|---|---|---|---|---|");
        foreach (var (category, _) in Corpus.Categories)
        {
            Metrics rules = new(), combined = new(), checkRules = new(), checkCombined = new();
            int lglRules = 0, lglCombined = 0, gvRules = 0, gvCombined = 0;
            for (var i = 0; i < texts.Count; i++)
            {
                var text = texts[i];
                if (!text.Labels.TryGetValue(category, out var actual))
                {
                    continue;
                }

                var passes = gate.Passes(category, text);
                var kept = passes && scores[i][category] >= thresholds[FoldTraining.FoldOf(text, 0)][category];
                rules.Add(passes, actual);
                combined.Add(kept, actual);
                if (EventCorpus.HalfOf(text.Id) == CorpusHalf.Check)
                {
                    checkRules.Add(passes, actual);
                    checkCombined.Add(kept, actual);
                }

                if (text.Source == "geovirus")
                {
                    gvRules += passes ? 1 : 0;
                    gvCombined += kept ? 1 : 0;
                }
                else if (text.Source == "lgl")
                {
                    lglRules += passes ? 1 : 0;
                    lglCombined += kept ? 1 : 0;
                }
            }

            var inContext = contexted.Where(c => c.Labels.GetValueOrDefault(category)).ToList();
            var contextRules = inContext.Count(c => gate.Passes(category, c));
            var contextCombined = inContext.Count(c => gate.Passes(category, c) && contextScores[c.Id][category]);
            var range = string.Join(" ", thresholds.Select(t => t[category].ToString("0.0000", inv)));
            output.WriteLine(string.Format(inv, "| {0} | {1} | {2} | {3} | {4} | {5} | {6} | {7} | {8} → {9} | {10} → {11} | {12:F3} → {13:F3} |",
                category, gate.PackOf(category) ?? "none", rules.TruePositives + rules.FalseNegatives,
                rules.Triple(), combined.Triple(), checkRules.Triple(), checkCombined.Triple(), range, lglRules, lglCombined, gvRules, gvCombined,
                Metrics.Recall(contextRules, inContext.Count - contextRules), Metrics.Recall(contextCombined, inContext.Count - contextCombined)));
        }
    }

    /// <summary>
    /// A stress test of the news register, which the folds lack: each incident again, followed by the first 40 words
    /// of a news article from the same outer fold (so neither part was trained on by the model that scores it), as a
    /// news item whose lead is the incident. What falls from its recall is what the surrounding news words cost.
    /// </summary>
    private static List<LabelledText> InNewsContext(IReadOnlyList<LabelledText> texts)
    {
        var newsByFold = texts.Where(t => t.IsNews).OrderBy(t => t.Id, StringComparer.Ordinal).GroupBy(t => FoldTraining.FoldOf(t, 0)).ToDictionary(g => g.Key, g => g.ToList());
        return texts.Where(t => !t.IsNews && newsByFold.ContainsKey(FoldTraining.FoldOf(t, 0)))
            .Select(t =>
            {
                var news = newsByFold[FoldTraining.FoldOf(t, 0)];
                return new LabelledText(t.Id + "+news", "context", t.Body, FoldTraining.Filler(t, news, 40), t.Labels) { FoldId = t.Id, Date = t.Date };
            })
            .ToList();
    }

    /// <summary>Whether each contexted text scores above its fold's threshold, by the model of its outer fold.</summary>
    private static Dictionary<string, Dictionary<string, bool>> ContextScores(List<LabelledText> contexted, CategoryScorer[] scorers, Dictionary<string, float>[] thresholds)
    {
        var result = new Dictionary<string, Dictionary<string, bool>>(StringComparer.Ordinal);
        for (var fold = 0; fold < FoldTraining.Folds; fold++)
        {
            var scorer = scorers[fold];
            foreach (var text in contexted.Where(c => FoldTraining.FoldOf(c, 0) == fold))
            {
                result[text.Id] = Corpus.Categories.ToDictionary(c => c.Category, c => scorer(c.Category, text) >= thresholds[fold][c.Category], StringComparer.Ordinal);
            }
        }

        return result;
    }
}
