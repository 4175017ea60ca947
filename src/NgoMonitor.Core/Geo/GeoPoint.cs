namespace NgoMonitor.Core.Geo;

/// <summary>A WGS 84 position in decimal degrees. Latitude first, as GeoRSS writes it ("lat lon").</summary>
public readonly record struct GeoPoint(double Lat, double Lon)
{
    /// <summary>True when both coordinates lie within their ranges (latitude ±90, longitude ±180).</summary>
    public bool IsValid => Lat is >= -90 and <= 90 && Lon is >= -180 and <= 180 && !double.IsNaN(Lat) && !double.IsNaN(Lon);

    /// <summary>Great-circle distance by the haversine formula on a sphere of the mean Earth radius (6,371.0088 km, IUGG).</summary>
    public double DistanceKmTo(GeoPoint other)
    {
        const double earthRadiusKm = 6371.0088;
        static double Rad(double degrees) => degrees * Math.PI / 180.0;
        var dLat = Rad(other.Lat - Lat);
        var dLon = Rad(other.Lon - Lon);
        var sinLat = Math.Sin(dLat / 2);
        var sinLon = Math.Sin(dLon / 2);
        var a = sinLat * sinLat + Math.Cos(Rad(Lat)) * Math.Cos(Rad(other.Lat)) * sinLon * sinLon;
        return 2 * earthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    public override string ToString() => FormattableString.Invariant($"{Lat:0.#####} {Lon:0.#####}");
}
