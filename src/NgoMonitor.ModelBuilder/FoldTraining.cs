using NgoMonitor.Core.Matching.Relevance;

namespace NgoMonitor.ModelBuilder;

/// <summary>A way to train: which features it keeps, whether LGL news trains as negatives, and the trainer's settings.</summary>
internal sealed record Design(string Name, string Description, Func<string, bool> KeepFeature, bool NewsNegatives, TrainerOptions Options)
{
    public static readonly Design Chosen = new(
        "words+pairs", "logistic regression, stems and neighbouring pairs, LGL as negatives", _ => true, true, new TrainerOptions());

    public static IReadOnlyList<Design> Compared =>
    [
        new("words", "logistic regression, stems only, LGL as negatives", f => !f.Contains(' ', StringComparison.Ordinal), true, new TrainerOptions()),
        Chosen,
        new("words+pairs, no news", "as words+pairs, trained on incidents only", _ => true, false, new TrainerOptions()),
        new("words+pairs, L2 1e-3", "as words+pairs, ten times the L2 penalty", _ => true, true, new TrainerOptions(L2: 1e-3)),
    ];
}

/// <summary>
/// Training on folds (fold of a text: <see cref="Corpus.Fold"/> of its id). A category's threshold is the one with
/// the best F1 of rules+model over out-of-fold scores of the texts it is trained on, so a figure measured on a fold
/// never used that fold to set weights or threshold. Texts from <see cref="HeldOutOnly"/> sources are never trained on.
/// </summary>
internal static class FoldTraining
{
    public const int Folds = 5;

    public const string Licence =
        "Relevance models trained on incident descriptions from Insecurity Insight, Security in Numbers Database (SiND): "
        + "Attacks on Health Care, Education in Danger, Protection in Danger, Conflict-Related Sexual Violence, Explosive "
        + "Weapons and Aid Worker KIKA data, 2016-2024, as published on the Humanitarian Data Exchange. Data licence CC BY-SA 4.0 "
        + "(https://creativecommons.org/licenses/by-sa/4.0/); this model is an adaptation shared under CC BY-SA 4.0. "
        + "Attribution: Insecurity Insight. Negatives also from the LGL local-news corpus (Lieberman, Samet and "
        + "Sankaranarayanan 2010). See data/relevance/README.md.";

    /// <summary>Sources used only for measuring, never for training (news outside the training register).</summary>
    public static readonly HashSet<string> HeldOutOnly = new(StringComparer.Ordinal) { "geovirus" };

    /// <summary>Trains a model of every category on <paramref name="texts"/> with fixed thresholds.</summary>
    public static RelevanceModel Train(IEnumerable<LabelledText> texts, Design design, IReadOnlyList<(string Id, float Threshold)> thresholds) =>
        RelevanceTrainer.Train(
            texts.Where(t => !HeldOutOnly.Contains(t.Source) && (design.NewsNegatives || t.Source != "lgl"))
                .Select(t => new TrainingExample(t.Id, t.FeatureNames.Where(design.KeepFeature).ToList(), t.Labels))
                .ToList(),
            thresholds,
            Licence,
            design.Options);

    /// <summary>Trains on <paramref name="texts"/> with thresholds chosen on their own out-of-fold scores: what
    /// the build command ships, and what each outer fold of the evaluation trains.</summary>
    public static RelevanceModel TrainWithThresholds(IReadOnlyList<LabelledText> texts, Design design, RuleGate gate, int salt)
    {
        var scores = OutOfFold(texts, design, salt);
        var thresholds = Corpus.Categories.Select(c => (c.Category, (float)BestThreshold(texts, scores, c.Category, gate))).ToList();
        return Train(texts, design, thresholds);
    }

    /// <summary>Score of each text per category from a model trained on the other folds (NaN when unlabelled).</summary>
    public static Dictionary<string, double>[] OutOfFold(IReadOnlyList<LabelledText> texts, Design design, int salt)
    {
        var scores = texts.Select(_ => new Dictionary<string, double>(StringComparer.Ordinal)).ToArray();
        var placeholder = Corpus.Categories.Select(c => (c.Category, 0.5f)).ToList();
        for (var fold = 0; fold < Folds; fold++)
        {
            var model = Train(texts.Where(t => FoldOf(t, salt) != fold), design, placeholder);
            for (var i = 0; i < texts.Count; i++)
            {
                if (FoldOf(texts[i], salt) == fold)
                {
                    foreach (var (category, _) in Corpus.Categories)
                    {
                        scores[i][category] = model.Score(category, texts[i].Features, 0).Score;
                    }
                }
            }
        }

        return scores;
    }

    /// <summary>The fold of a text; <paramref name="salt"/> 0 is the outer split, others split a training set again.</summary>
    public static int FoldOf(LabelledText text, int salt) => Corpus.Fold(salt == 0 ? text.Id : salt + ":" + text.Id, Folds);

    /// <summary>The threshold with the best F1 of "rules pass and score ≥ threshold" over the labelled texts.</summary>
    private static double BestThreshold(IReadOnlyList<LabelledText> texts, Dictionary<string, double>[] scores, string category, RuleGate gate)
    {
        var labelled = Enumerable.Range(0, texts.Count).Where(i => texts[i].Labels.ContainsKey(category) && !HeldOutOnly.Contains(texts[i].Source)).ToList();
        var positives = labelled.Count(i => texts[i].Labels[category]);
        var passing = labelled.Where(i => gate.Passes(category, texts[i]))
            .Select(i => (Score: scores[i][category], Positive: texts[i].Labels[category]))
            .OrderByDescending(p => p.Score)
            .ToList();
        double best = 0, bestThreshold = 0.5;
        int tp = 0, fp = 0;
        for (var k = 0; k < passing.Count; k++)
        {
            if (passing[k].Positive)
            {
                tp++;
            }
            else
            {
                fp++;
            }

            var atTie = k + 1 < passing.Count && passing[k + 1].Score == passing[k].Score;
            var f1 = Metrics.F1(tp, fp, positives - tp);
            if (!atTie && f1 > best)
            {
                best = f1;
                bestThreshold = k + 1 < passing.Count ? (passing[k].Score + passing[k + 1].Score) / 2 : passing[k].Score;
            }
        }

        return bestThreshold;
    }
}
