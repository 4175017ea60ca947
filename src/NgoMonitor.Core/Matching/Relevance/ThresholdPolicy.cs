using System.Globalization;

namespace NgoMonitor.Core.Matching.Relevance;

/// <summary>
/// How a category's threshold is chosen from held-out scores of labelled texts (docs/relevance-model.md). The rules
/// are the recall gate and the model only trims what they pass, so every policy looks only at the texts the rules
/// pass, and counts the positives the rules miss as misses whatever the threshold.
/// </summary>
/// <param name="Name">How the policy is named in reports.</param>
/// <param name="Beta">The F-measure maximised: 1 weighs precision and recall alike, 2 weighs recall four times as much
/// (must be above 0).</param>
/// <param name="KeepRecall">The share (0–1) of the positives the rules pass that the threshold must keep; 0: no bound.
/// 0.98 keeps recall within 2 % of the rules' own, whatever precision that costs.</param>
/// <param name="RulesAlone">The threshold is 0: the rules decide alone and the model only scores (explains).</param>
public sealed record ThresholdPolicy(string Name, double Beta = 1, double KeepRecall = 0, bool RulesAlone = false)
{
    /// <summary>The best F1 of rules+model, recall unbounded.</summary>
    public static ThresholdPolicy BestF1 { get; } = new("best F1");

    /// <summary>Rules alone: threshold 0.</summary>
    public static ThresholdPolicy Rules { get; } = new("rules alone", RulesAlone: true);

    /// <summary>The best F1 among thresholds that keep at least <paramref name="share"/> of the positives the rules pass.</summary>
    public static ThresholdPolicy KeepingRecall(double share) =>
        new(string.Create(CultureInfo.InvariantCulture, $"best F1 keeping {share * 100:0.#} % of the rules' recall"), KeepRecall: share);

    /// <summary>The best F-beta (β = <paramref name="beta"/>), recall unbounded.</summary>
    public static ThresholdPolicy BestFBeta(double beta) =>
        new(string.Create(CultureInfo.InvariantCulture, $"best F{beta:0.#}"), Beta: beta);

    /// <summary>
    /// The threshold for texts the rules pass, given as their held-out score and whether each is a positive, with
    /// <paramref name="positives"/> the labelled positives in all (those the rules miss too). A text is kept when its
    /// score reaches the threshold. The threshold falls midway between two neighbouring scores, never inside a run of
    /// equal scores; keeping everything the rules pass gives the lowest score (0 when there is none). Pure.
    /// </summary>
    public double Choose(IReadOnlyList<(double Score, bool Positive)> passing, int positives)
    {
        if (Beta <= 0 || KeepRecall is < 0 or > 1)
        {
            throw new InvalidOperationException("Threshold policy '" + Name + "': beta must be above 0 and the share of recall kept within 0–1");
        }

        if (RulesAlone || passing.Count == 0)
        {
            return 0;
        }

        var ranked = passing.OrderByDescending(p => p.Score).ToList();
        var passedPositives = ranked.Count(p => p.Positive);
        var mustKeep = KeepRecall * passedPositives;
        var b2 = Beta * Beta;
        double best = -1, threshold = ranked[^1].Score;
        int tp = 0, fp = 0;
        for (var k = 0; k < ranked.Count; k++)
        {
            if (ranked[k].Positive)
            {
                tp++;
            }
            else
            {
                fp++;
            }

            if (k + 1 < ranked.Count && ranked[k + 1].Score == ranked[k].Score)
            {
                continue;
            }

            // A tiny tolerance so that 0.98 × 50 positives asks for 49, not 49.000000000000004.
            if (tp + 1e-9 < mustKeep)
            {
                continue;
            }

            var fn = positives - tp;
            var f = tp == 0 ? 0 : (1 + b2) * tp / (((1 + b2) * tp) + (b2 * fn) + fp);
            if (f > best)
            {
                best = f;
                threshold = k + 1 < ranked.Count ? (ranked[k].Score + ranked[k + 1].Score) / 2 : ranked[k].Score;
            }
        }

        return threshold;
    }
}
