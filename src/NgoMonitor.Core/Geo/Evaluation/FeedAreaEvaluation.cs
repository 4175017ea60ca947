using System.Text.Json;

namespace NgoMonitor.Core.Geo.Evaluation;

/// <summary>
/// Each corpus article's feed home area as the product would learn it (<see cref="FeedHomeAreaLearner"/>): the feed
/// is the host of the article's "url", and its area is learned from the geoparser's own confident places and open
/// readings (<see cref="FeedHomeAreaLearner.NamesakesOf"/>) in the other articles of that host in the corpus (leave
/// one out), never from the gold. Both halves' articles teach, as a feed's earlier items would whichever half they
/// fall in; no article teaches its own area.
/// </summary>
public static class FeedAreaEvaluation
{
    /// <summary>The context per article id: the learned home area, or <see cref="GeoContext.None"/> when the article
    /// has no url or its feed's other articles teach none.</summary>
    public static Dictionary<string, GeoContext> LeaveOneOut(IEnumerable<string> jsonLines, Geoparser parser)
    {
        var articles = new List<(string Id, string Host, IReadOnlyList<GeoPoint> Points, IReadOnlyList<GeoPoint> Namesakes)>();
        foreach (var line in jsonLines)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var id = root.TryGetProperty("id", out var i) ? i.ToString() : line;
            var host = root.TryGetProperty("url", out var u) && Uri.TryCreate(u.GetString(), UriKind.Absolute, out var url) ? url.Host : "";
            var text = root.GetProperty("text").GetString() ?? "";
            var places = host.Length == 0 ? [] : parser.FindPlaces(text);
            articles.Add((id, host, FeedHomeAreaLearner.PointsOf(places), FeedHomeAreaLearner.NamesakesOf(places)));
        }

        var contexts = new Dictionary<string, GeoContext>();
        foreach (var feed in articles.Where(a => a.Host.Length > 0).GroupBy(a => a.Host))
        {
            var items = feed.ToList();
            for (var k = 0; k < items.Count; k++)
            {
                var others = items.Where((_, j) => j != k).ToList();
                contexts[items[k].Id] = FeedHomeAreaLearner.Learn([.. others.Select(a => a.Points)], [.. others.Select(a => a.Namesakes)]) is { } home ? new GeoContext { Home = home } : GeoContext.None;
            }
        }

        return contexts;
    }
}
