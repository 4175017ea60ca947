using System.Text.Json;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Geo.Evaluation;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo.Evaluation;

/// <summary>Each corpus article's feed area, learned from the parser's places in the other articles of its host.</summary>
[Collection(GazetteerCollection.Name)]
public sealed class FeedAreaEvaluationTests(GazetteerFixture fixture)
{
    private static string Line(string id, string url, string text) => JsonSerializer.Serialize(new { id, url, text });

    [Fact]
    public void LeaveOneOut_FeedsOtherArticlesNameItsTowns_GivesTheArticleTheirArea()
    {
        string[] lines =
        [
            Line("1", "https://www.local.example/a", "A fire closed a school in Columbus, Ohio, on Monday."),
            Line("2", "https://www.local.example/b", "The council of Westerville, Ohio, met on Tuesday."),
            Line("3", "https://www.local.example/c", "Flooding hit Delaware, Ohio, and nearby farms."),
            Line("4", "https://www.local.example/d", "Police arrested a man in Dublin on Tuesday."),
            Line("5", "https://wire.example/e", "Police arrested a man in Dublin on Tuesday."),
        ];

        var contexts = FeedAreaEvaluation.LeaveOneOut(lines, fixture.Parser);

        var home = contexts["4"].Home;
        Assert.NotNull(home);
        Assert.InRange(home.Centre.DistanceKmTo(new GeoPoint(40.0, -83.0)), 0, 60);
        Assert.Null(contexts["5"].Home);
    }

    [Fact]
    public void LeaveOneOut_ArticleItself_DoesNotTeachItsOwnArea()
    {
        string[] lines =
        [
            Line("1", "https://www.local.example/a", "A fire closed a school in Columbus, Ohio, on Monday."),
            Line("2", "https://www.local.example/b", "The council of Westerville, Ohio, met on Tuesday."),
            Line("3", "https://www.local.example/c", "Flooding hit Delaware, Ohio, and nearby farms."),
        ];

        var contexts = FeedAreaEvaluation.LeaveOneOut(lines, fixture.Parser);

        Assert.All(contexts.Values, c => Assert.Null(c.Home));
    }
}
