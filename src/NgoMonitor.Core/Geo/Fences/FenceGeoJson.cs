using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Valid;

namespace NgoMonitor.Core.Geo.Fences;

// One piece past ~400 lines: reading and writing every fence kind against one GeoJSON schema, so the two cannot
// drift apart; FeatureReader holds the reading and its problems, the rest is the writing.
/// <summary>What is wrong with a fence in a GeoJSON document.</summary>
public enum FenceProblemKind
{
    InvalidJson,
    UnsupportedGeometry,
    MissingCoordinates,
    LatitudeOutOfRange,
    LongitudeOutOfRange,

    /// <summary>A position like [36.5, 37.1] whose second number is out of latitude range while the first is not: written [lat, lon].</summary>
    LikelySwappedLatLon,
    UnclosedRing,
    TooFewPoints,
    SelfIntersection,
    MissingRadius,
    RadiusOutOfRange,
    UnknownCountry,
}

/// <summary>One problem, naming the feature (by "name" or index) and the position it was found at.</summary>
public sealed record FenceProblem(FenceProblemKind Kind, string Feature, string Message)
{
    /// <summary>0-based index of the feature in the document; null for a problem with the whole document.</summary>
    public int? FeatureIndex { get; init; }

    public override string ToString() => $"{Feature}: {Kind}: {Message}";
}

/// <summary>Thrown by <see cref="FenceGeoJson.Read"/> with every problem found, not just the first.</summary>
public sealed class FenceFormatException(IReadOnlyList<FenceProblem> problems)
    : Exception(string.Join("; ", problems.Select(p => p.ToString())))
{
    public IReadOnlyList<FenceProblem> Problems { get; } = problems;
}

/// <summary>
/// GeoJSON (RFC 7946) import and export of fences. A FeatureCollection, a Feature or a bare geometry; per feature:
/// - Point with "radiusKm": a circle (the point is the site; "site" names it, default the fence name);
/// - Polygon or MultiPolygon: an area (optional "site": {"name", "lat", "lon"} to measure distances from);
/// - LineString or MultiLineString with "corridorKm" (half-width): a corridor along a border or road;
/// - "country": "SY" (ISO 3166-1; geometry null or ignored): the country's outline from the gazetteer.
/// "id" and "name" are optional (defaults: "fence-N", the id). Positions are [longitude, latitude] as RFC 7946 §3.1.1
/// says; rings must be closed (§3.1.6) and not cross themselves. Every problem is reported, each naming its
/// feature and position, so an admin can fix a file in one go.
/// Writing goes through NetTopologySuite.IO.GeoJSON4STJ. Reading stays a validating reader over JsonNode because
/// the package's reader does not do the same job: it stops at the first malformed ring or position with an exception
/// that names neither the feature nor the position, where an import must report every problem with both.
/// </summary>
public static class FenceGeoJson
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>Writing goes through NetTopologySuite's GeoJSON converters (RFC 7946: rings wound counter-clockwise outside, clockwise in holes).</summary>
    private static readonly JsonSerializerOptions Compact = new() { Converters = { new GeoJsonConverterFactory(Factory, false, GeoJsonConverterFactory.DefaultIdPropertyName, RingOrientationOption.EnforceRfc9746) } };

    private static readonly JsonSerializerOptions Indented = new(Compact) { WriteIndented = true };

    public static IReadOnlyList<Fence> Read(string json, Gazetteer? gazetteer = null) =>
        Read(json, gazetteer is null ? null : new GazetteerCountries(gazetteer));

    /// <summary>Reads fences; "country" features take their outline from <paramref name="countries"/>.</summary>
    public static IReadOnlyList<Fence> Read(string json, ICountryOutlines? countries)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FenceFormatException([new FenceProblem(FenceProblemKind.InvalidJson, "document", e.Message)]);
        }

        var features = (root is JsonObject ? Text(root["type"]) : null) switch
        {
            "FeatureCollection" => (root!["features"] as JsonArray)?.Select(f => f ?? new JsonObject()).ToList() ?? [],
            "Feature" => [root!],
            _ => [new JsonObject { ["type"] = "Feature", ["geometry"] = root?.DeepClone(), ["properties"] = new JsonObject() }],
        };

        var fences = new List<Fence>();
        var problems = new List<FenceProblem>();
        for (var i = 0; i < features.Count; i++)
        {
            var reader = new FeatureReader(features[i], i, countries);
            var fence = reader.Read();
            problems.AddRange(reader.Problems);
            if (fence is not null && reader.Problems.Count == 0)
            {
                fences.Add(fence);
            }
        }

        return problems.Count > 0 ? throw new FenceFormatException(problems) : fences;
    }

    /// <summary>Writes fences as a FeatureCollection that <see cref="Read"/> reads back to the same fences.</summary>
    public static string Write(IEnumerable<Fence> fences) => Collection(fences.Select(f => Feature(f.Id, f.Name, f, null)));

    /// <summary>
    /// Writes configured fences under the given ids. A country is written by its ISO code alone, so no outline is
    /// needed: a code the gazetteer does not know (any more) is exported as stored, and <see cref="Read"/> names that
    /// feature with <see cref="FenceProblemKind.UnknownCountry"/> when the file is imported. A region is written by
    /// its name alone (<c>properties.region</c>, no geometry); importing it is not supported.
    /// </summary>
    public static string Write(IEnumerable<(string Id, Geofence Geofence)> geofences) =>
        Collection(geofences.Select(g => g.Geofence.Kind is FenceKind.Country or FenceKind.Region
            ? Feature(g.Id, g.Geofence.Name, null, g.Geofence)
            : Feature(g.Id, g.Geofence.Name, g.Geofence.ToFence(g.Id, null)!, null)));

    private static string Collection(IEnumerable<IFeature> features)
    {
        var collection = new FeatureCollection();
        foreach (var feature in features)
        {
            collection.Add(feature);
        }

        return JsonSerializer.Serialize(collection, Indented);
    }

    /// <summary>One feature: from a fence, or from a country's or region's configuration (<paramref name="configured"/>).</summary>
    private static Feature Feature(string id, string name, Fence? fence, Geofence? configured)
    {
        var kind = fence?.Kind ?? configured!.Kind;
        var properties = new AttributesTable { { GeoJsonConverterFactory.DefaultIdPropertyName, id }, { "id", id }, { "name", name }, { "kind", kind.ToString().ToLowerInvariant() } };
        Geometry? geometry = null;
        switch (fence)
        {
            case null when configured!.Kind == FenceKind.Region:
                properties.Add("region", configured.RegionName);
                break;
            case null:
                properties.Add("country", configured!.CountryCode);
                break;
            case CircleFence circle:
                properties.Add("radiusKm", circle.RadiusKm);
                properties.Add("site", circle.Site!.Name);
                geometry = Factory.CreatePoint(new Coordinate(circle.Centre.Lon, circle.Centre.Lat));
                break;
            case CountryFence countryFence:
                properties.Add("country", countryFence.CountryCode);
                break;
            case CorridorFence corridor:
                properties.Add("corridorKm", corridor.HalfWidthKm);
                geometry = Lines(corridor.Lines);
                break;
            default:
                geometry = fence.Geometry;
                break;
        }

        if (fence is not CircleFence && (fence?.Site ?? configured?.Site) is { } site)
        {
            properties.Add("site", new AttributesTable { { "name", site.Name }, { "lat", site.Point.Lat }, { "lon", site.Point.Lon } });
        }

        return new Feature(geometry is null ? null : Rounded(geometry), properties);
    }

    /// <summary>A Polygon or MultiPolygon as a GeoJSON geometry object ([longitude, latitude], 6 decimals).</summary>
    public static JsonObject ToGeoJson(Geometry area) => area is Polygon or MultiPolygon
        ? JsonSerializer.SerializeToNode(Rounded(area), Compact)!.AsObject()
        : throw new ArgumentException("Not an area geometry.", nameof(area));

    /// <summary>Corridor lines as a LineString (one line) or MultiLineString geometry object.</summary>
    public static JsonObject ToGeoJson(IReadOnlyList<IReadOnlyList<GeoPoint>> lines) => JsonSerializer.SerializeToNode(Rounded(Lines(lines)), Compact)!.AsObject();

    private static Geometry Lines(IReadOnlyList<IReadOnlyList<GeoPoint>> lines)
    {
        var strings = lines.Select(l => Factory.CreateLineString(l.Select(p => new Coordinate(p.Lon, p.Lat)).ToArray())).ToArray();
        return strings.Length == 1 ? strings[0] : Factory.CreateMultiLineString(strings);
    }

    /// <summary>A copy with positions rounded to 6 decimals (about 0.1 m), which keeps exported files and stored entries short.</summary>
    private static Geometry Rounded(Geometry geometry)
    {
        var copy = geometry.Copy();
        copy.Apply(new RoundTo6Decimals());
        return copy;
    }

    private sealed class RoundTo6Decimals : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                seq.SetX(i, Math.Round(seq.GetX(i), 6));
                seq.SetY(i, Math.Round(seq.GetY(i), 6));
            }
        }
    }

    /// <summary>The string value of a node, or null when absent or not a string (hostile input must not throw here).</summary>
    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    private static JsonArray Array(JsonNode? node, string what) => node as JsonArray ?? throw new FormatException($"{what} is not an array");

    private sealed class FeatureReader(JsonNode feature, int index, ICountryOutlines? countries)
    {
        private readonly JsonObject? _properties = (feature as JsonObject)?["properties"] as JsonObject;

        public List<FenceProblem> Problems { get; } = [];

        private string Id => Text(_properties?["id"]) ?? ((feature as JsonObject)?["id"] is JsonValue id ? id.ToString() : null) ?? "fence-" + (index + 1).ToString(CultureInfo.InvariantCulture);

        private string Name => Text(_properties?["name"]) ?? Id;

        private string Label => $"feature {index + 1} ({Name})";

        public Fence? Read()
        {
            try
            {
                var fence = ReadFence();
                if (fence is null && Problems.Count == 0)
                {
                    // Every path that yields no fence should have said why; this keeps a silent skip impossible.
                    Problem(FenceProblemKind.MissingCoordinates, "no usable geometry");
                }

                return fence;
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
            {
                Problem(FenceProblemKind.InvalidJson, e.Message);
                return null;
            }
        }

        private Fence? ReadFence()
        {
            if (Text(_properties?["country"]) is { } country)
            {
                if (countries?.Find(country) is not { } found)
                {
                    Problem(FenceProblemKind.UnknownCountry, $"no outline for country code \"{country}\" (ISO 3166-1 alpha-2 or alpha-3)");
                    return null;
                }

                return new CountryFence(Id, Name, found.Code, found.Outline, ReadSite());
            }

            var geometry = (feature as JsonObject)?["geometry"] as JsonObject;
            var coordinates = geometry?["coordinates"];
            var type = Text(geometry?["type"]);
            // As in the configuration, an unknown member of a geometry is an error ("crs" is gone since RFC 7946 §4,
            // and a misspelt "coordinates" must not pass as a shape without coordinates).
            if (geometry?.Select(m => m.Key).FirstOrDefault(k => k is not ("type" or "coordinates" or "bbox")) is { } unknown)
            {
                Problem(FenceProblemKind.UnsupportedGeometry, $"\"{unknown}\" is not a member of a GeoJSON geometry (type, coordinates, bbox)");
                return null;
            }

            if (coordinates is null)
            {
                Problem(FenceProblemKind.MissingCoordinates, "no geometry coordinates (and no \"country\" property)");
                return null;
            }

            switch (type)
            {
                case "Point":
                    var centre = ReadPosition(coordinates, "the point");
                    var radius = Number(_properties?["radiusKm"]);
                    if (radius is null)
                    {
                        Problem(FenceProblemKind.MissingRadius, "a Point fence needs \"radiusKm\"");
                    }
                    else if (radius is <= 0 or > 20_000)
                    {
                        Problem(FenceProblemKind.RadiusOutOfRange, $"radiusKm {radius} is not in (0, 20000]");
                    }

                    // A circle's site is its centre: a "site" given as a point is still checked like any other.
                    var siteName = _properties?["site"] is JsonObject ? ReadSite()?.Name : Text(_properties?["site"]);
                    return Problems.Count > 0 || centre is null ? null : new CircleFence(Id, Name, centre.Value, radius!.Value, siteName);
                case "Polygon":
                    var polygon = ReadPolygon(Array(coordinates, "coordinates"), "polygon");
                    return Problems.Count > 0 || polygon is null ? null : Valid(polygon) ? new AreaFence(Id, Name, polygon, ReadSite()) : null;
                case "MultiPolygon":
                    var parts = Array(coordinates, "coordinates").Select((p, k) => ReadPolygon(Array(p, $"polygon {k + 1}"), $"polygon {k + 1}")).ToList();
                    if (parts.Count == 0)
                    {
                        Problem(FenceProblemKind.TooFewPoints, "the multipolygon has no polygons");
                        return null;
                    }

                    if (Problems.Count > 0 || parts.Any(p => p is null))
                    {
                        return null;
                    }

                    var multi = Factory.CreateMultiPolygon(parts.ToArray()!);
                    return Valid(multi) ? new AreaFence(Id, Name, multi, ReadSite()) : null;
                case "LineString" or "MultiLineString":
                    var lines = type == "LineString"
                        ? [ReadLine(Array(coordinates, "coordinates"), "line")]
                        : Array(coordinates, "coordinates").Select((l, k) => ReadLine(Array(l, $"line {k + 1}"), $"line {k + 1}")).ToList();
                    var width = Number(_properties?["corridorKm"]);
                    if (width is null)
                    {
                        Problem(FenceProblemKind.MissingRadius, "a corridor needs \"corridorKm\" (half-width in km)");
                    }
                    else if (width is <= 0 or > 1_000)
                    {
                        Problem(FenceProblemKind.RadiusOutOfRange, $"corridorKm {width} is not in (0, 1000]");
                    }

                    return Problems.Count > 0 ? null : new CorridorFence(Id, Name, lines!, width!.Value, ReadSite());
                default:
                    Problem(FenceProblemKind.UnsupportedGeometry, $"geometry type \"{type}\" (use Point with radiusKm, Polygon, MultiPolygon, LineString with corridorKm, or a \"country\" property)");
                    return null;
            }
        }

        private FenceSite? ReadSite()
        {
            var site = _properties?["site"];
            if (site is not JsonObject)
            {
                return null;
            }

            var lat = Number(site["lat"]);
            var lon = Number(site["lon"]);
            if (lat is null || lon is null)
            {
                Problem(FenceProblemKind.MissingCoordinates, "\"site\" needs \"lat\" and \"lon\"");
                return null;
            }

            var point = CheckPosition(lon.Value, lat.Value, "the site");
            return point is null ? null : new FenceSite(Text(site["name"]) ?? Name, point.Value);
        }

        private Polygon? ReadPolygon(JsonArray rings, string where)
        {
            if (rings.Count == 0)
            {
                Problem(FenceProblemKind.TooFewPoints, $"{where} has no rings; it needs an outer ring of at least 4 positions (RFC 7946 §3.1.6)");
                return null;
            }

            var linear = new List<LinearRing>();
            for (var r = 0; r < rings.Count; r++)
            {
                var ringName = $"{where}, {(r == 0 ? "outer ring" : "hole " + r.ToString(CultureInfo.InvariantCulture))}";
                var points = ReadLine(Array(rings[r], ringName), ringName);
                if (points is null)
                {
                    continue;
                }

                if (points.Count < 4)
                {
                    Problem(FenceProblemKind.TooFewPoints, $"{ringName} has {points.Count} positions; a closed ring needs at least 4 (RFC 7946 §3.1.6)");
                    continue;
                }

                if (points[0] != points[^1])
                {
                    Problem(FenceProblemKind.UnclosedRing, $"{ringName} is not closed: it starts at {Format(points[0])} and ends at {Format(points[^1])}; repeat the first position at the end (RFC 7946 §3.1.6)");
                    continue;
                }

                linear.Add(Factory.CreateLinearRing(points.Select(p => new Coordinate(p.Lon, p.Lat)).ToArray()));
            }

            return linear.Count == rings.Count && linear.Count > 0 ? Factory.CreatePolygon(linear[0], linear.Skip(1).ToArray()) : null;
        }

        private List<GeoPoint>? ReadLine(JsonArray positions, string where)
        {
            var points = new List<GeoPoint>(positions.Count);
            var ok = true;
            for (var k = 0; k < positions.Count; k++)
            {
                var point = ReadPosition(positions[k], $"{where}, position {k + 1}");
                ok &= point is not null;
                if (point is { } p)
                {
                    points.Add(p);
                }
            }

            if (ok && points.Count < 2)
            {
                Problem(FenceProblemKind.TooFewPoints, $"{where} has {points.Count} positions");
                return null;
            }

            return ok ? points : null;
        }

        private GeoPoint? ReadPosition(JsonNode? position, string where)
        {
            if (position is not JsonArray { Count: >= 2 } array || Number(array[0]) is not { } lon || Number(array[1]) is not { } lat)
            {
                Problem(FenceProblemKind.MissingCoordinates, $"{where} is not a [longitude, latitude] position");
                return null;
            }

            return CheckPosition(lon, lat, where);
        }

        private GeoPoint? CheckPosition(double lon, double lat, string where)
        {
            var text = $"[{lon.ToString(CultureInfo.InvariantCulture)}, {lat.ToString(CultureInfo.InvariantCulture)}]";
            if (Math.Abs(lat) > 90 && Math.Abs(lon) <= 90 && Math.Abs(lat) <= 180)
            {
                Problem(FenceProblemKind.LikelySwappedLatLon, $"{where} {text} has latitude {lat.ToString(CultureInfo.InvariantCulture)}; it looks like [latitude, longitude], but GeoJSON positions are [longitude, latitude] (RFC 7946 §3.1.1)");
                return null;
            }

            if (Math.Abs(lat) > 90 || double.IsNaN(lat))
            {
                Problem(FenceProblemKind.LatitudeOutOfRange, $"{where} {text} has latitude {lat.ToString(CultureInfo.InvariantCulture)}, outside -90..90");
                return null;
            }

            if (Math.Abs(lon) > 180 || double.IsNaN(lon))
            {
                Problem(FenceProblemKind.LongitudeOutOfRange, $"{where} {text} has longitude {lon.ToString(CultureInfo.InvariantCulture)}, outside -180..180");
                return null;
            }

            return new GeoPoint(lat, lon);
        }

        private bool Valid(Geometry area)
        {
            var error = new IsValidOp(area).ValidationError;
            if (error is null)
            {
                return true;
            }

            var kind = error.ErrorType is TopologyValidationErrors.SelfIntersection or TopologyValidationErrors.RingSelfIntersection
                ? FenceProblemKind.SelfIntersection
                : FenceProblemKind.UnsupportedGeometry;
            var at = error.Coordinate is { } c ? $" near [{c.X.ToString(CultureInfo.InvariantCulture)}, {c.Y.ToString(CultureInfo.InvariantCulture)}]" : "";
            Problem(kind, $"{error.Message}{at}: the outline crosses itself; redraw it so edges only meet at corners");
            return false;
        }

        private static string Format(GeoPoint p) => $"[{p.Lon.ToString(CultureInfo.InvariantCulture)}, {p.Lat.ToString(CultureInfo.InvariantCulture)}]";

        private void Problem(FenceProblemKind kind, string message) => Problems.Add(new FenceProblem(kind, Label, message) { FeatureIndex = index });
    }
}
