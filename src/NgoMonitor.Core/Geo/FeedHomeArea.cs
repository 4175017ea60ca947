namespace NgoMonitor.Core.Geo;

/// <summary>
/// The area a local feed writes about: a centre and a radius. A local paper names its own towns alone ("Dublin",
/// "Arlington") and in its organisations' names ("the Dublin Arts Council"), meaning the ones near it; given as
/// <see cref="GeoContext.Home"/>, a town or county within <see cref="RadiusKm"/> of <see cref="Centre"/> gains in
/// resolution over its namesakes elsewhere, less than a "Paris, Texas" qualifier does, so "Dublin, Ireland" in the
/// same paper is still Ireland's capital. Set by an admin or learned (<see cref="FeedHomeAreaLearner"/>).
/// </summary>
/// <param name="Centre">Middle of the feed's confidently placed towns and counties.</param>
/// <param name="RadiusKm">How far from the centre the feed's places lie (the reach a namesake must be within).</param>
public sealed record FeedHomeArea(GeoPoint Centre, double RadiusKm);

/// <summary>
/// Learns a feed's <see cref="FeedHomeArea"/> from the places the geoparser read confidently in the feed's own earlier
/// items (never from labels): the densest cluster of the towns and counties they name, when it holds most of the
/// items. International feeds (wire services, WikiNews) name places all over the world and get none. Pure: the
/// caller keeps each feed's <see cref="FeedPlaceTally"/> (one per feed, in memory or stored) and adds items to it.
/// </summary>
public static class FeedHomeAreaLearner
{
    /// <summary>Only mentions placed with at least this confidence teach the feed's area.</summary>
    public const double MinConfidence = 0.5;

    /// <summary>Places within this distance of one another count as one area (about a metropolitan area and the
    /// towns of its paper's circulation).</summary>
    public const double ClusterKm = 120;

    /// <summary>At least this many items with a confident place must lie in the area.</summary>
    public const int MinItems = 3;

    /// <summary>At least this share of the items with a confident town or county must name one in the area.</summary>
    public const double MinShare = 0.5;

    /// <summary>
    /// The points an item teaches: its confidently placed towns and counties (cities, villages, second-level regions),
    /// not demonyms nor reference points ("Goma" in "Sake, west of Goma"), each place once.
    /// </summary>
    public static IReadOnlyList<GeoPoint> PointsOf(IEnumerable<PlaceMention> mentions)
    {
        var points = new List<GeoPoint>();
        foreach (var m in mentions)
        {
            if (m.Confidence >= MinConfidence && !m.IsDemonym && !m.IsReferencePoint
                && m.Place.Kind is PlaceKind.City or PlaceKind.Admin2 && !points.Contains(m.Place.Point))
            {
                points.Add(m.Place.Point);
            }
        }

        return points;
    }

    /// <summary>
    /// The feed's area from its items' points, or null when no area holds <see cref="MinShare"/> of the items
    /// and at least <see cref="MinItems"/>. The area's seed is the point whose <see cref="ClusterKm"/> neighbourhood
    /// holds the most items; the centre is the mean of the points in that neighbourhood and the radius the farthest
    /// of them from the centre (at least 30 km). Quadratic in the points, which a tally bounds.
    /// </summary>
    public static FeedHomeArea? Learn(IReadOnlyList<IReadOnlyList<GeoPoint>> items)
    {
        var withPoints = 0;
        GeoPoint? seed = null;
        var seedItems = 0;
        foreach (var item in items)
        {
            if (item.Count == 0)
            {
                continue;
            }

            withPoints++;
            foreach (var candidate in item)
            {
                var count = ItemsNear(items, candidate);
                if (count > seedItems)
                {
                    seedItems = count;
                    seed = candidate;
                }
            }
        }

        if (seed is not { } s || seedItems < MinItems || seedItems < MinShare * withPoints)
        {
            return null;
        }

        var cluster = items.SelectMany(item => item).Where(p => p.DistanceKmTo(s) <= ClusterKm).ToList();
        var centre = new GeoPoint(cluster.Average(p => p.Lat), cluster.Average(p => p.Lon));
        var radius = Math.Max(30.0, cluster.Max(p => p.DistanceKmTo(centre)));
        return new FeedHomeArea(centre, radius);
    }

    private static int ItemsNear(IReadOnlyList<IReadOnlyList<GeoPoint>> items, GeoPoint point)
    {
        var count = 0;
        foreach (var item in items)
        {
            foreach (var p in item)
            {
                if (p.DistanceKmTo(point) <= ClusterKm)
                {
                    count++;
                    break;
                }
            }
        }

        return count;
    }
}

/// <summary>
/// A feed's recent items' confident points (<see cref="FeedHomeAreaLearner.PointsOf"/>), the last
/// <see cref="Capacity"/> items: the state the learner needs per feed, small enough to store beside the feed.
/// </summary>
public sealed class FeedPlaceTally
{
    /// <summary>Items kept: enough for a stable area, few enough that learning stays cheap (at most a few thousand
    /// distance computations per item).</summary>
    public const int Capacity = 50;

    private IReadOnlyList<IReadOnlyList<GeoPoint>> _items = [];

    public IReadOnlyList<IReadOnlyList<GeoPoint>> Items => _items;

    /// <summary>Adds one item's mentions, forgetting the oldest item beyond <see cref="Capacity"/>.</summary>
    public void Add(IEnumerable<PlaceMention> mentions) => _items = Keep(_items, [FeedHomeAreaLearner.PointsOf(mentions)]);

    /// <summary>The last <see cref="Capacity"/> items of <paramref name="kept"/> followed by <paramref name="added"/>:
    /// how a tally, in memory or stored with the feed's state, forgets its oldest items.</summary>
    public static IReadOnlyList<IReadOnlyList<GeoPoint>> Keep(IReadOnlyList<IReadOnlyList<GeoPoint>> kept, IEnumerable<IReadOnlyList<GeoPoint>> added)
    {
        var items = kept.Concat(added).ToList();
        return items.Count <= Capacity ? items : items[^Capacity..];
    }

    /// <summary>The area the kept items teach, or null (see <see cref="FeedHomeAreaLearner.Learn"/>).</summary>
    public FeedHomeArea? HomeArea() => FeedHomeAreaLearner.Learn(Items);
}
