using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching;

public sealed class WatchlistMatcherTests
{
    private static readonly Place Azaz = new("Azaz", new GeoPoint(36.5866, 37.0463), "SY", 66000, ["A'zaz", "أعزاز"]);
    private static readonly Place Idlib = new("Idlib", new GeoPoint(35.9306, 36.6339), "SY", 165000, ["Idleb", "إدلب"]);
    private static readonly IPlaceFinder Places = new InMemoryPlaceFinder([Azaz, Idlib]);

    private static readonly KeywordRule HealthRule = new(
        Any: ["hospital*", "clinic*", "مستشف*", "hôpita*"],
        All: ["shelled|shelling|bombed|evacuat*|قصف*|bombard*"],
        None: ["opens", "new wing"]);

    private static Watchlist Global(params KeywordRule[] rules) => new("health", "Attacks on health care", "health-care", Severity.Severe, rules, [], ["desk"]);

    private static Watchlist Office(double radiusKm = 40) =>
        new("office", "Azaz field office", "security", Severity.Severe, [new KeywordRule(["shell*", "clash*"], [], [])], [new Geofence("Azaz office", Azaz.Point, radiusKm)], ["officer"]);

    private static FeedItem Item(string title, string summary = "", GeoPoint? point = null) => new("id-1", "feed", title, summary, null, null, point);

    [Theory]
    [InlineData("english phrase and action", "Hospital shelled in the north", true)]
    [InlineData("prefix wildcard", "Clinics evacuated as fighting nears", true)]
    [InlineData("alternatives in an all-entry", "Main hospital bombed overnight", true)]
    [InlineData("facility without action", "Hospital receives new equipment", false)]
    [InlineData("exclusion wins", "Hospital opens new wing after shelling ended", false)]
    [InlineData("french, accents folded", "L'HOPITAL a été bombardé", true)]
    [InlineData("arabic with article and letter forms", "قصف المستشفى الرئيسي في المدينة", true)]
    [InlineData("a prefix also matches longer words", "Hospitality workers evacuated", true)]
    [InlineData("substring is not a word", "The shopkeeper was bombed", false)]
    public void Match_GlobalHealthRule_MatchesAsDocumented(string label, string title, bool expected)
    {
        var matcher = new WatchlistMatcher([Global(HealthRule)], Places);

        var matches = matcher.Match(Item(title));

        Assert.True(expected == (matches.Count == 1), label);
    }

    [Fact]
    public void Match_GlobalRule_ReportsTheWordsAsWrittenAndThePlace()
    {
        var matcher = new WatchlistMatcher([Global(HealthRule)], Places);

        var match = Assert.Single(matcher.Match(Item("Hospital in Azaz evacuated after shelling")));

        Assert.Equal(["Hospital", "evacuated", "shelling"], match.MatchedTerms);
        Assert.Equal("Azaz", match.PlaceName);
        Assert.Null(match.FenceName);
    }

    [Fact]
    public void Match_PlaceNamedInsideFence_ReportsFenceAndDistance()
    {
        var matcher = new WatchlistMatcher([Office()], Places);

        var match = Assert.Single(matcher.Match(Item("Shelling reported in A'zaz")));

        Assert.Equal("Azaz office", match.FenceName);
        Assert.Equal(0, match.DistanceKm);
    }

    [Fact]
    public void Match_PlaceNamedOutsideFence_DoesNotMatch()
    {
        var matcher = new WatchlistMatcher([Office()], Places);

        Assert.Empty(matcher.Match(Item("Shelling reported in Idlib")));
    }

    [Fact]
    public void Match_GeoRssPoint_IsUsedBeforePlacesInText()
    {
        var matcher = new WatchlistMatcher([Office()], Places);
        var nearAzaz = new GeoPoint(36.47, 37.09);

        var match = Assert.Single(matcher.Match(Item("Clashes on the road to Idlib", point: nearAzaz)));

        Assert.InRange(match.DistanceKm!.Value, 12, 15);
        Assert.Null(match.PlaceName);
    }

    [Fact]
    public void Match_LowercasePlaceName_IsNotTakenForAPlace()
    {
        var matcher = new WatchlistMatcher([Office()], Places);

        Assert.Empty(matcher.Match(Item("shelling reported, azaz said")));
    }

    [Fact]
    public void Match_NoRuleMatches_ReturnsNothing()
    {
        var matcher = new WatchlistMatcher([Global(HealthRule), Office()], Places);

        Assert.Empty(matcher.Match(Item("Farmers in Azaz expect a strong olive harvest")));
    }

    [Fact]
    public void NearMisses_RuleHitButPlaceOutsideTheFence_SaysWhereTheItemWas()
    {
        var matcher = new WatchlistMatcher([Office(radiusKm: 20)], Places);
        var item = Item("Shelling reported near Idlib overnight");

        var miss = Assert.Single(matcher.NearMisses(item));

        Assert.Empty(matcher.Match(item));
        Assert.Equal("office", miss.Watchlist.Id);
        Assert.Equal(["Shelling"], miss.MatchedTerms);
        Assert.Equal("Idlib is outside every fence", miss.Reason);
    }

    [Fact]
    public void NearMisses_ItemThatMatches_IsNoNearMiss()
    {
        var matcher = new WatchlistMatcher([Office()], Places);

        Assert.Empty(matcher.NearMisses(Item("Shelling reported in Azaz overnight")));
        Assert.Empty(matcher.NearMisses(Item("Olive harvest in Azaz")));
    }
}
