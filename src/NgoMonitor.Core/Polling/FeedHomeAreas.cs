using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;

namespace NgoMonitor.Core.Polling;

/// <summary>
/// The home area a feed's items are read with, and how the poll keeps what it is learned from. An area the admin
/// declared on the feed always wins; without one, the area <see cref="FeedHomeAreaLearner"/> learns from the feed's
/// recent confident places and open readings (<see cref="FeedState.RecentPlaces"/>, <see cref="FeedState.RecentNamesakes"/>), if
/// they teach one. Each new item of a feed without a
/// declared area is read once more, without any area (as the learner is evaluated: an area learned from reads it
/// biased would only confirm itself), and its points and namesakes join the tally; the oldest items beyond
/// <see cref="FeedPlaceTally.Capacity"/> are forgotten.
/// </summary>
public static class FeedHomeAreas
{
    /// <summary>Points kept per item, so the stored tally stays small and learning cheap (the learner is quadratic in the
    /// points: at most 500 here) whatever an item names (a long list of towns).</summary>
    public const int MaxPointsPerItem = 10;

    /// <summary>What the feed's items are read with: its declared country, and the declared area, else the learned one,
    /// else none.</summary>
    public static GeoContext ContextFor(FeedSource feed, FeedState state) =>
        new(feed.Country) { Home = feed.Home ?? FeedHomeAreaLearner.Learn(state.RecentPlaces, state.RecentNamesakes) };

    /// <summary>The tally after this poll's new items, points and namesakes per item: unchanged for a feed with a
    /// declared area or no new item. Namesakes stored for fewer items than points (kept before namesakes were) are
    /// first padded with none for the oldest items, so both lists stay aligned.</summary>
    public static (IReadOnlyList<IReadOnlyList<GeoPoint>> Places, IReadOnlyList<IReadOnlyList<GeoPoint>> Namesakes) Tally(
        FeedSource feed, FeedState state, IReadOnlyList<FeedItem> fresh, IPlaceFinder places)
    {
        if (feed.Home is not null || fresh.Count == 0)
        {
            return (state.RecentPlaces, state.RecentNamesakes);
        }

        // Only the items that stay in the tally are read.
        var read = fresh.Take(FeedPlaceTally.Capacity).Select(item => places.FindPlaces(item.Text, GeoContext.None)).ToList();
        var padding = Math.Max(0, state.RecentPlaces.Count - state.RecentNamesakes.Count);
        IReadOnlyList<IReadOnlyList<GeoPoint>> namesakes = [.. Enumerable.Repeat<IReadOnlyList<GeoPoint>>([], padding), .. state.RecentNamesakes];
        return (
            FeedPlaceTally.Keep(state.RecentPlaces, read.Select(m => (IReadOnlyList<GeoPoint>)[.. FeedHomeAreaLearner.PointsOf(m).Take(MaxPointsPerItem)])),
            FeedPlaceTally.Keep(namesakes, read.Select(m => (IReadOnlyList<GeoPoint>)[.. FeedHomeAreaLearner.NamesakesOf(m).Take(MaxPointsPerItem)])));
    }
}
