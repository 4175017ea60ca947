using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;

namespace NgoMonitor.Core.Geo.Fences;

/// <summary>
/// Whether two fences share any ground. Each fence is its core geometry grown by a distance: a circle is its centre
/// grown by the radius, a corridor its line grown by the half-width, an area (polygon, country, region) itself grown
/// by nothing. Two fences overlap when their cores touch, or when the great-circle distance between the cores'
/// nearest points is at most the sum of the two growths. The nearest points are found in degrees and then measured
/// on the sphere, as <see cref="AreaFence"/> measures its edge distance: exact enough to say whether an officer's
/// area and a watchlist's fence meet, not for surveying. The envelopes (already grown) reject far fences cheaply.
/// </summary>
public static class FenceOverlap
{
    public static bool Overlaps(Fence a, Fence b)
    {
        if (!a.Envelope.Intersects(b.Envelope))
        {
            return false;
        }

        var (coreA, growA) = Core(a);
        var (coreB, growB) = Core(b);
        if (coreA.Intersects(coreB))
        {
            return true;
        }

        var nearest = DistanceOp.NearestPoints(coreA, coreB);
        var km = new GeoPoint(nearest[0].Y, nearest[0].X).DistanceKmTo(new GeoPoint(nearest[1].Y, nearest[1].X));
        return km <= growA + growB;
    }

    private static (Geometry Core, double GrowKm) Core(Fence fence) => fence switch
    {
        CircleFence c => (c.Geometry, c.RadiusKm),
        CorridorFence c => (c.Geometry, c.HalfWidthKm),
        _ => (fence.Geometry, 0),
    };
}
