using System.Globalization;
using NetTopologySuite.Geometries;
using NgoMonitor.Core.Geo.Fences;

namespace NgoMonitor.Core.Geo;

/// <summary>
/// A protected area of a watchlist, as configured. One of:
/// - a circle around an office or hospital (<see cref="Centre"/> + <see cref="RadiusKm"/>; the centre is the site);
/// - a polygon or multipolygon (<see cref="Area"/>, lon/lat as GeoJSON);
/// - a country by ISO 3166-1 code (<see cref="CountryCode"/>), whose outline comes from the gazetteer when the matcher
///   is built, so the configuration stores two letters, not a border;
/// - a continent or macro-region by name (<see cref="RegionName"/>: "Sahel", "Horn of Africa"), whose outline, the
///   union of its member countries', comes from the gazetteer when the matcher is built, for regional watchlists;
/// - a corridor: every point within <see cref="BufferKm"/> of a line (<see cref="Lines"/>), e.g. a road or border.
/// Any kind but a circle may name a protected <see cref="Site"/>; distances in alerts are then measured from it
/// ("8 km from Azaz office"), otherwise from the circle's centre, inwards from a polygon's edge, or from the line.
/// Plain data: <see cref="ToFence"/> builds the indexed <see cref="Fence"/> the <see cref="FenceIndex"/> tests.
/// </summary>
public sealed record Geofence
{
    /// <summary>A circle: centre and radius in km (the original, and still the commonest, kind).</summary>
    public Geofence(string name, GeoPoint centre, double radiusKm)
        : this(name, FenceKind.Circle)
    {
        Centre = centre;
        RadiusKm = radiusKm;
    }

    private Geofence(string name, FenceKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public FenceKind Kind { get; }

    /// <summary>A circle's centre (default for other kinds).</summary>
    public GeoPoint Centre { get; }

    /// <summary>A circle's radius in km (0 for other kinds).</summary>
    public double RadiusKm { get; }

    /// <summary>A polygon or multipolygon fence's outline (x = longitude, y = latitude); null for other kinds.</summary>
    public Geometry? Area { get; private init; }

    /// <summary>A country fence's ISO 3166-1 code (alpha-2 or alpha-3, as written); null for other kinds.</summary>
    public string? CountryCode { get; private init; }

    /// <summary>A region fence's name as the gazetteer spells it ("Sahel"); null for other kinds.</summary>
    public string? RegionName { get; private init; }

    /// <summary>A corridor's centre lines; null for other kinds.</summary>
    public IReadOnlyList<IReadOnlyList<GeoPoint>>? Lines { get; private init; }

    /// <summary>A corridor's buffer: the distance either side of the line, in km (half the corridor's width).</summary>
    public double BufferKm { get; private init; }

    /// <summary>The protected site distances are measured from; a circle's is its centre.</summary>
    public FenceSite? Site { get; private init; }

    public static Geofence Circle(string name, GeoPoint centre, double radiusKm) => new(name, centre, radiusKm);

    /// <summary>A Polygon or MultiPolygon fence (validated by the caller, e.g. <see cref="FenceGeoJson"/>).</summary>
    public static Geofence Polygon(string name, Geometry area, FenceSite? site = null) =>
        area is NetTopologySuite.Geometries.Polygon or MultiPolygon
            ? new(name, area is MultiPolygon ? FenceKind.MultiPolygon : FenceKind.Polygon) { Area = area, Site = site }
            : throw new ArgumentException("A polygon fence needs a Polygon or MultiPolygon.", nameof(area));

    public static Geofence Country(string name, string countryCode, FenceSite? site = null) =>
        new(name, FenceKind.Country) { CountryCode = countryCode.ToUpperInvariant(), Site = site };

    /// <summary>A continent or macro-region fence by name; its outline is looked up by <see cref="ToFence"/>.</summary>
    public static Geofence Region(string name, string regionName, FenceSite? site = null) =>
        new(name, FenceKind.Region) { RegionName = regionName, Site = site };

    public static Geofence Corridor(string name, IReadOnlyList<IReadOnlyList<GeoPoint>> lines, double bufferKm, FenceSite? site = null) =>
        new(name, FenceKind.Corridor) { Lines = lines, BufferKm = bufferKm, Site = site };

    /// <summary>The configured shape of a fence read from GeoJSON (<see cref="FenceGeoJson.Read(string, ICountryOutlines?)"/>).</summary>
    public static Geofence FromFence(Fence fence) => fence switch
    {
        CircleFence c => Circle(c.Name, c.Centre, c.RadiusKm),
        CountryFence c => Country(c.Name, c.CountryCode, c.Site),
        AreaFence a => Polygon(a.Name, a.Geometry, a.Site),
        CorridorFence c => Corridor(c.Name, c.Lines, c.HalfWidthKm, c.Site),
        _ => throw new ArgumentException("Unknown fence type.", nameof(fence)),
    };

    /// <summary>
    /// The fence to index under <paramref name="id"/>; null for a country the outlines do not know (or when there
    /// are no outlines), so a misconfigured country never matches everything.
    /// </summary>
    public Fence? ToFence(string id, ICountryOutlines? countries) => Kind switch
    {
        FenceKind.Circle => new CircleFence(id, Name, Centre, RadiusKm),
        FenceKind.Polygon or FenceKind.MultiPolygon => new AreaFence(id, Name, Area!, Site),
        FenceKind.Country => countries?.Find(CountryCode!) is { } country ? new CountryFence(id, Name, country.Code, country.Outline, Site) : null,
        FenceKind.Corridor => new CorridorFence(id, Name, Lines!, BufferKm, Site),
        FenceKind.Region => countries?.FindRegion(RegionName!) is { } region ? new AreaFence(id, Name, region.Outline, Site) : null,
        _ => null,
    };

    /// <summary>Everything that defines the fence, as one string (equal strings, same fence).</summary>
    public string Fingerprint()
    {
        var shape = Kind switch
        {
            FenceKind.Circle => string.Create(CultureInfo.InvariantCulture, $"{Centre.Lat}|{Centre.Lon}|{RadiusKm}"),
            FenceKind.Polygon or FenceKind.MultiPolygon => Area!.ToText(),
            FenceKind.Country => CountryCode!,
            FenceKind.Region => RegionName!,
            _ => string.Join(';', Lines!.Select(l => string.Join(',', l))) + string.Create(CultureInfo.InvariantCulture, $"|{BufferKm}"),
        };
        var site = Site is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s.Name}|{s.Point.Lat}|{s.Point.Lon}") : "";
        return string.Join('|', Kind.ToString(), Name, shape, site);
    }
}
