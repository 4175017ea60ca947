using NgoMonitor.Core.Matching.Relevance;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching.Relevance;

public sealed class ThresholdPolicyTests
{
    // What the rules passed, by held-out score: four positives on top, then a negative, a positive, three negatives.
    private static readonly (double Score, bool Positive)[] Passing =
    [
        (0.95, true), (0.9, true), (0.85, true), (0.8, true), (0.6, false), (0.5, true), (0.3, false), (0.2, false), (0.1, false),
    ];

    [Fact]
    public void Choose_BestF1_CutsBelowTheLastPositiveWorthItsFalseAlarm()
    {
        // Keeping down to 0.5 finds 5 of 5 with 1 false alarm (F1 0.91); stopping at 0.8 finds 4 with none (0.89).
        var threshold = ThresholdPolicy.BestF1.Choose(Passing, positives: 5);

        Assert.Equal(0.4, threshold, 6);
    }

    [Fact]
    public void Choose_BestF1_CountsThePositivesTheRulesMissed()
    {
        // With 10 positives in all, 5 missed by the rules, recall can only fall: 4 found at no cost (F1 0.57)
        // against 5 found with a false alarm (F1 0.63): the threshold still keeps all five.
        var threshold = ThresholdPolicy.BestF1.Choose(Passing, positives: 10);

        Assert.True(threshold <= 0.5, $"threshold {threshold}");
    }

    [Fact]
    public void Choose_KeepingAllTheRulesRecall_NeverDropsAPositiveTheRulesPassed()
    {
        (double, bool)[] passing = [(0.9, true), (0.8, false), (0.7, false), (0.6, false), (0.05, true), (0.01, false)];

        var keepAll = ThresholdPolicy.KeepingRecall(1).Choose(passing, positives: 2);
        var bestF1 = ThresholdPolicy.BestF1.Choose(passing, positives: 2);

        Assert.True(keepAll <= 0.05 && keepAll > 0.01, $"keeping all recall: {keepAll}");
        Assert.True(bestF1 > 0.8, $"best F1: {bestF1}");
    }

    [Fact]
    public void Choose_KeepingPartOfTheRecall_MayDropOnlyThatShare()
    {
        // 10 positives passed, one of them scored low among three negatives: keeping 90 % may drop it, 95 % may not.
        (double, bool)[] passing = [.. Enumerable.Range(0, 9).Select(i => (0.9 - (i * 0.01), true)), (0.3, false), (0.25, false), (0.2, true), (0.1, false)];

        Assert.Equal(0.56, ThresholdPolicy.KeepingRecall(0.9).Choose(passing, 10), 6);
        Assert.True(ThresholdPolicy.KeepingRecall(0.95).Choose(passing, 10) <= 0.2);
    }

    [Fact]
    public void Choose_F2_KeepsMoreRecallThanF1()
    {
        (double, bool)[] passing = [(0.9, true), (0.8, true), (0.7, false), (0.6, false), (0.5, true), (0.4, false)];

        var f1 = ThresholdPolicy.BestF1.Choose(passing, 3);
        var f2 = ThresholdPolicy.BestFBeta(2).Choose(passing, 3);

        Assert.Equal(0.75, f1, 6);
        Assert.Equal(0.45, f2, 6);
    }

    [Fact]
    public void Choose_TiedScores_AreNeverSplit()
    {
        // Splitting the run of 0.5 after its two positives would give F1 1.0, but no threshold can keep them
        // without the negative scored the same: the whole run is kept.
        (double, bool)[] passing = [(0.9, true), (0.5, true), (0.5, true), (0.5, false), (0.1, false)];

        Assert.Equal(0.3, ThresholdPolicy.BestF1.Choose(passing, 3), 6);
    }

    [Fact]
    public void Choose_RulesAlone_IsZero()
    {
        Assert.Equal(0, ThresholdPolicy.Rules.Choose(Passing, 5));
    }

    [Fact]
    public void Choose_InvalidShareOfRecall_IsRefused()
    {
        Assert.Throws<InvalidOperationException>(() => ThresholdPolicy.KeepingRecall(1.5).Choose(Passing, 5));
    }
}
