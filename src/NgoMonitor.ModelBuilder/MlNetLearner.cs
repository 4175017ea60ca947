using Microsoft.ML;
using Microsoft.ML.Trainers;
using NgoMonitor.Core.Matching.Relevance;

namespace NgoMonitor.ModelBuilder;

/// <summary>
/// The ML.NET design of the comparison: per category, ML.NET's text featurizer (word unigrams and bigrams, character
/// trigrams, normalised) over the same stems the in-process model reads (date prefix and numbers already gone),
/// and SDCA logistic regression on one thread with a fixed seed. Measured only; the shipped model does not use it.
/// </summary>
internal static class MlNetLearner
{
    public static CategoryScorer Fit(IReadOnlyList<TrainingExample> examples)
    {
        var ml = new MLContext(seed: 1);
        var engines = new Dictionary<string, PredictionEngine<Row, Prediction>>(StringComparer.Ordinal);
        foreach (var (category, _) in Corpus.Categories.Where(c => examples.Any(e => e.Labels.ContainsKey(c.Category))))
        {
            var rows = examples.Where(e => e.Labels.ContainsKey(category)).Select(e => new Row { Text = StemText(e.Features), Label = e.Labels[category] }).ToList();
            var pipeline = ml.Transforms.Text.FeaturizeText("Features", nameof(Row.Text))
                .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1 }));
            var model = pipeline.Fit(ml.Data.LoadFromEnumerable(rows));
            engines[category] = ml.Model.CreatePredictionEngine<Row, Prediction>(model);
        }

        // A category no example is labelled for (left out of a comparison) is not fitted and scores 0.
        return (category, text) => engines.TryGetValue(category, out var engine) ? engine.Predict(new Row { Text = StemText(text.FeatureNames) }).Probability : 0;
    }

    /// <summary>The stems of a feature list in order (its single words; pairs are ML.NET's own n-grams here).</summary>
    private static string StemText(IReadOnlyList<string> features) => string.Join(' ', features.Where(f => !f.Contains(' ', StringComparison.Ordinal)));

    private sealed class Row
    {
        public string Text { get; set; } = "";

        public bool Label { get; set; }
    }

    private sealed class Prediction
    {
        public float Probability { get; set; }
    }
}
