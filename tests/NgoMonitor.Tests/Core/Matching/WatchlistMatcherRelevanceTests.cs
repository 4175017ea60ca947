using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Matching.Relevance;
using NgoMonitor.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching;

public sealed class WatchlistMatcherRelevanceTests
{
    private static readonly IPlaceFinder NoPlaces = new InMemoryPlaceFinder([]);

    private static readonly KeywordRule HospitalRule = new(["hospital*", "hôpita*"], [], []);

    /// <summary>A hand-made model: "shell" and "bomb" raise health-care, "open" lowers it; threshold 0.5.</summary>
    private static readonly RelevanceModel Model = new(
        "test",
        [new RelevanceCategory("health-care", -1f, 0.5f)],
        ["shell", "bomb", "open"],
        [(Half)3, (Half)3, (Half)(-2)]);

    private static Watchlist Health(double? minScore = null, string category = "health-care") =>
        new("health", "Attacks on health care", category, Severity.Severe, [HospitalRule], [], ["desk"]) { MinScore = minScore };

    private static FeedItem Item(string title) => new("id-1", "feed", title, "", null, null, null);

    [Theory]
    [InlineData("attack words score above the model's threshold", "Hospital shelled overnight", true)]
    [InlineData("ordinary news scores below it", "Hospital opens a new wing", false)]
    public void Match_WithoutMinScore_KeepsWhatReachesTheModelsThreshold(string label, string title, bool kept)
    {
        var matcher = new WatchlistMatcher([Health()], NoPlaces, relevance: Model);

        Assert.True(kept == (matcher.Match(Item(title)).Count == 1), label);
    }

    [Fact]
    public void Match_ScoredMatch_CarriesTheScore()
    {
        var matcher = new WatchlistMatcher([Health()], NoPlaces, relevance: Model);

        var match = Assert.Single(matcher.Match(Item("Hospital shelled overnight")));

        Assert.Equal(Math.Round(1 / (1 + Math.Exp(-2)), 3), match.Score);
    }

    [Theory]
    [InlineData("a strict watchlist drops a match the model would keep", 0.95, "Hospital shelled overnight", false)]
    [InlineData("minScore 0 keeps every rule match", 0.0, "Hospital opens a new wing", true)]
    [InlineData("a lenient watchlist keeps a low score", 0.01, "Hospital opens a new wing", true)]
    public void Match_WatchlistMinScore_DropsOrKeepsMatches(string label, double minScore, string title, bool kept)
    {
        var matcher = new WatchlistMatcher([Health(minScore)], NoPlaces, relevance: Model);

        Assert.True(kept == (matcher.Match(Item(title)).Count == 1), label);
    }

    [Fact]
    public void Match_CategoryWithoutModel_IsDecidedByTheRulesAloneWithoutScore()
    {
        var matcher = new WatchlistMatcher([Health(category: "security")], NoPlaces, relevance: Model);

        var match = Assert.Single(matcher.Match(Item("Hospital opens a new wing")));

        Assert.Null(match.Score);
    }

    [Fact]
    public void Match_ItemNotInEnglish_IsDecidedByTheRulesAlone()
    {
        var matcher = new WatchlistMatcher([Health()], NoPlaces, relevance: Model);

        var match = Assert.Single(matcher.Match(Item("L'hôpital ouvre une nouvelle aile"), "fr"));

        Assert.Null(match.Score);
    }

    [Fact]
    public void Match_NoModel_LeavesScoresEmpty()
    {
        var matcher = new WatchlistMatcher([Health(0.99)], NoPlaces);

        Assert.Null(Assert.Single(matcher.Match(Item("Hospital opens a new wing"))).Score);
    }
}
