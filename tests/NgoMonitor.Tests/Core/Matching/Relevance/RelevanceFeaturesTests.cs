using NgoMonitor.Core.Matching.Relevance;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching.Relevance;

public sealed class RelevanceFeaturesTests
{
    [Fact]
    public void Extract_SameTextTwice_GivesTheSameFeaturesInTheSameOrder()
    {
        var first = RelevanceFeatures.Extract("Airstrike hits hospital", "Two nurses were killed when the hospital was bombed.");
        var second = RelevanceFeatures.Extract("Airstrike hits hospital", "Two nurses were killed when the hospital was bombed.");

        Assert.Equal(first, second);
        Assert.NotEmpty(first);
    }

    [Fact]
    public void Extract_HashesAreThoseOfTheNames_SoTrainingAndScoringAgree()
    {
        var names = RelevanceFeatures.Names("Airstrike hits hospital", "Two nurses were killed.");

        Assert.Equal(names.Select(RelevanceFeatures.HashOfName), RelevanceFeatures.Extract("Airstrike hits hospital", "Two nurses were killed."));
    }

    [Theory]
    [InlineData("day month year prefix", "12 December 2023: Three nurses were killed in a hospital.")]
    [InlineData("month year prefix", "December 2023: Three nurses were killed in a hospital.")]
    [InlineData("numbers instead of words", "3 nurses were killed in a hospital on 4 May.")]
    public void Names_DatePrefixAndNumbers_AreNotFeatures(string label, string text)
    {
        var names = RelevanceFeatures.Names("", text);

        Assert.True(names.SequenceEqual(RelevanceFeatures.Names("", "Three nurses were killed in a hospital.")), label + ": " + string.Join(", ", names));
        Assert.DoesNotContain(names, n => n.Any(char.IsDigit) || n.StartsWith("decemb", StringComparison.Ordinal));
    }

    [Fact]
    public void Names_NeighbouringContentWords_MakeStemmedPairsAcrossFunctionWords()
    {
        var names = RelevanceFeatures.Names("Attack on the hospital", "");

        Assert.Equal(["attack", "hospit", "attack hospit"], names);
    }

    [Fact]
    public void Extract_LongArticle_ReadsOnlyItsLead()
    {
        var lead = string.Join(' ', Enumerable.Range(0, RelevanceFeatures.MaxWords).Select(i => "word" + (char)('a' + (i % 26)) + (char)('a' + (i / 26))));

        Assert.Equal(RelevanceFeatures.Extract("", lead), RelevanceFeatures.Extract("", lead + " hospital bombed"));
    }
}
