using BenchmarkDotNet.Attributes;
using NetTopologySuite.Geometries;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Geo.Fences;

namespace NgoMonitor.Benchmarks.Geo;

/// <summary>
/// Point-in-fence lookups with 10,000 fences (floor: 2 µs per lookup): the grid index against the STRtree
/// it replaced and a scan of every fence. Fences are spread over the Middle East (29–42°N, 32–48°E), like an NGO's offices, clinics and
/// routes: 70% circles of 1–50 km, 20% polygons (irregular 8-gons of 2–60 km), 10% corridors of 2–20 km half-width
/// along 2–6-vertex roads. Query points are uniform over the same box, so most fall in no fence or a few.
/// </summary>
public class FenceLookupBenchmark
{
    private const int Queries = 1_000;

    private readonly GeoPoint[] _points = new GeoPoint[Queries];
    private FenceIndex _index = null!;

    [Params(10_000)]
    public int Fences { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        GeoPoint RandomPoint() => new(29 + random.NextDouble() * 13, 32 + random.NextDouble() * 16);
        var fences = new List<Fence>(Fences);
        for (var i = 0; i < Fences; i++)
        {
            var centre = RandomPoint();
            var kind = random.NextDouble();
            if (kind < 0.7)
            {
                fences.Add(new CircleFence("c" + i, "site " + i, centre, 1 + random.NextDouble() * 49));
            }
            else if (kind < 0.9)
            {
                var radiusDeg = (2 + random.NextDouble() * 58) / 111.0;
                var ring = Enumerable.Range(0, 8).Select(k =>
                {
                    var angle = k * Math.PI / 4;
                    var r = radiusDeg * (0.5 + random.NextDouble() * 0.5);
                    return new Coordinate(centre.Lon + r * Math.Cos(angle), centre.Lat + r * Math.Sin(angle));
                }).ToList();
                ring.Add(ring[0].Copy());
                fences.Add(new AreaFence("p" + i, "area " + i, factory.CreatePolygon(ring.ToArray())));
            }
            else
            {
                var line = new List<GeoPoint> { centre };
                for (var k = random.Next(1, 6); k > 0; k--)
                {
                    line.Add(new GeoPoint(line[^1].Lat + (random.NextDouble() - 0.5) * 0.6, line[^1].Lon + (random.NextDouble() - 0.5) * 0.6));
                }

                fences.Add(new CorridorFence("r" + i, "road " + i, [line], 2 + random.NextDouble() * 18));
            }
        }

        _index = new FenceIndex(fences);
        for (var q = 0; q < Queries; q++)
        {
            _points[q] = RandomPoint();
        }
    }

    /// <summary>The index, for the benchmark's report of its size.</summary>
    public FenceIndex Index => _index;

    /// <summary>One operation = one point tested against all fences through the grid.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Queries)]
    public int Grid()
    {
        var hits = 0;
        foreach (var point in _points)
        {
            hits += _index.CountContaining(point);
        }

        return hits;
    }

    /// <summary>One operation = one point tested against all fences through an STRtree over their boxes.</summary>
    [Benchmark(OperationsPerInvoke = Queries)]
    public int StrTree()
    {
        var hits = 0;
        foreach (var point in _points)
        {
            hits += _index.CountContainingStrTree(point);
        }

        return hits;
    }

    /// <summary>One operation = one point tested against every fence in turn.</summary>
    [Benchmark(OperationsPerInvoke = Queries)]
    public int BruteForce()
    {
        var hits = 0;
        foreach (var point in _points)
        {
            hits += _index.CountContainingBruteForce(point);
        }

        return hits;
    }

    /// <summary>Grid lookup that also builds the hits (distance to site or edge), as alerting uses it.</summary>
    [Benchmark(OperationsPerInvoke = Queries)]
    public int GridWithHits()
    {
        var hits = 0;
        foreach (var point in _points)
        {
            hits += _index.FencesContaining(point).Count;
        }

        return hits;
    }

    /// <summary>Checks the grid against the scan on every query point; returns the number of points checked.</summary>
    public int CheckAgainstBruteForce()
    {
        foreach (var point in _points)
        {
            if (_index.CountContaining(point) != _index.CountContainingBruteForce(point))
            {
                throw new InvalidOperationException("Grid and brute force disagree at " + point);
            }
        }

        return _points.Length;
    }
}
