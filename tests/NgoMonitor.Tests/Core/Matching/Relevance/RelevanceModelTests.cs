using NgoMonitor.Core.Matching.Evaluation;
using NgoMonitor.Core.Matching.Relevance;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching.Relevance;

public sealed class RelevanceModelTests
{
    private static RelevanceModel Shipped => RelevanceModel.Shipped ?? throw new InvalidOperationException("the core carries no relevance model");

    private static double HealthScore(string text) => Shipped.Score("health-care", RelevanceFeatures.Extract("", text)).Score;

    [Fact]
    public void Shipped_Loads_WithAModelPerLabelledCategoryAndTheAttribution()
    {
        Assert.Equal(
            EventCorpus.Categories.Where(c => c.Label is not null).Select(c => c.Category),
            Shipped.Categories.Select(c => c.Id));
        Assert.Contains("Insecurity Insight", Shipped.Licence, StringComparison.Ordinal);
        Assert.Contains("CC BY-SA 4.0", Shipped.Licence, StringComparison.Ordinal);
        Assert.All(Shipped.Categories, c => Assert.InRange(c.Threshold, 0f, 0.99f));
    }

    [Theory]
    [InlineData("Airstrike hits a hospital in Idlib, killing two nurses and a doctor.")]
    [InlineData("Gunmen stormed the clinic, shot a health worker and looted medical supplies.")]
    public void Score_ClearAttackOnHealthCare_IsAboveTheThreshold(string text)
    {
        Assert.True(HealthScore(text) >= Shipped.Category("health-care")!.Threshold, $"{HealthScore(text):F3}");
    }

    /// <summary>Near misses of the rules: violence and a hospital, but no attack on health care. The shipped model
    /// ranks them well below a clear attack; it does not put them under its threshold (docs/relevance-model.md,
    /// "Known limits"), so the rules must keep them out.</summary>
    [Theory]
    [InlineData("A soldier shot at a checkpoint later died in the hospital.")]
    [InlineData("Misrata Hospital was treating four fighters injured by shrapnel.")]
    public void Score_SeedStyleNegative_IsFarBelowAClearAttack(string text)
    {
        var attack = HealthScore("Airstrike hits a hospital in Idlib, killing two nurses and a doctor.");

        Assert.True(HealthScore(text) < attack - 0.3, $"{HealthScore(text):F3} against {attack:F3}");
    }

    [Fact]
    public void Score_NamesTheFeaturesThatRaisedItStrongestFirst()
    {
        var score = Shipped.Score("health-care", RelevanceFeatures.Extract("", "Airstrike hits a hospital, killing two nurses."));

        Assert.InRange(score.TopFeatures.Count, 1, 3);
        var weights = score.TopFeatures.Select(f => Shipped.Weight("health-care", f)).ToList();
        Assert.Equal(weights.OrderDescending(), weights);
        Assert.All(weights, w => Assert.True(w > 0));
    }

    [Fact]
    public void Write_ThenRead_GivesTheSameScores()
    {
        using var stream = new MemoryStream();
        Shipped.Write(stream);
        stream.Position = 0;

        var copy = RelevanceModel.Read(stream);

        var features = RelevanceFeatures.Extract("Hospital shelled", "Nurses were killed.");
        Assert.Equal(Shipped.Score("health-care", features), copy.Score("health-care", features), (a, b) => a.Score == b.Score && a.TopFeatures.SequenceEqual(b.TopFeatures));
    }

    [Fact]
    public void Read_SomethingElse_IsAnInvalidDataError()
    {
        using var stream = new MemoryStream("not a model"u8.ToArray());

        Assert.Throws<InvalidDataException>(() => RelevanceModel.Read(stream));
    }
}
