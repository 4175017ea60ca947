using NgoMonitor.Core.Matching.Relevance;

namespace NgoMonitor.ModelBuilder;

/// <summary>
/// Which <see cref="ThresholdPolicy"/> sets each category's threshold in the shipped model, and the policies the
/// evaluation compares it with (docs/relevance-model.md, "Thresholds"). The rules are the recall gate: a policy that
/// lets the model cut the rules' recall below the floors is not shipped, whatever its F1.
/// </summary>
internal static class ThresholdPolicies
{
    private static readonly ThresholdPolicy Default = ThresholdPolicy.KeepingRecall(0.99);

    /// <summary>Categories whose policy differs from the default, chosen on held-out folds.</summary>
    private static readonly Dictionary<string, ThresholdPolicy> Chosen = new(StringComparer.Ordinal);

    /// <summary>The shipped policy of <paramref name="category"/>.</summary>
    public static ThresholdPolicy Shipped(string category) => Chosen.GetValueOrDefault(category, Default);

    /// <summary>The shipped choice and every policy measured against it, each applied to all categories.</summary>
    public static IReadOnlyList<(string Name, Func<string, ThresholdPolicy> PolicyOf)> Measured { get; } =
    [
        ("shipped (per category)", Shipped),
        .. new[]
        {
            ThresholdPolicy.BestF1, ThresholdPolicy.KeepingRecall(0.97), ThresholdPolicy.KeepingRecall(0.98), ThresholdPolicy.KeepingRecall(0.99),
            ThresholdPolicy.KeepingRecall(0.995), ThresholdPolicy.KeepingRecall(1), ThresholdPolicy.BestFBeta(2),
        }.Select(p => (p.Name, (Func<string, ThresholdPolicy>)(_ => p))),
    ];
}
