using NgoMonitor.Core.Matching.Relevance;

namespace NgoMonitor.ModelBuilder;

/// <summary>The score (0–1) of a text for a category, by a model trained on other texts.</summary>
internal delegate double CategoryScorer(string category, LabelledText text);

/// <summary>A way to train: which features it keeps, whether news trains as negatives, whether a category trains
/// only on the texts its rules pass, how many words of a news article are appended to each incident as filler
/// (0: none), and the trainer's settings.</summary>
internal sealed record Design(string Name, string Description, Func<string, bool> KeepFeature, bool NewsNegatives, TrainerOptions Options, bool GateTrained = false, int FillerWords = 0, bool NewsSentences = false)
{
    /// <summary>The news sources it trains on (<see cref="LabelledText.Source"/>); null: every news source loaded.</summary>
    public IReadOnlySet<string>? NewsSources { get; init; }

    /// <summary>Whether the design may look at <paramref name="text"/> at all (weights or threshold): every incident,
    /// and news of the sources it names.</summary>
    public bool Sees(LabelledText text) => !text.IsNews || NewsSources is null || NewsSources.Contains(text.Source);

    /// <summary>A learner other than <see cref="RelevanceTrainer"/> (compared, never shipped); null: the in-process trainer.</summary>
    public Func<IReadOnlyList<TrainingExample>, CategoryScorer>? OtherLearner { get; init; }

    /// <summary>News filler and news sentences, with LGL and GeoVirus news: at the fold F1 of the others it keeps far
    /// fewer news articles and most of the recall of incidents set in news text (docs/relevance-model.md).</summary>
    public static readonly Design AllNews = new(
        "words+pairs, news filler, news sentences", "as news filler, plus each training news sentence that names a topic word as a negative of its own", _ => true, true, new TrainerOptions(), FillerWords: 40, NewsSentences: true);

    /// <summary>The shipped design: <see cref="AllNews"/> with GeoVirus (WikiNews text, CC BY 2.5) as its only news.
    /// LGL (GPL-3.0 annotations, publishers' text) is then never trained on, so it stays an unseen news test set; the
    /// F1 on incidents is the same and a few more news articles pass (docs/relevance-model.md).</summary>
    public static readonly Design Chosen = AllNews with
    {
        Name = "words+pairs, news filler, news sentences, GeoVirus news only",
        Description = "as news filler and news sentences, with GeoVirus as the only news: LGL is never trained on",
        NewsSources = new HashSet<string>(StringComparer.Ordinal) { "geovirus" },
    };

    /// <summary>Designs by name for --design; Compared lists them all.</summary>
    public static IReadOnlyList<Design> Compared =>
    [

        new("words", "logistic regression, stems only, news as negatives", f => !f.Contains(' ', StringComparison.Ordinal), true, new TrainerOptions()),
        new("words+pairs", "logistic regression, stems and neighbouring pairs, news as negatives", _ => true, true, new TrainerOptions()),
        new("words+pairs, no news", "as words+pairs, trained on incidents only", _ => true, false, new TrainerOptions()),
        new("words+pairs, L2 1e-3", "as words+pairs, ten times the L2 penalty", _ => true, true, new TrainerOptions(L2: 1e-3)),
        new("words+pairs, gate-trained", "as words+pairs, each category trained only on texts its rules pass", _ => true, true, new TrainerOptions(), GateTrained: true),
        new("words+pairs, news filler", "as words+pairs, plus each incident again with 40 words of a training news article after it", _ => true, true, new TrainerOptions(), FillerWords: 40),
        AllNews,
        new("words+pairs, gate-trained, news filler", "gate-trained and news filler together", _ => true, true, new TrainerOptions(), GateTrained: true, FillerWords: 40),
        new("words+pairs, news filler 60", "as news filler, with 60 words of news", _ => true, true, new TrainerOptions(), FillerWords: 60),
        new("ML.NET SDCA, news filler", "ML.NET 6 FeaturizeText (word 1-2-grams, char 3-grams) over the same stems, SDCA logistic regression, one thread; news filler as chosen", _ => true, true, new TrainerOptions(), FillerWords: 40)
        {
            OtherLearner = MlNetLearner.Fit,
        },
        Chosen,
        new("words+pairs, news filler, L2 1e-3", "as words+pairs, news filler, ten times the L2 penalty", _ => true, true, new TrainerOptions(L2: 1e-3), FillerWords: 40),
    ];
}

/// <summary>
/// Training on folds (fold of a text: <see cref="Corpus.Fold"/> of its id). A category's threshold is chosen by its
/// <see cref="ThresholdPolicy"/> over out-of-fold scores of the texts it is trained on, so a figure measured on a fold
/// never used that fold to set weights or threshold.
/// </summary>
internal static partial class FoldTraining
{
    public const int Folds = 5;

    public const string Licence =
        "Relevance models trained on incident descriptions from Insecurity Insight, Security in Numbers Database (SiND): "
        + "Attacks on Health Care, Education in Danger, Protection in Danger, Conflict-Related Sexual Violence, Explosive "
        + "Weapons and Aid Worker KIKA data, 2016-2024, as published on the Humanitarian Data Exchange. Data licence CC BY-SA 4.0 "
        + "(https://creativecommons.org/licenses/by-sa/4.0/); this model is an adaptation shared under CC BY-SA 4.0. "
        + "Attribution: Insecurity Insight. News negatives from GeoVirus WikiNews extracts (Gritta et al. 2018; text by "
        + "Wikinews contributors, CC BY 2.5). See data/relevance/README.md.";

    /// <summary>Trains a model of every category on <paramref name="texts"/> with fixed thresholds.</summary>
    public static RelevanceModel Train(IEnumerable<LabelledText> texts, Design design, IReadOnlyList<(string Id, float Threshold)> thresholds, RuleGate gate) =>
        RelevanceTrainer.Train(Examples(texts, design, gate), thresholds,
            design.NewsSources is null ? Licence + " News negatives also from the LGL local-news corpus (Lieberman, Samet and Sankaranarayanan 2010)." : Licence,
            design.Options);

    /// <summary>Trains the design's learner on <paramref name="texts"/>: a score per category and text.</summary>
    public static CategoryScorer Fit(IEnumerable<LabelledText> texts, Design design, RuleGate gate)
    {
        if (design.OtherLearner is { } learner)
        {
            return learner(Examples(texts, design, gate));
        }

        var model = Train(texts, design, Corpus.Categories.Select(c => (c.Category, 0.5f)).ToList(), gate);
        return (category, text) => model.Score(category, text.Features, 0).Score;
    }

    /// <summary>The training examples of a design: the texts it uses, their labels (gated or not), and the
    /// incidents again with news filler after them when it asks for that.</summary>
    private static List<TrainingExample> Examples(IEnumerable<LabelledText> texts, Design design, RuleGate gate)
    {
        var used = texts.Where(t => design.Sees(t) && (design.NewsNegatives || !t.IsNews)).ToList();
        var examples = used.Select(t => new TrainingExample(t.Id, t.FeatureNames.Where(design.KeepFeature).ToList(), design.GateTrained ? Gated(t, gate) : t.Labels)).ToList();
        if (design.FillerWords > 0)
        {
            var news = used.Where(t => t.IsNews).OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
            foreach (var text in used.Where(t => !t.IsNews && news.Count > 0))
            {
                examples.Add(new TrainingExample(text.Id + "+news", RelevanceFeatures.Names(text.Body, Filler(text, news, design.FillerWords)).Where(design.KeepFeature).ToList(), design.GateTrained ? Gated(text, gate) : text.Labels));
            }
        }

        if (design.NewsSentences)
        {
            foreach (var article in used.Where(t => t.IsNews))
            {
                examples.AddRange(TopicSentences(article.Body).Select((sentence, i) =>
                    new TrainingExample(article.Id + "#" + i, RelevanceFeatures.Names("", sentence).Where(design.KeepFeature).ToList(), article.Labels)));
            }
        }

        return examples;
    }

    /// <summary>The first <paramref name="words"/> words of the body of the news article (of <paramref name="news"/>,
    /// ordered by id) that <paramref name="text"/>'s id picks: the same article on every run.</summary>
    public static string Filler(LabelledText text, IReadOnlyList<LabelledText> news, int words) =>
        string.Join(' ', news[Corpus.Fold(text.Id, news.Count)].Body.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(words));

    /// <summary>
    /// The sentences of an ordinary news article that name a topic of the models (a hospital, a school, a shooting,
    /// a bomb, a kidnapping): "the victim was taken to the hospital, where he died" is what the rules let through
    /// and what the incident data has few negatives of; a whole article dilutes it among its other words.
    /// </summary>
    private static IEnumerable<string> TopicSentences(string body) =>
        SentenceBreak().Split(body).Where(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 6 && TopicWord().IsMatch(s));

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z""“])")]
    private static partial System.Text.RegularExpressions.Regex SentenceBreak();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(hospital|clinic|doctor|nurse|medic|health|patient|ambulance|school|student|teacher|pupil|kidnap|abduct|hostage|bomb|explos|shell|grenade|rape|sexual|assault|shot|shoot|killed|wounded|injured|aid worker|volunteer)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex TopicWord();

    /// <summary>The labels of the categories whose rules pass the text.</summary>
    private static Dictionary<string, bool> Gated(LabelledText text, RuleGate gate) =>
        text.Labels.Where(l => gate.Passes(l.Key, text)).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);

    /// <summary>Per category, the threshold its policy (<paramref name="policyOf"/>) chooses on out-of-fold scores of the
    /// <paramref name="texts"/> the design sees.</summary>
    public static List<(string Id, float Threshold)> Thresholds(IReadOnlyList<LabelledText> texts, Design design, RuleGate gate, int salt, Func<string, ThresholdPolicy> policyOf)
    {
        var used = texts.Where(design.Sees).ToList();
        var (scores, _) = OutOfFold(used, design, gate, salt);
        return ChooseThresholds(used, scores, gate, policyOf);
    }

    /// <summary>Per category, the threshold its policy chooses on the given out-of-fold <paramref name="scores"/> of
    /// <paramref name="texts"/>: over the labelled texts, those the category's rules pass.</summary>
    public static List<(string Id, float Threshold)> ChooseThresholds(IReadOnlyList<LabelledText> texts, Dictionary<string, double>[] scores, RuleGate gate, Func<string, ThresholdPolicy> policyOf) =>
        [.. Corpus.Categories.Select(c =>
        {
            var labelled = Enumerable.Range(0, texts.Count).Where(i => texts[i].Labels.ContainsKey(c.Category)).ToList();
            var passing = labelled.Where(i => gate.Passes(c.Category, texts[i])).Select(i => (scores[i][c.Category], texts[i].Labels[c.Category])).ToList();
            return (c.Category, (float)policyOf(c.Category).Choose(passing, labelled.Count(i => texts[i].Labels[c.Category])));
        })];

    /// <summary>Score of each text per category from a model trained on the other folds, and the model of each fold
    /// (trained on the texts outside it).</summary>
    public static (Dictionary<string, double>[] Scores, CategoryScorer[] Scorers) OutOfFold(IReadOnlyList<LabelledText> texts, Design design, RuleGate gate, int salt)
    {
        var scores = texts.Select(_ => new Dictionary<string, double>(StringComparer.Ordinal)).ToArray();
        var scorers = new CategoryScorer[Folds];
        for (var fold = 0; fold < Folds; fold++)
        {
            var scorer = scorers[fold] = Fit(texts.Where(t => FoldOf(t, salt) != fold), design, gate);
            for (var i = 0; i < texts.Count; i++)
            {
                if (FoldOf(texts[i], salt) == fold)
                {
                    foreach (var (category, _) in Corpus.Categories)
                    {
                        scores[i][category] = scorer(category, texts[i]);
                    }
                }
            }
        }

        return (scores, scorers);
    }

    /// <summary>The fold of a text; <paramref name="salt"/> 0 is the outer split, others split a training set again.</summary>
    public static int FoldOf(LabelledText text, int salt) => Corpus.Fold(salt == 0 ? text.FoldId : salt + ":" + text.FoldId, Folds);
}
