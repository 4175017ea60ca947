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
/// <para>
/// A local paper in a town named like a world city ("Dublin", Ohio; "London", Ontario) names its town alone in most
/// items, and each alone reads as the world city: the feed's area would be learned there, or nowhere. So an item also
/// keeps the far smaller namesakes of the world cities and countries it read for want of local evidence
/// (<see cref="NamesakesOf"/>), and such an item counts for an area around one of them when another item placed a
/// town or county there: the item that names "Dublin" beside "Ohio" reads Dublin, Ohio, and the items naming "Dublin"
/// alone then count for its area too. A namesake alone never makes an area, since every "London" has a dozen.
/// </para>
/// </summary>
public static class FeedHomeAreaLearner
{
    /// <summary>Only mentions placed with at least this confidence teach the feed's area, except a namesake the text's
    /// own local evidence chose over a world city (<see cref="PlaceMention.IsLocalNamesake"/>), whose share of the
    /// confidence is thin only because its many namesakes split it.</summary>
    public const double MinConfidence = 0.5;

    /// <summary>Places within this distance of one another count as one area (about a metropolitan area and the
    /// towns of its paper's circulation).</summary>
    public const double ClusterKm = 120;

    /// <summary>At least this many items with a confident place must lie in the area.</summary>
    public const int MinItems = 3;

    /// <summary>At least this share of the items with a confident town or county (or a namesake) must name one in the area.</summary>
    public const double MinShare = 0.5;

    /// <summary>Namesakes an item keeps (the largest first): "Dublin" names more than a dozen US towns.</summary>
    public const int MaxNamesakes = 20;

    /// <summary>
    /// The points an item teaches: its confidently placed towns and counties (cities, villages, second-level regions),
    /// not demonyms nor reference points ("Goma" in "Sake, west of Goma"), each place once. A world city read for want
    /// of local evidence ("Dublin" alone) is not one: every feed names London, and a Dublin, Ohio paper's "Dublin" reads
    /// as Ireland's; it counts among the item's namesakes instead (<see cref="NamesakesOf"/>).
    /// </summary>
    public static IReadOnlyList<GeoPoint> PointsOf(IEnumerable<PlaceMention> mentions)
    {
        var points = new List<GeoPoint>();
        foreach (var m in mentions)
        {
            if ((m.Confidence >= MinConfidence || m.IsLocalNamesake) && !m.IsDemonym && !m.IsReferencePoint && m.Namesakes.Count == 0
                && m.Place.Kind is PlaceKind.City or PlaceKind.Admin2 && !points.Contains(m.Place.Point))
            {
                points.Add(m.Place.Point);
            }
        }

        return points;
    }

    /// <summary>
    /// The readings an item left open: each world city it read for want of local evidence and that city's far smaller
    /// namesakes (<see cref="PlaceMention.Namesakes"/>: Dublin, Ireland and the US towns called Dublin), and the far
    /// smaller namesakes of the countries it named ("Jordan", Minnesota); at most <see cref="MaxNamesakes"/>, each once;
    /// not of demonyms nor reference points. The item counts for an area around any of them that other items place a
    /// town or county in.
    /// </summary>
    public static IReadOnlyList<GeoPoint> NamesakesOf(IEnumerable<PlaceMention> mentions)
    {
        var points = new List<GeoPoint>();
        foreach (var m in mentions)
        {
            if (m.IsDemonym || m.IsReferencePoint)
            {
                continue;
            }

            IEnumerable<GeoPoint> open = m.Namesakes.Count > 0 && m.Place.Kind is PlaceKind.City or PlaceKind.Admin2 ? [m.Place.Point, .. m.Namesakes] : m.Namesakes;
            foreach (var p in open)
            {
                if (points.Count < MaxNamesakes && !points.Contains(p))
                {
                    points.Add(p);
                }
            }
        }

        return points;
    }

    /// <summary>The feed's area from its items' points alone (see the overload with namesakes).</summary>
    public static FeedHomeArea? Learn(IReadOnlyList<IReadOnlyList<GeoPoint>> items) => Learn(items, []);

    /// <summary>
    /// The feed's area from its items' points and namesakes, or null when no area holds <see cref="MinShare"/> of the
    /// items and at least <see cref="MinItems"/>. The area's seed is the point or open reading whose
    /// <see cref="ClusterKm"/> neighbourhood holds the most items (an item counts when one of its points lies there, or
    /// else one of its open readings) and at least one item's point: a capital read alone by its own paper seeds the
    /// area between the towns around it, and no namesake seeds one alone. The centre is the mean of the points in that
    /// neighbourhood (for an item counted by an open reading, that reading) and the radius the farthest of them from
    /// the centre (at least 30 km). <paramref name="namesakes"/> runs parallel to <paramref name="items"/>, aligned on
    /// the newest item: a shorter list (kept before namesakes were) gives the oldest items none. Quadratic in the
    /// points, which a tally bounds.
    /// </summary>
    public static FeedHomeArea? Learn(IReadOnlyList<IReadOnlyList<GeoPoint>> items, IReadOnlyList<IReadOnlyList<GeoPoint>> namesakes)
    {
        var shift = items.Count - namesakes.Count;
        IReadOnlyList<GeoPoint> NamesakesAt(int i) => i - shift >= 0 && i - shift < namesakes.Count ? namesakes[i - shift] : [];

        // Seeds: every point and open reading, each once; one counts only when an item's point lies near it.
        var withPoints = 0;
        var tried = new HashSet<GeoPoint>();
        GeoPoint? seed = null;
        var seedItems = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Count == 0 && NamesakesAt(i).Count == 0)
            {
                continue;
            }

            withPoints++;
            foreach (var candidate in items[i].Concat(NamesakesAt(i)))
            {
                if (!tried.Add(candidate) || !items.Any(item => AnyNear(item, candidate)))
                {
                    continue;
                }

                var count = ItemsNear(items, NamesakesAt, candidate);
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

        // The area's points: the items' points near the seed, and for an item counted by a namesake, that namesake.
        var cluster = new List<GeoPoint>();
        for (var i = 0; i < items.Count; i++)
        {
            var near = items[i].Where(p => p.DistanceKmTo(s) <= ClusterKm).ToList();
            cluster.AddRange(near.Count > 0 ? near : NamesakesAt(i).Where(p => p.DistanceKmTo(s) <= ClusterKm).Take(1));
        }

        var centre = new GeoPoint(cluster.Average(p => p.Lat), cluster.Average(p => p.Lon));
        var radius = Math.Max(30.0, cluster.Max(p => p.DistanceKmTo(centre)));
        return new FeedHomeArea(centre, radius);
    }

    private static int ItemsNear(IReadOnlyList<IReadOnlyList<GeoPoint>> items, Func<int, IReadOnlyList<GeoPoint>> namesakesAt, GeoPoint point)
    {
        var count = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (AnyNear(items[i], point) || AnyNear(namesakesAt(i), point))
            {
                count++;
            }
        }

        return count;
    }

    private static bool AnyNear(IReadOnlyList<GeoPoint> points, GeoPoint point)
    {
        foreach (var p in points)
        {
            if (p.DistanceKmTo(point) <= ClusterKm)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// A feed's recent items' confident points (<see cref="FeedHomeAreaLearner.PointsOf"/>) and namesakes
/// (<see cref="FeedHomeAreaLearner.NamesakesOf"/>), the last <see cref="Capacity"/> items: the state the learner needs
/// per feed, small enough to store beside the feed.
/// </summary>
public sealed class FeedPlaceTally
{
    /// <summary>Items kept: enough for a stable area, few enough that learning stays cheap (at most a few thousand
    /// distance computations per item).</summary>
    public const int Capacity = 50;

    private IReadOnlyList<IReadOnlyList<GeoPoint>> _items = [];
    private IReadOnlyList<IReadOnlyList<GeoPoint>> _namesakes = [];

    public IReadOnlyList<IReadOnlyList<GeoPoint>> Items => _items;

    /// <summary>Per item, parallel to <see cref="Items"/>, the namesakes it read world cities and countries over.</summary>
    public IReadOnlyList<IReadOnlyList<GeoPoint>> Namesakes => _namesakes;

    /// <summary>Adds one item's mentions, forgetting the oldest item beyond <see cref="Capacity"/>.</summary>
    public void Add(IEnumerable<PlaceMention> mentions)
    {
        var read = mentions as IReadOnlyCollection<PlaceMention> ?? [.. mentions];
        _items = Keep(_items, [FeedHomeAreaLearner.PointsOf(read)]);
        _namesakes = Keep(_namesakes, [FeedHomeAreaLearner.NamesakesOf(read)]);
    }

    /// <summary>The last <see cref="Capacity"/> items of <paramref name="kept"/> followed by <paramref name="added"/>:
    /// how a tally, in memory or stored with the feed's state, forgets its oldest items.</summary>
    public static IReadOnlyList<IReadOnlyList<GeoPoint>> Keep(IReadOnlyList<IReadOnlyList<GeoPoint>> kept, IEnumerable<IReadOnlyList<GeoPoint>> added)
    {
        var items = kept.Concat(added).ToList();
        return items.Count <= Capacity ? items : items[^Capacity..];
    }

    /// <summary>The area the kept items teach, or null (see <see cref="FeedHomeAreaLearner.Learn(IReadOnlyList{IReadOnlyList{GeoPoint}}, IReadOnlyList{IReadOnlyList{GeoPoint}})"/>).</summary>
    public FeedHomeArea? HomeArea() => FeedHomeAreaLearner.Learn(Items, Namesakes);
}
