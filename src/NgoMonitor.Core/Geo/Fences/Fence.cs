using NetTopologySuite.Operation.Distance;
using NetTopologySuite.Geometries;
using NetTopologySuite.Algorithm.Locate;

namespace NgoMonitor.Core.Geo.Fences;

public enum FenceKind
{
    Circle,
    Polygon,
    MultiPolygon,
    Country,
    Corridor,

    /// <summary>A continent or macro-region ("Sahel", "Horn of Africa"): the union of its member countries' outlines.</summary>
    Region,
}

/// <summary>How a hit's distance was measured.</summary>
public enum FenceDistance
{
    /// <summary>From the protected site (the office or hospital the fence is drawn around), or a circle's centre.</summary>
    FromSite,

    /// <summary>From the nearest point of the fence's edge, inwards (a polygon or country with no site).</summary>
    InsideEdge,

    /// <summary>From a corridor's centre line (the border or road).</summary>
    FromLine,
}

/// <summary>A named site a fence protects, such as "Azaz office".</summary>
public sealed record FenceSite(string Name, GeoPoint Point);

/// <summary>
/// A protected area. Coordinates are WGS 84 degrees, geometry in NetTopologySuite's x = longitude, y = latitude
/// order; distances are great-circle km. Fences crossing the antimeridian are not supported (split them in two).
/// Immutable and safe to share across threads once built.
/// </summary>
public abstract class Fence
{
    protected static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    protected Fence(string id, string name, FenceSite? site)
    {
        Id = id;
        Name = name;
        Site = site;
    }

    public string Id { get; }

    public string Name { get; }

    public FenceSite? Site { get; }

    public abstract FenceKind Kind { get; }

    /// <summary>Bounding box in lon/lat degrees, for the spatial index.</summary>
    public abstract Envelope Envelope { get; }

    /// <summary>The geometry for export and display (a circle is exported as its centre and radius, not this).</summary>
    public abstract Geometry Geometry { get; }

    /// <summary>Whether the point lies inside the fence and, if so, how far it is from the site, centre, edge or line.</summary>
    public abstract bool TryContains(GeoPoint point, out double distanceKm, out FenceDistance measure);

    /// <summary>Whether the point lies inside the fence, without the distance (cheaper for areas, whose distance to
    /// the edge is a search of their own). Same answer as <see cref="TryContains"/>.</summary>
    public virtual bool Contains(GeoPoint point) => TryContains(point, out _, out _);

    protected static Coordinate ToCoordinate(GeoPoint p) => new(p.Lon, p.Lat);

    /// <summary>An envelope around a point grown by a distance in km (latitude degrees are 111.2 km; longitude
    /// degrees shrink with the cosine of the latitude, taken at the side nearer the pole).</summary>
    protected static Envelope Around(Envelope core, double km)
    {
        const double kmPerDegree = 111.195;
        var dLat = km / kmPerDegree;
        var maxAbsLat = Math.Min(89.9, Math.Max(Math.Abs(core.MinY), Math.Abs(core.MaxY)) + dLat);
        var dLon = km / (kmPerDegree * Math.Cos(maxAbsLat * Math.PI / 180));
        return new Envelope(
            Math.Max(-180, core.MinX - dLon), Math.Min(180, core.MaxX + dLon),
            Math.Max(-90, core.MinY - dLat), Math.Min(90, core.MaxY + dLat));
    }
}

/// <summary>A circle around a site: centre and radius in km. Containment is by great-circle distance.</summary>
public sealed class CircleFence : Fence
{
    public CircleFence(string id, string name, GeoPoint centre, double radiusKm, string? siteName = null)
        : base(id, name, new FenceSite(siteName ?? name, centre))
    {
        if (!centre.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(centre), centre, "Centre out of range (latitude ±90, longitude ±180).");
        }

        if (radiusKm is <= 0 or > 20_000 || double.IsNaN(radiusKm))
        {
            throw new ArgumentOutOfRangeException(nameof(radiusKm), radiusKm, "Radius must be above 0 and at most 20,000 km.");
        }

        Centre = centre;
        RadiusKm = radiusKm;
        Envelope = Around(new Envelope(ToCoordinate(centre)), radiusKm);
    }

    public GeoPoint Centre { get; }

    public double RadiusKm { get; }

    public override FenceKind Kind => FenceKind.Circle;

    public override Envelope Envelope { get; }

    public override Geometry Geometry => Factory.CreatePoint(ToCoordinate(Centre));

    public override bool TryContains(GeoPoint point, out double distanceKm, out FenceDistance measure)
    {
        measure = FenceDistance.FromSite;
        if (Math.Abs(point.Lat - Centre.Lat) * 111.19 > RadiusKm * 1.001)
        {
            // Cheap reject: the latitude difference alone is a lower bound of the great-circle distance.
            distanceKm = double.NaN;
            return false;
        }

        distanceKm = Centre.DistanceKmTo(point);
        return distanceKm <= RadiusKm;
    }
}

/// <summary>
/// A polygon or multipolygon (GeoJSON), and the base of country fences. Containment is tested with an indexed
/// point-in-area locator built once (what NTS prepared geometries use inside, without a Point allocation per
/// test); points on the edge count as inside; the distance to
/// the edge uses an indexed facet distance, also built once.
/// </summary>
public class AreaFence : Fence
{
    private readonly IndexedPointInAreaLocator _locator;
    private readonly IndexedFacetDistance _edge;

    public AreaFence(string id, string name, Geometry area, FenceSite? site = null)
        : base(id, name, site)
    {
        if (area is not (Polygon or MultiPolygon))
        {
            throw new ArgumentException("An area fence needs a Polygon or MultiPolygon.", nameof(area));
        }

        Geometry = area;
        Envelope = area.EnvelopeInternal;
        _locator = new IndexedPointInAreaLocator(area);
        _edge = new IndexedFacetDistance(area.Boundary);
    }

    public override FenceKind Kind => Geometry is Polygon ? FenceKind.Polygon : FenceKind.MultiPolygon;

    public override Envelope Envelope { get; }

    public override Geometry Geometry { get; }

    public override bool Contains(GeoPoint point)
    {
        var c = ToCoordinate(point);
        return Envelope.Contains(c) && _locator.Locate(c) != Location.Exterior;
    }

    public override bool TryContains(GeoPoint point, out double distanceKm, out FenceDistance measure)
    {
        var c = ToCoordinate(point);
        if (!Envelope.Contains(c) || _locator.Locate(c) == Location.Exterior)
        {
            distanceKm = 0;
            measure = FenceDistance.InsideEdge;
            return false;
        }

        if (Site is { } site)
        {
            distanceKm = site.Point.DistanceKmTo(point);
            measure = FenceDistance.FromSite;
            return true;
        }

        // Nearest edge point found in degrees, then measured on the sphere: exact enough for "12 km inside".
        var nearest = _edge.NearestPoints(Factory.CreatePoint(c))[0];
        distanceKm = point.DistanceKmTo(new GeoPoint(nearest.Y, nearest.X));
        measure = FenceDistance.InsideEdge;
        return true;
    }
}

/// <summary>A country (ISO 3166-1 alpha-2), with its Natural Earth 1:50m outline from the gazetteer.</summary>
public sealed class CountryFence : AreaFence
{
    public CountryFence(string id, string name, string countryCode, Geometry outline, FenceSite? site = null)
        : base(id, name, outline, site)
    {
        CountryCode = countryCode.ToUpperInvariant();
    }

    public string CountryCode { get; }

    public override FenceKind Kind => FenceKind.Country;

    /// <summary>A country fence from the gazetteer's outline; null when the gazetteer has no outline for the code.</summary>
    public static CountryFence? FromGazetteer(Gazetteer gazetteer, string id, string name, string countryCode, FenceSite? site = null)
    {
        var outline = gazetteer.CountryGeometry(countryCode);
        var iso2 = gazetteer.CountryPlace(countryCode) is var place and >= 0 ? gazetteer.CountryCode(place) : countryCode;
        return outline is null ? null : new CountryFence(id, name, iso2, outline, site);
    }
}

/// <summary>
/// A corridor along a border or road: every point within <see cref="HalfWidthKm"/> of a line. Measured directly
/// (great-circle distance to the nearest segment, on a local equirectangular projection around the point) rather
/// than by buffering in degrees, which would narrow the corridor towards the poles.
/// </summary>
public sealed class CorridorFence : Fence
{
    private readonly GeoPoint[][] _lines;

    public CorridorFence(string id, string name, IReadOnlyList<IReadOnlyList<GeoPoint>> lines, double halfWidthKm, FenceSite? site = null)
        : base(id, name, site)
    {
        if (lines.Count == 0 || lines.Any(l => l.Count < 2))
        {
            throw new ArgumentException("A corridor needs at least one line of two points or more.", nameof(lines));
        }

        if (halfWidthKm is <= 0 or > 1_000 || double.IsNaN(halfWidthKm))
        {
            throw new ArgumentOutOfRangeException(nameof(halfWidthKm), halfWidthKm, "Corridor half-width must be above 0 and at most 1,000 km.");
        }

        _lines = lines.Select(l => l.ToArray()).ToArray();
        HalfWidthKm = halfWidthKm;
        var lineStrings = _lines.Select(l => Factory.CreateLineString(l.Select(ToCoordinate).ToArray())).ToArray();
        Geometry = lineStrings.Length == 1 ? lineStrings[0] : Factory.CreateMultiLineString(lineStrings);
        Envelope = Around(Geometry.EnvelopeInternal, halfWidthKm);
    }

    public double HalfWidthKm { get; }

    public IReadOnlyList<IReadOnlyList<GeoPoint>> Lines => _lines;

    public override FenceKind Kind => FenceKind.Corridor;

    public override Envelope Envelope { get; }

    /// <summary>The centre line(s); the corridor is this line grown by <see cref="HalfWidthKm"/>.</summary>
    public override Geometry Geometry { get; }

    public override bool TryContains(GeoPoint point, out double distanceKm, out FenceDistance measure)
    {
        distanceKm = DistanceToLinesKm(point);
        measure = FenceDistance.FromLine;
        if (distanceKm > HalfWidthKm)
        {
            return false;
        }

        if (Site is { } site)
        {
            distanceKm = site.Point.DistanceKmTo(point);
            measure = FenceDistance.FromSite;
        }

        return true;
    }

    public double DistanceToLinesKm(GeoPoint point)
    {
        const double kmPerDegree = 111.195;
        var cosLat = Math.Cos(point.Lat * Math.PI / 180);
        var best = double.MaxValue;
        foreach (var line in _lines)
        {
            for (var i = 0; i + 1 < line.Length; i++)
            {
                // Segment ends relative to the point, in km on the plane tangent at the point.
                var ax = (line[i].Lon - point.Lon) * cosLat * kmPerDegree;
                var ay = (line[i].Lat - point.Lat) * kmPerDegree;
                var bx = (line[i + 1].Lon - point.Lon) * cosLat * kmPerDegree;
                var by = (line[i + 1].Lat - point.Lat) * kmPerDegree;
                var dx = bx - ax;
                var dy = by - ay;
                var lengthSquared = dx * dx + dy * dy;
                var t = lengthSquared == 0 ? 0 : Math.Clamp(-(ax * dx + ay * dy) / lengthSquared, 0, 1);
                var x = ax + t * dx;
                var y = ay + t * dy;
                best = Math.Min(best, Math.Sqrt(x * x + y * y));
            }
        }

        return best;
    }
}
