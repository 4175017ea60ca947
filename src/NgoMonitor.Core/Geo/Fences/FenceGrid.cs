using NetTopologySuite.Geometries;
using NetTopologySuite.Algorithm.Locate;

namespace NgoMonitor.Core.Geo.Fences;

/// <summary>
/// A uniform latitude/longitude grid over a set of fences, for point lookups without a tree walk. Each cell lists
/// the fences that may contain a point of it, each marked either "the whole cell is inside" (no geometry test
/// needed) or "the fence's edge may cross the cell" (the fence's exact test decides). Fences whose edge misses the
/// cell and which do not cover it are not listed. Classification of a cell, per kind, always on the safe side:
/// 1. circle: great-circle distance from the centre to the cell's centre, plus or minus the cell's half-diagonal
///    (the farthest point of a small latitude/longitude cell from its centre is a corner; triangle inequality);
/// 2. corridor: the same with the corridor's own distance, the margin widened for the change of the longitude
///    scale across the cell (the corridor measures on a plane tangent at the point);
/// 3. polygon: cells its rings pass through (within 1e-7°) are edge cells; every other cell lies wholly on one
///    side of every ring, so its centre's location decides for all of it;
/// 4. any other kind: every cell of its bounding box is an edge cell.
/// Immutable after construction; safe to share across threads.
/// </summary>
internal sealed class FenceGrid
{
    private const double Epsilon = 1e-7;
    private const double KmPerDegree = 111.195;

    private readonly double _minLon;
    private readonly double _minLat;
    private readonly double _cellDegrees;
    private readonly int _columns;
    private readonly int _rows;
    private readonly int[] _cellStart;
    private readonly int[] _entries;
    private readonly int[] _insideCount = [];

    /// <param name="fences">All fences of the index.</param>
    /// <param name="members">Indexes into <paramref name="fences"/> of the fences the grid covers.</param>
    /// <param name="cellDegrees">Cell side in degrees.</param>
    public FenceGrid(IReadOnlyList<Fence> fences, IReadOnlyList<int> members, double cellDegrees)
    {
        _cellDegrees = cellDegrees;
        if (members.Count == 0)
        {
            _cellStart = [0];
            _entries = [];
            return;
        }

        var bounds = new Envelope();
        foreach (var f in members)
        {
            bounds.ExpandToInclude(fences[f].Envelope);
        }

        // One spare cell on every side, so that a fence reaching a hair beyond its envelope is still covered.
        _minLon = bounds.MinX - cellDegrees;
        _minLat = bounds.MinY - cellDegrees;
        _columns = (int)Math.Ceiling(bounds.Width / cellDegrees) + 2;
        _rows = (int)Math.Ceiling(bounds.Height / cellDegrees) + 2;

        // Entries collected as (cell, fence << 1 | inside), then laid out cell by cell.
        var pairs = new List<(int Cell, int Entry)>();
        foreach (var f in members)
        {
            Classify(fences[f], f, pairs);
        }

        // Each cell's entries start with the fences covering the whole cell, so a count needs no look at them.
        var counts = new int[_columns * _rows + 1];
        _insideCount = new int[_columns * _rows];
        foreach (var (cell, entry) in pairs)
        {
            counts[cell + 1]++;
            _insideCount[cell] += entry & 1;
        }

        for (var c = 1; c < counts.Length; c++)
        {
            counts[c] += counts[c - 1];
        }

        _cellStart = (int[])counts.Clone();
        var nextBoundary = new int[_columns * _rows];
        for (var c = 0; c < nextBoundary.Length; c++)
        {
            nextBoundary[c] = counts[c] + _insideCount[c];
        }

        _entries = new int[pairs.Count];
        foreach (var (cell, entry) in pairs)
        {
            _entries[(entry & 1) != 0 ? counts[cell]++ : nextBoundary[cell]++] = entry;
        }
    }

    /// <summary>Entries stored (fence-cell pairs), for the benchmark's report.</summary>
    public int EntryCount => _entries.Length;

    public int CellCount => _columns * _rows;

    /// <summary>The entries of the point's cell, each fence index &lt;&lt; 1 | 1 when the whole cell is inside it;
    /// empty outside the grid.</summary>
    /// <param name="point">The point.</param>
    /// <param name="inside">How many of the entries, at the start, are fences covering the whole cell.</param>
    public ReadOnlySpan<int> Candidates(GeoPoint point, out int inside)
    {
        var column = (int)Math.Floor((point.Lon - _minLon) / _cellDegrees);
        var row = (int)Math.Floor((point.Lat - _minLat) / _cellDegrees);
        if ((uint)column >= (uint)_columns || (uint)row >= (uint)_rows)
        {
            inside = 0;
            return [];
        }

        var cell = row * _columns + column;
        inside = _insideCount[cell];
        return _entries.AsSpan(_cellStart[cell], _cellStart[cell + 1] - _cellStart[cell]);
    }

    private void Classify(Fence fence, int index, List<(int Cell, int Entry)> pairs)
    {
        var box = fence.Envelope;
        var c0 = Math.Max(0, Column(box.MinX) - 1);
        var c1 = Math.Min(_columns - 1, Column(box.MaxX) + 1);
        var r0 = Math.Max(0, Row(box.MinY) - 1);
        var r1 = Math.Min(_rows - 1, Row(box.MaxY) + 1);
        switch (fence)
        {
            case CircleFence circle:
                ClassifyByDistance(index, pairs, c0, c1, r0, r1, circle.RadiusKm, circle.Centre.DistanceKmTo, corridor: false);
                break;
            case CorridorFence corridor:
                ClassifyByDistance(index, pairs, c0, c1, r0, r1, corridor.HalfWidthKm, corridor.DistanceToLinesKm, corridor: true);
                break;
            case AreaFence area:
                ClassifyArea(area, index, pairs, c0, c1, r0, r1);
                break;
            default:
                for (var r = r0; r <= r1; r++)
                {
                    for (var c = c0; c <= c1; c++)
                    {
                        pairs.Add((r * _columns + c, index << 1));
                    }
                }

                break;
        }
    }

    private void ClassifyByDistance(int index, List<(int Cell, int Entry)> pairs, int c0, int c1, int r0, int r1,
        double limitKm, Func<GeoPoint, double> distanceKm, bool corridor)
    {
        for (var r = r0; r <= r1; r++)
        {
            var south = _minLat + r * _cellDegrees;
            var north = south + _cellDegrees;
            var midLat = (south + north) / 2;
            var halfHeightKm = _cellDegrees / 2 * KmPerDegree;
            var cosNearEquator = Math.Cos(Math.Min(Math.Abs(south), Math.Abs(north)) * Math.PI / 180);
            if (south < 0 && north > 0)
            {
                cosNearEquator = 1;
            }

            var cosNearPole = Math.Cos(Math.Min(90, Math.Max(Math.Abs(south), Math.Abs(north))) * Math.PI / 180);
            var halfWidthKm = _cellDegrees / 2 * KmPerDegree * cosNearEquator;
            var margin = Math.Sqrt(halfWidthKm * halfWidthKm + halfHeightKm * halfHeightKm) * 1.01 + 1e-6;
            var scaleChange = cosNearPole > 1e-6 ? (cosNearEquator - cosNearPole) / cosNearPole : double.PositiveInfinity;
            for (var c = c0; c <= c1; c++)
            {
                var centre = new GeoPoint(midLat, _minLon + (c + 0.5) * _cellDegrees);
                var d = distanceKm(centre);
                var m = margin;
                if (corridor)
                {
                    // The corridor projects onto a plane scaled by cos(latitude) at the point; across the cell that
                    // scale changes by scaleChange, which moves a line at distance d by up to that share of d.
                    m = 1.1 * (margin + scaleChange * (d + margin)) + 0.01;
                }

                if (d - m > limitKm)
                {
                    continue;
                }

                pairs.Add((r * _columns + c, index << 1 | (d + m < limitKm ? 1 : 0)));
            }
        }
    }

    private void ClassifyArea(AreaFence area, int index, List<(int Cell, int Entry)> pairs, int c0, int c1, int r0, int r1)
    {
        var width = c1 - c0 + 1;
        var edge = new bool[width * (r1 - r0 + 1)];
        for (var g = 0; g < area.Geometry.NumGeometries; g++)
        {
            var polygon = (Polygon)area.Geometry.GetGeometryN(g);
            MarkRing(polygon.ExteriorRing, edge, c0, c1, r0, r1);
            foreach (var hole in polygon.InteriorRings)
            {
                MarkRing(hole, edge, c0, c1, r0, r1);
            }
        }

        var locator = new IndexedPointInAreaLocator(area.Geometry);
        for (var r = r0; r <= r1; r++)
        {
            for (var c = c0; c <= c1; c++)
            {
                if (edge[(r - r0) * width + c - c0])
                {
                    pairs.Add((r * _columns + c, index << 1));
                    continue;
                }

                var centre = new Coordinate(_minLon + (c + 0.5) * _cellDegrees, _minLat + (r + 0.5) * _cellDegrees);
                if (locator.Locate(centre) != Location.Exterior)
                {
                    pairs.Add((r * _columns + c, index << 1 | 1));
                }
            }
        }
    }

    /// <summary>Marks every cell a ring's segments pass through or come within <see cref="Epsilon"/> of.</summary>
    private void MarkRing(LineString ring, bool[] edge, int c0, int c1, int r0, int r1)
    {
        var width = c1 - c0 + 1;
        var coordinates = ring.CoordinateSequence;
        for (var k = 0; k + 1 < coordinates.Count; k++)
        {
            double ax = coordinates.GetX(k), ay = coordinates.GetY(k), bx = coordinates.GetX(k + 1), by = coordinates.GetY(k + 1);
            var rowFrom = Math.Max(r0, Row(Math.Min(ay, by) - Epsilon));
            var rowTo = Math.Min(r1, Row(Math.Max(ay, by) + Epsilon));
            for (var r = rowFrom; r <= rowTo; r++)
            {
                // The part of the segment within this row's latitudes, as a longitude range.
                var south = Math.Max(Math.Min(ay, by), _minLat + r * _cellDegrees);
                var north = Math.Min(Math.Max(ay, by), _minLat + (r + 1) * _cellDegrees);
                double west, east;
                if (Math.Abs(by - ay) < 1e-12 || south > north)
                {
                    west = Math.Min(ax, bx);
                    east = Math.Max(ax, bx);
                }
                else
                {
                    var x1 = ax + (south - ay) * (bx - ax) / (by - ay);
                    var x2 = ax + (north - ay) * (bx - ax) / (by - ay);
                    west = Math.Max(Math.Min(x1, x2), Math.Min(ax, bx));
                    east = Math.Min(Math.Max(x1, x2), Math.Max(ax, bx));
                }

                var colFrom = Math.Max(c0, Column(west - Epsilon));
                var colTo = Math.Min(c1, Column(east + Epsilon));
                for (var c = colFrom; c <= colTo; c++)
                {
                    edge[(r - r0) * width + c - c0] = true;
                }
            }
        }
    }

    private int Column(double lon) => (int)Math.Floor((lon - _minLon) / _cellDegrees);

    private int Row(double lat) => (int)Math.Floor((lat - _minLat) / _cellDegrees);
}
