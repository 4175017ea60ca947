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
        var dLat = Rad(other.Lat - Lat);
        var dLon = Rad(other.Lon - Lon);
        var sinLat = Math.Sin(dLat / 2);
        var sinLon = Math.Sin(dLon / 2);
        var a = sinLat * sinLat + Math.Cos(Rad(Lat)) * Math.Cos(Rad(other.Lat)) * sinLon * sinLon;
        return 2 * earthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>
    /// The initial great-circle bearing from this point towards <paramref name="other"/>, in degrees clockwise from
    /// true north, in [0, 360); 0 for the same point. Over the tens of kilometres alerts speak of, the initial and the
    /// mean bearing differ by far less than the 45° of a compass sector.
    /// </summary>
    public double BearingDegreesTo(GeoPoint other)
    {
        var lat1 = Rad(Lat);
        var lat2 = Rad(other.Lat);
        var dLon = Rad(other.Lon - Lon);
        var y = Math.Sin(dLon) * Math.Cos(lat2);
        var x = Math.Cos(lat1) * Math.Sin(lat2) - Math.Sin(lat1) * Math.Cos(lat2) * Math.Cos(dLon);
        if (Math.Abs(x) < 1e-15 && Math.Abs(y) < 1e-15)
        {
            return 0;
        }

        var degrees = Math.Atan2(y, x) * 180.0 / Math.PI;
        return (degrees + 360.0) % 360.0;
    }

    /// <summary>The 8-point compass direction from this point towards <paramref name="other"/> (sectors of 45°
    /// centred on N, NE, E, ...: 22.5° is the first bearing that reads NE).</summary>
    public CompassPoint CompassTo(GeoPoint other) => Compass.FromBearing(BearingDegreesTo(other));

    public override string ToString() => FormattableString.Invariant($"{Lat:0.#####} {Lon:0.#####}");

    private static double Rad(double degrees) => degrees * Math.PI / 180.0;
}

/// <summary>The eight points of the compass, clockwise from north.</summary>
public enum CompassPoint
{
    N,
    NE,
    E,
    SE,
    S,
    SW,
    W,
    NW,
}

/// <summary>Bearings to compass points.</summary>
public static class Compass
{
    /// <summary>The sector of 45° a bearing (degrees clockwise from north, any value) falls in, each centred on its point.</summary>
    public static CompassPoint FromBearing(double degrees)
    {
        var normalised = ((degrees % 360.0) + 360.0) % 360.0;
        return (CompassPoint)((int)Math.Floor((normalised + 22.5) / 45.0) % 8);
    }
}
