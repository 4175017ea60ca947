using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching;

/// <summary>A watchlist's pack rules apply to items in their language; its own rules, which carry none, to every item.</summary>
public sealed class WatchlistMatcherLanguageTests
{
    private static readonly IPlaceFinder Places = new InMemoryPlaceFinder([]);

    private static readonly KeywordRule FrenchPackRule =
        KeywordRule.FromQuery("(personnel OR employé*) NEAR/8 (enlev* OR abduct* OR kidnapp*)") with { Pack = "aid-worker-kidnapped", Lang = "fr" };

    private static readonly KeywordRule AdminRule = KeywordRule.FromQuery("Kidal");

    private static FeedItem Item(string title, string summary) => new("id-1", "feed", title, summary, null, null, null);

    private static Watchlist Watch(KeywordRule rule) => new("w", "Kidal desk", "security", Severity.Severe, [rule], [], ["desk"]);

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    public void Match_FrenchPackRule_LeavesEnglishNewsAlone(string? feedLanguage)
    {
        var matcher = new WatchlistMatcher([Watch(FrenchPackRule)], Places);

        Assert.Empty(matcher.Match(Item("UN personnel abducted", "Two UN personnel were abducted by gunmen near the town on Tuesday, the mission said."), feedLanguage));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("fr")]
    [InlineData("en")]
    public void Match_FrenchPackRule_FlagsFrenchNewsInAnyFeed(string? feedLanguage)
    {
        var matcher = new WatchlistMatcher([Watch(FrenchPackRule)], Places);

        var match = Assert.Single(matcher.Match(Item("Un employé de l'ONU enlevé", "Un employé de l'ONU a été enlevé mardi par des hommes armés près de la ville."), feedLanguage));
        Assert.Contains("enlevé", match.MatchedTerms);
    }

    [Theory]
    [InlineData("Gunmen attacked a convoy near Kidal on Tuesday, the mission said.")]
    [InlineData("Des hommes armés ont attaqué un convoi près de Kidal mardi.")]
    [InlineData("هجوم مسلح على قافلة قرب Kidal")]
    public void Match_AdminRuleWithoutLanguage_MatchesEveryLanguage(string text)
    {
        var matcher = new WatchlistMatcher([Watch(AdminRule)], Places);

        Assert.Single(matcher.Match(Item("", text)));
    }
}
