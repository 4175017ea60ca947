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
/// Answers "which fences contain this point" for many fences at once: a uniform grid (<see cref="FenceGrid"/>,
/// cells of <see cref="CellDegrees"/>) lists per cell the fences that may contain its points, most of them marked
/// as covering the whole cell, so a lookup reads one short list and runs the exact test (great-circle distance for
/// circles and corridors, prepared geometry for polygons and countries) only for fences whose edge crosses the
/// cell. Fences too large for the grid (countries: more than <see cref="MaxCellsPerFence"/> cells) are tested in
/// a list after a bounding-box check. Built once per set of fences; immutable and thread-safe after.
///
/// Matching an item (<see cref="Match"/>), in order:
/// 1. an item with a GeoRSS point uses that point only (confidence 1), whatever its text names;
/// 2. otherwise each place the geoparser resolved is tested; a country-level place (a country or a demonym) matches
///    the country fences of that country and nothing else, by its ISO code rather than by its point (the point says
///    nothing about a circle, polygon or corridor drawn around a town, and for nine countries, Israel, Vietnam and the
///    Philippines among them, the gazetteer's point lies outside the 1:50m outline); a first-level region (a point in
///    the middle of its places) only area and country fences; towns and districts every kind;
/// 3. each fence is reported once, for the place nearest its site, centre, edge or line (ties: the higher confidence).
/// </summary>
public sealed class FenceIndex
{
    /// <summary>Default grid cell side: 0.05° (5.6 km north–south), so that most cells of a town-sized fence lie
    /// wholly inside it.</summary>
    public const double DefaultCellDegrees = 0.05;

    /// <summary>A fence whose bounding box spans more cells than this is kept out of the grid.</summary>
    public const int MaxCellsPerFence = 4_096;

    // The grid's cell count is kept below this (4 MB of cell offsets) by widening the cells for fences spread
    // over a continent or the world.
    private const int MaxGridCells = 1 << 20;

    private readonly Fence[] _fences;
    private readonly FenceGrid _grid;
    private readonly int[] _large;
    private readonly Dictionary<string, CountryFence[]> _countryFences;
    private readonly Lazy<STRtree<Fence>> _tree;

    // Per fence: for a circle, cos(radius / Earth radius) and the centre as a unit vector; NaN for other kinds.
    private readonly double[] _circleCosRadius;
    private readonly (double X, double Y, double Z)[] _circleVector;

    // The radius GeoPoint.DistanceKmTo uses (IUGG mean), so that both tests agree away from the edge.
    private const double EarthRadiusKm = 6371.0088;

    public FenceIndex(IEnumerable<Fence> fences)
        : this(fences, DefaultCellDegrees)
    {
    }

    /// <param name="fences">The fences.</param>
    /// <param name="cellDegrees">Grid cell side in degrees (above 0); widened when the fences spread so far that the
    /// grid would exceed about a million cells.</param>
    public FenceIndex(IEnumerable<Fence> fences, double cellDegrees)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cellDegrees);
        _fences = fences.ToArray();
        var (members, large) = Split(cellDegrees);
        var bounds = new Envelope();
        foreach (var f in members)
        {
            bounds.ExpandToInclude(_fences[f].Envelope);
        }

        if (members.Count > 0 && (bounds.Width / cellDegrees + 2) * (bounds.Height / cellDegrees + 2) > MaxGridCells)
        {
            cellDegrees = Math.Sqrt((bounds.Width + 2 * cellDegrees) * (bounds.Height + 2 * cellDegrees) / MaxGridCells) * 1.05;
            (members, large) = Split(cellDegrees);
        }

        CellDegrees = cellDegrees;
        _circleCosRadius = new double[_fences.Length];
        _circleVector = new (double X, double Y, double Z)[_fences.Length];
        for (var f = 0; f < _fences.Length; f++)
        {
            _circleCosRadius[f] = double.NaN;
            if (_fences[f] is CircleFence circle)
            {
                _circleCosRadius[f] = Math.Cos(circle.RadiusKm / EarthRadiusKm);
                _circleVector[f] = UnitVector(circle.Centre);
            }
        }

        _grid = new FenceGrid(_fences, members, cellDegrees);
        _large = [.. large];
        _countryFences = _fences.OfType<CountryFence>().GroupBy(c => c.CountryCode, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
        _tree = new Lazy<STRtree<Fence>>(() =>
        {
            var tree = new STRtree<Fence>();
            foreach (var fence in _fences)
            {
                tree.Insert(fence.Envelope, fence);
            }

            tree.Build();
            return tree;
        });
    }

    public int Count => _fences.Length;

    public IReadOnlyList<Fence> Fences => _fences;

    /// <summary>The grid's cell side in degrees, after any widening.</summary>
    public double CellDegrees { get; }

    /// <summary>Fence-cell entries in the grid and fences kept out of it (for the benchmark's report).</summary>
    public (int Cells, int Entries, int LargeFences) GridSize => (_grid.CellCount, _grid.EntryCount, _large.Length);

    /// <summary>The fences containing a point, nearest first.</summary>
    public IReadOnlyList<FenceHit> FencesContaining(GeoPoint point, string? placeName = null, double confidence = 1)
    {
        var hits = new List<FenceHit>();
        foreach (var entry in _grid.Candidates(point, out _))
        {
            var fence = _fences[entry >> 1];
            if (fence.TryContains(point, out var km, out var measure))
            {
                hits.Add(new FenceHit(fence, point, placeName, Math.Round(km, 1), measure, confidence));
            }
        }

        foreach (var f in _large)
        {
            var fence = _fences[f];
            if (fence.Envelope.Contains(point.Lon, point.Lat) && fence.TryContains(point, out var km, out var measure))
            {
                hits.Add(new FenceHit(fence, point, placeName, Math.Round(km, 1), measure, confidence));
            }
        }

        if (hits.Count > 1)
        {
            hits.Sort((a, b) => a.DistanceKm.CompareTo(b.DistanceKm));
        }

        return hits;
    }

    /// <summary>How many fences contain the point, without building hits (the hot path the benchmark times): fences
    /// covering the point's whole cell count without a test.</summary>
    public int CountContaining(GeoPoint point)
    {
        var entries = _grid.Candidates(point, out var count);
        if (entries.Length > count)
        {
            // Circles are tested by the angle between unit vectors (one dot product; the point's vector is computed
            // once per lookup), with the haversine only within a hair of the edge, where rounding could differ.
            var (x, y, z) = UnitVector(point);
            foreach (var entry in entries[count..])
            {
                var f = entry >> 1;
                var circle = _circleCosRadius[f];
                if (!double.IsNaN(circle))
                {
                    var v = _circleVector[f];
                    var dot = x * v.X + y * v.Y + z * v.Z;
                    if (dot > circle + 1e-12 || (dot >= circle - 1e-12 && _fences[f].Contains(point)))
                    {
                        count++;
                    }
                }
                else if (_fences[f].Contains(point))
                {
                    count++;
                }
            }
        }

        foreach (var f in _large)
        {
            var fence = _fences[f];
            if (fence.Envelope.Contains(point.Lon, point.Lat) && fence.Contains(point))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The same answer through an STRtree over the fences' bounding boxes (the index used before the grid;
    /// kept as the benchmark's second baseline, built on first use).</summary>
    public int CountContainingStrTree(GeoPoint point)
    {
        var visitor = new CountingVisitor(point);
        _tree.Value.Query(new Envelope(point.Lon, point.Lon, point.Lat, point.Lat), visitor);
        return visitor.Count;
    }

    /// <summary>Visits the tree's candidates without collecting them in a list.</summary>
    private sealed class CountingVisitor(GeoPoint point) : NetTopologySuite.Index.IItemVisitor<Fence>
    {
        public int Count { get; private set; }

        public void VisitItem(Fence item)
        {
            if (item.Contains(point))
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
            if (fence.Contains(point))
            {
                count++;
            }
        }

        return count;
    }

    private static (double X, double Y, double Z) UnitVector(GeoPoint p)
    {
        var lat = p.Lat * (Math.PI / 180);
        var lon = p.Lon * (Math.PI / 180);
        var cosLat = Math.Cos(lat);
        return (cosLat * Math.Cos(lon), cosLat * Math.Sin(lon), Math.Sin(lat));
    }

    private (List<int> Members, List<int> Large) Split(double cellDegrees)
    {
        var members = new List<int>(_fences.Length);
        var large = new List<int>();
        for (var f = 0; f < _fences.Length; f++)
        {
            var box = _fences[f].Envelope;
            var cells = (box.Width / cellDegrees + 1) * (box.Height / cellDegrees + 1);
            (cells > MaxCellsPerFence ? large : members).Add(f);
        }

        return (members, large);
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
            if (place.Kind == PlaceKind.Country)
            {
                foreach (var country in _countryFences.GetValueOrDefault(place.CountryCode, []))
                {
                    Keep(best, CountryHit(country, place.Point, mention));
                }

                continue;
            }

            if (place.Kind is PlaceKind.Region or PlaceKind.WaterBody)
            {
                // A continent, macro-region or sea names no point: its middle would trigger whatever fence lies there.
                continue;
            }

            foreach (var hit in FencesContaining(place.Point, mention.Surface, mention.Confidence))
            {
                if (place.Kind != PlaceKind.Admin1 || hit.Fence.Kind is FenceKind.Polygon or FenceKind.MultiPolygon or FenceKind.Country)
                {
                    Keep(best, hit);
                }
            }
        }

        return best.Values.OrderBy(h => h.DistanceKm).ThenByDescending(h => h.Confidence).ToList();
    }

    private static void Keep(Dictionary<Fence, FenceHit> best, FenceHit hit)
    {
        if (!best.TryGetValue(hit.Fence, out var previous) || hit.DistanceKm < previous.DistanceKm
            || (hit.DistanceKm == previous.DistanceKm && hit.Confidence > previous.Confidence))
        {
            best[hit.Fence] = hit;
        }
    }

    /// <summary>A country named, in its own country's fence: measured like a point inside it when its point is, else
    /// (a point just outside a coarse outline) 0 km inside, or the distance from the fence's site.</summary>
    private static FenceHit CountryHit(CountryFence fence, GeoPoint point, PlaceMention mention)
    {
        if (fence.TryContains(point, out var km, out var measure))
        {
            return new FenceHit(fence, point, mention.Surface, Math.Round(km, 1), measure, mention.Confidence);
        }

        return fence.Site is { } site
            ? new FenceHit(fence, point, mention.Surface, Math.Round(site.Point.DistanceKmTo(point), 1), FenceDistance.FromSite, mention.Confidence)
            : new FenceHit(fence, point, mention.Surface, 0, FenceDistance.InsideEdge, mention.Confidence);
    }
}
