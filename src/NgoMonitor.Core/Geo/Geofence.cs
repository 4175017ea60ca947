namespace NgoMonitor.Core.Geo;

/// <summary>
/// A protected area: for now a circle around an office, hospital or other site (centre + radius in km).
/// Polygons, countries and corridors come with the geoparser issue.
/// </summary>
public sealed record Geofence(string Name, GeoPoint Centre, double RadiusKm)
{
    /// <summary>Distance from the fence's centre when the point falls inside the circle, otherwise null.</summary>
    public double? DistanceKmIfInside(GeoPoint point)
    {
        var distance = Centre.DistanceKmTo(point);
        return distance <= RadiusKm ? distance : null;
    }
}
