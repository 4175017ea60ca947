namespace NgoMonitor.Core.Matching.Relevance;

/// <summary>One training text as feature names (<see cref="RelevanceFeatures.Names"/>) and, per category id, whether
/// it is an example of that category (a category missing from <see cref="Labels"/> does not train on it).</summary>
public sealed record TrainingExample(string Id, IReadOnlyList<string> Features, IReadOnlyDictionary<string, bool> Labels);

/// <summary>
/// Training settings. Defaults are the ones the design comparison chose (docs/relevance-model.md).
/// </summary>
/// <param name="Epochs">Passes over the data (1–100; default 12).</param>
/// <param name="LearningRate">AdaGrad step (0–10; default 0.3).</param>
/// <param name="L2">L2 penalty per update on the weights touched (0–1; default 1e-4): keeps rare words small.</param>
/// <param name="MinDocumentFrequency">A feature enters the vocabulary when this many training texts hold it (default 3).</param>
/// <param name="Seed">Seed of the fixed shuffle of each pass (default 17).</param>
public sealed record TrainerOptions(int Epochs = 12, double LearningRate = 0.3, double L2 = 1e-4, int MinDocumentFrequency = 3, int Seed = 17)
{
    public void Validate()
    {
        if (Epochs is < 1 or > 100 || LearningRate is <= 0 or > 10 || L2 is < 0 or > 1 || MinDocumentFrequency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TrainerOptions), this, "Epochs 1–100, learning rate 0–10, L2 0–1, minimum document frequency ≥ 1");
        }
    }
}

/// <summary>
/// Trains logistic regression per category with AdaGrad over binary features, deterministically: the vocabulary
/// in ordinal order, each pass in a shuffle drawn from <see cref="TrainerOptions.Seed"/>, sequential double
/// arithmetic, weights rounded to half precision at the end. The same examples and options give the same bytes.
/// Positives are weighted by √(negatives / positives) so that rare categories (aid workers kidnapped) still move
/// the weights; the threshold is chosen afterwards on held-out scores, not here.
/// </summary>
public static class RelevanceTrainer
{
    /// <summary>Features smaller than this in every category are left out of the model file.</summary>
    private const double PruneBelow = 0.004;

    /// <summary>Trains every category of <paramref name="thresholds"/> (id → threshold written into the model).</summary>
    public static RelevanceModel Train(IReadOnlyList<TrainingExample> examples, IReadOnlyList<(string Id, float Threshold)> thresholds, string licence, TrainerOptions options)
    {
        options.Validate();
        var vocabulary = Vocabulary(examples, options.MinDocumentFrequency);
        var index = vocabulary.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var rows = examples.Select(e => e.Features.Where(index.ContainsKey).Select(f => index[f]).Order().ToArray()).ToArray();

        var categories = new List<RelevanceCategory>();
        var weights = new double[thresholds.Count][];
        for (var c = 0; c < thresholds.Count; c++)
        {
            var (id, threshold) = thresholds[c];
            var (w, bias) = TrainOne(examples, rows, vocabulary.Count, id, options);
            weights[c] = w;
            categories.Add(new RelevanceCategory(id, (float)bias, threshold));
        }

        var kept = Enumerable.Range(0, vocabulary.Count).Where(f => weights.Any(w => Math.Abs(w[f]) >= PruneBelow)).ToArray();
        var packed = new Half[kept.Length * categories.Count];
        for (var i = 0; i < kept.Length; i++)
        {
            for (var c = 0; c < categories.Count; c++)
            {
                packed[(i * categories.Count) + c] = (Half)weights[c][kept[i]];
            }
        }

        return new RelevanceModel(licence, categories, kept.Select(f => vocabulary[f]).ToList(), packed);
    }

    /// <summary>Features held by at least <paramref name="minFrequency"/> examples, in ordinal order.</summary>
    private static List<string> Vocabulary(IReadOnlyList<TrainingExample> examples, int minFrequency)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var example in examples)
        {
            foreach (var feature in example.Features.Distinct(StringComparer.Ordinal))
            {
                frequency[feature] = frequency.GetValueOrDefault(feature) + 1;
            }
        }

        return frequency.Where(p => p.Value >= minFrequency).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
    }

    private static (double[] Weights, double Bias) TrainOne(IReadOnlyList<TrainingExample> examples, int[][] rows, int features, string category, TrainerOptions options)
    {
        var members = Enumerable.Range(0, examples.Count).Where(i => examples[i].Labels.ContainsKey(category)).ToArray();
        var positives = members.Count(i => examples[i].Labels[category]);
        var negatives = members.Length - positives;
        var positiveWeight = positives == 0 ? 1 : Math.Max(1, Math.Sqrt((double)negatives / positives));

        var w = new double[features];
        var g2 = new double[features];
        double bias = 0, biasG2 = 0;
        var random = new Random(options.Seed);
        const double epsilon = 1e-8;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(members);
            foreach (var i in members)
            {
                var row = rows[i];
                var z = bias;
                foreach (var f in row)
                {
                    z += w[f];
                }

                var y = examples[i].Labels[category];
                var p = 1 / (1 + Math.Exp(-z));
                var gradient = (p - (y ? 1 : 0)) * (y ? positiveWeight : 1);
                foreach (var f in row)
                {
                    var g = gradient + (options.L2 * w[f]);
                    g2[f] += g * g;
                    w[f] -= options.LearningRate * g / Math.Sqrt(g2[f] + epsilon);
                }

                biasG2 += gradient * gradient;
                bias -= options.LearningRate * gradient / Math.Sqrt(biasG2 + epsilon);
            }
        }

        return (w, bias);
    }
}
