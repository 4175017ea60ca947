using System.Globalization;
using System.Text.Json.Nodes;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Geo.Fences;

namespace NgoMonitor.Adapters.Admin;

/// <summary>
/// Validates geofence entries of every kind (<see cref="GeofenceEntry"/>) and maps them to the core's
/// <see cref="Geofence"/> and back. Errors name the fence's field: "geofences[0].geometry: polygon, outer ring is not
/// closed: …". Polygons and corridors are read by <see cref="FenceGeoJson"/>, so the file, the table, the admin API and
/// GeoJSON imports reject the same shapes with the same words (unclosed ring, latitude out of range, likely swapped
/// [lat, lon], self-intersection).
/// </summary>
public static class GeofenceMapper
{
    /// <summary>
    /// Most positions in one polygon or corridor. A fence is stored inside its watchlist's Table Storage row, which
    /// holds at most 1 MiB (64 KiB per string property); 10,000 positions is about 250,000 characters of GeoJSON.
    /// Larger outlines should be simplified, or be a country fence (stored as its ISO code).
    /// </summary>
    public const int MaxPositions = 10_000;

    public static Geofence ToGeofence(GeofenceEntry g, int index, string watchlistId, ICountryOutlines? countries = null)
    {
        var at = string.Create(CultureInfo.InvariantCulture, $"geofences[{index}]");
        var name = string.IsNullOrWhiteSpace(g.Name) ? watchlistId : g.Name;
        var geometryType = g.Geometry?["type"] is JsonValue t && t.TryGetValue<string>(out var type) ? type : null;
        var kind = g.Kind ?? (g.Country is not null ? "country" : g.Geometry is null ? "circle" : geometryType is "LineString" or "MultiLineString" ? "corridor" : "polygon");
        switch (kind)
        {
            case "circle":
                Unused(at, "circle", ("geometry", g.Geometry), ("country", g.Country), ("bufferKm", g.BufferKm), ("site", g.Site));
                if (g.Lat is not { } lat || g.Lon is not { } lon || g.RadiusKm is not { } radius)
                {
                    throw new ConfigException(at, $"'{g.Name}': a circle needs lat, lon and radiusKm (or give \"kind\": polygon, country or corridor)");
                }

                var centre = new GeoPoint(lat, lon);
                if (!centre.IsValid)
                {
                    throw new ConfigException(at, $"'{g.Name}': latitude must be within ±90 and longitude within ±180");
                }

                if (radius is <= 0 or > 2000 || double.IsNaN(radius))
                {
                    throw new ConfigException(at + ".radiusKm", $"'{g.Name}': radiusKm must be above 0 and at most 2000");
                }

                return Geofence.Circle(name, centre, radius);
            case "polygon" or "multipolygon":
                Unused(at, "polygon", ("lat", g.Lat), ("lon", g.Lon), ("radiusKm", g.RadiusKm), ("country", g.Country), ("bufferKm", g.BufferKm));
                if (geometryType is not ("Polygon" or "MultiPolygon"))
                {
                    throw new ConfigException(at + ".geometry", "a polygon fence needs a GeoJSON geometry of type Polygon or MultiPolygon");
                }

                var area = (AreaFence)ReadGeometry(g, at, name, new JsonObject());
                return Geofence.Polygon(name, area.Geometry, Site(g, at));
            case "corridor":
                Unused(at, "corridor", ("lat", g.Lat), ("lon", g.Lon), ("radiusKm", g.RadiusKm), ("country", g.Country));
                if (geometryType is not ("LineString" or "MultiLineString"))
                {
                    throw new ConfigException(at + ".geometry", "a corridor needs a GeoJSON geometry of type LineString or MultiLineString");
                }

                if (g.BufferKm is not ({ } buffer and > 0 and <= 1000))
                {
                    throw new ConfigException(at + ".bufferKm", "a corridor needs bufferKm, the distance either side of the line, above 0 and at most 1000 km");
                }

                var corridor = (CorridorFence)ReadGeometry(g, at, name, new JsonObject { ["corridorKm"] = buffer });
                return Geofence.Corridor(name, corridor.Lines, buffer, Site(g, at));
            case "country":
                Unused(at, "country", ("lat", g.Lat), ("lon", g.Lon), ("radiusKm", g.RadiusKm), ("geometry", g.Geometry), ("bufferKm", g.BufferKm));
                if (g.Country is not { Length: 2 or 3 } code || !code.All(char.IsAsciiLetter))
                {
                    throw new ConfigException(at + ".country", $"'{g.Country}' is not an ISO 3166-1 alpha-2 or alpha-3 code (\"SY\", \"SYR\")");
                }

                if (countries is not null && countries.Find(code) is null)
                {
                    throw new ConfigException(at + ".country", $"'{code}' is not a country with a Natural Earth outline");
                }

                return Geofence.Country(name, code, Site(g, at));
            case "region":
                Unused(at, "region", ("lat", g.Lat), ("lon", g.Lon), ("radiusKm", g.RadiusKm), ("geometry", g.Geometry), ("country", g.Country), ("bufferKm", g.BufferKm));
                if (string.IsNullOrWhiteSpace(g.Region))
                {
                    throw new ConfigException(at + ".region", "a region fence needs region, a continent or macro-region name (\"Sahel\")");
                }

                if (countries is not null && countries.FindRegion(g.Region) is null)
                {
                    throw new ConfigException(at + ".region", $"'{g.Region}' is not a continent or macro-region of the gazetteer");
                }

                return Geofence.Region(name, g.Region.Trim(), Site(g, at));
            default:
                throw new ConfigException(at + ".kind", $"'{g.Kind}' is not one of circle, polygon, country, region, corridor");
        }
    }

    public static GeofenceEntry ToEntry(Geofence g) => g.Kind switch
    {
        // Circles keep the original shape (no "kind"), so files written by older versions and by this one look alike.
        FenceKind.Circle => new GeofenceEntry { Name = g.Name, Lat = g.Centre.Lat, Lon = g.Centre.Lon, RadiusKm = g.RadiusKm },
        FenceKind.Polygon or FenceKind.MultiPolygon => new GeofenceEntry { Kind = "polygon", Name = g.Name, Geometry = FenceGeoJson.ToGeoJson(g.Area!), Site = ToSite(g.Site) },
        FenceKind.Country => new GeofenceEntry { Kind = "country", Name = g.Name, Country = g.CountryCode, Site = ToSite(g.Site) },
        FenceKind.Region => new GeofenceEntry { Kind = "region", Name = g.Name, Region = g.RegionName, Site = ToSite(g.Site) },
        _ => new GeofenceEntry { Kind = "corridor", Name = g.Name, Geometry = FenceGeoJson.ToGeoJson(g.Lines!), BufferKm = g.BufferKm, Site = ToSite(g.Site) },
    };

    private static SiteEntry? ToSite(FenceSite? site) => site is null ? null : new SiteEntry { Name = site.Name, Lat = site.Point.Lat, Lon = site.Point.Lon };

    private static void Unused(string at, string kind, params (string Field, object? Value)[] fields)
    {
        foreach (var (field, value) in fields)
        {
            if (value is not null)
            {
                throw new ConfigException($"{at}.{field}", $"is not used by a {kind} fence; remove it or set \"kind\"");
            }
        }
    }

    private static FenceSite? Site(GeofenceEntry g, string at)
    {
        if (g.Site is not { } site)
        {
            return null;
        }

        var point = new GeoPoint(site.Lat, site.Lon);
        return point.IsValid
            ? new FenceSite(string.IsNullOrWhiteSpace(site.Name) ? g.Name : site.Name, point)
            : throw new ConfigException(at + ".site", $"'{site.Name}': latitude must be within ±90 and longitude within ±180");
    }

    /// <summary>Reads the geometry as one GeoJSON Feature through <see cref="FenceGeoJson"/>, with its problems as the error.</summary>
    private static Fence ReadGeometry(GeofenceEntry g, string at, string name, JsonObject properties)
    {
        // As everywhere in the configuration, an unknown member is an error (a misspelt "coordinates" must not pass).
        if (g.Geometry!.Select(m => m.Key).FirstOrDefault(k => k is not ("type" or "coordinates" or "bbox")) is { } unknown)
        {
            throw new ConfigException($"{at}.geometry.{unknown}", "is not a member of a GeoJSON geometry (type, coordinates, bbox)");
        }

        var positions = CountPositions(g.Geometry);
        if (positions > MaxPositions)
        {
            throw new ConfigException(at + ".geometry", string.Create(CultureInfo.InvariantCulture,
                $"has {positions:N0} positions; at most {MaxPositions:N0} fit in a stored watchlist: simplify the outline, split it over several fences, or use a country fence"));
        }

        properties["name"] = name;
        var feature = new JsonObject { ["type"] = "Feature", ["geometry"] = g.Geometry!.DeepClone(), ["properties"] = properties };
        try
        {
            return FenceGeoJson.Read(feature.ToJsonString(), countries: null).Single();
        }
        catch (FenceFormatException ex)
        {
            var geometryKind = g.Geometry["type"]?.ToString().ToLowerInvariant();
            throw new ConfigException(at + ".geometry", string.Join("; ", ex.Problems.Select(p => p.Message.StartsWith(geometryKind ?? "\u0000", StringComparison.Ordinal) ? p.Message : geometryKind + ": " + p.Message)));
        }
    }

    /// <summary>Positions in a GeoJSON geometry: arrays whose first element is a number.</summary>
    public static int CountPositions(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            return CountPositions(o["coordinates"]);
        }

        if (node is not JsonArray a)
        {
            return 0;
        }

        if (a.Count > 0 && a[0] is JsonValue)
        {
            return 1;
        }

        var count = 0;
        foreach (var child in a)
        {
            count += CountPositions(child);
            if (count > MaxPositions * 10)
            {
                break; // enough to refuse; do not walk a hostile document to the end
            }
        }

        return count;
    }
}
