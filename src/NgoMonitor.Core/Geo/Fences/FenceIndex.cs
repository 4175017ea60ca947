using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace NgoMonitor.Core.Geo.Fences;

/// <summary>A point found inside a fence.</summary>
/// <param name="Fence">The fence.</param>
/// <param name="Point">The point tested (the item's GeoRSS point or the resolved place's point).</param>
/// <param name="PlaceName">The place as the text wrote it ("Azaz", "أعزاز"), or null for a GeoRSS point.</param>
/// <param name="DistanceKm">Distance from the site, centre, edge or line (see <paramref name="Measure"/>), rounded to 0.1 km.</param>
/// <param name="Measure">What the distance is measured from.</param>
/// <param name="Confidence">1 for a GeoRSS point, else the geoparser's confidence in the place.</param>
public sealed record FenceHit(Fence Fence, GeoPoint Point, string? PlaceName, double DistanceKm, FenceDistance Measure, double Confidence)
{
    /// <summary>The alert wording: "8 km from Azaz office", "12 km inside Syria", "3 km from M4 corridor".</summary>
    public string Describe()
    {
        var km = DistanceKm < 10 ? DistanceKm.ToString("0.#", CultureInfo.InvariantCulture) : DistanceKm.ToString("0", CultureInfo.InvariantCulture);
        return Measure switch
        {
            FenceDistance.FromSite => $"{km} km from {Fence.Site?.Name ?? Fence.Name}",
            FenceDistance.InsideEdge => $"{km} km inside {Fence.Name}",
            _ => $"{km} km from {Fence.Name}",
        };
    }
}

/// <summary>
/// Answers "which fences contain this point" for many fences at once: an STRtree over the fences' bounding boxes
/// narrows the candidates, then each candidate's exact test runs (great-circle distance for circles and corridors,
/// prepared geometry for polygons and countries). Built once per set of fences; immutable and thread-safe after.
///
/// Matching an item (<see cref="Match"/>), in order:
/// 1. an item with a GeoRSS point uses that point only (confidence 1), whatever its text names;
/// 2. otherwise each place the geoparser resolved is tested; a country-level place matches only the country fences
///    of that country (a country's centre point says nothing about a town-sized fence), a first-level region only
///    area and country fences, towns and districts every kind;
/// 3. each fence is reported once, for the place nearest its site, centre, edge or line (ties: the higher confidence).
/// </summary>
public sealed class FenceIndex
{
    private readonly STRtree<Fence> _tree = new();
    private readonly Fence[] _fences;

    public FenceIndex(IEnumerable<Fence> fences)
    {
        _fences = fences.ToArray();
        foreach (var fence in _fences)
        {
            _tree.Insert(fence.Envelope, fence);
        }

        _tree.Build();
    }

    public int Count => _fences.Length;

    public IReadOnlyList<Fence> Fences => _fences;

    /// <summary>The fences containing a point, nearest first.</summary>
    public IReadOnlyList<FenceHit> FencesContaining(GeoPoint point, string? placeName = null, double confidence = 1)
    {
        var hits = new List<FenceHit>();
        foreach (var fence in _tree.Query(new Envelope(point.Lon, point.Lon, point.Lat, point.Lat)))
        {
            if (fence.TryContains(point, out var km, out var measure))
            {
                hits.Add(new FenceHit(fence, point, placeName, Math.Round(km, 1), measure, confidence));
            }
        }

        hits.Sort((a, b) => a.DistanceKm.CompareTo(b.DistanceKm));
        return hits;
    }

    /// <summary>How many fences contain the point, without building hits (the hot path the benchmark times).</summary>
    public int CountContaining(GeoPoint point)
    {
        var visitor = new CountingVisitor(point);
        _tree.Query(new Envelope(point.Lon, point.Lon, point.Lat, point.Lat), visitor);
        return visitor.Count;
    }

    /// <summary>Visits the tree's candidates without collecting them in a list.</summary>
    private sealed class CountingVisitor(GeoPoint point) : NetTopologySuite.Index.IItemVisitor<Fence>
    {
        public int Count { get; private set; }

        public void VisitItem(Fence item)
        {
            if (item.TryContains(point, out _, out _))
            {
                Count++;
            }
        }
    }

    /// <summary>The same answer by testing every fence: the baseline the index is measured and tested against.</summary>
    public int CountContainingBruteForce(GeoPoint point)
    {
        var count = 0;
        foreach (var fence in _fences)
        {
            if (fence.TryContains(point, out _, out _))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Fences an item falls in (rules in the class summary), each once, nearest first.</summary>
    public IReadOnlyList<FenceHit> Match(GeoPoint? itemPoint, IReadOnlyList<PlaceMention> mentions)
    {
        if (itemPoint is { } point)
        {
            return FencesContaining(point);
        }

        var best = new Dictionary<Fence, FenceHit>(ReferenceEqualityComparer.Instance);
        foreach (var mention in mentions)
        {
            var place = mention.Place;
            foreach (var hit in FencesContaining(place.Point, mention.Surface, mention.Confidence))
            {
                if (!Applies(hit.Fence, place))
                {
                    continue;
                }

                if (!best.TryGetValue(hit.Fence, out var previous) || hit.DistanceKm < previous.DistanceKm
                    || (hit.DistanceKm == previous.DistanceKm && hit.Confidence > previous.Confidence))
                {
                    best[hit.Fence] = hit;
                }
            }
        }

        return best.Values.OrderBy(h => h.DistanceKm).ThenByDescending(h => h.Confidence).ToList();
    }

    private static bool Applies(Fence fence, Place place) => place.Kind switch
    {
        PlaceKind.Country => fence is CountryFence c && string.Equals(c.CountryCode, place.CountryCode, StringComparison.OrdinalIgnoreCase),
        PlaceKind.Admin1 => fence.Kind is FenceKind.Polygon or FenceKind.MultiPolygon or FenceKind.Country,
        _ => true,
    };
}
