using System.Text.Json;
using NgoMonitor.Core.Geo;

namespace NgoMonitor.Adapters.Geo;

/// <summary>
/// A small gazetteer shipped inside the assembly (builtin-places.json: towns in the contexts Monitor's sample
/// watchlists cover, with English, French and Arabic names; coordinates from GeoNames, CC BY 4.0). It stands in
/// until the full GeoNames-based geoparser replaces it.
/// </summary>
public static class BuiltInGazetteer
{
    public static IReadOnlyList<Place> Load()
    {
        using var stream = typeof(BuiltInGazetteer).Assembly.GetManifestResourceStream("NgoMonitor.Adapters.Geo.builtin-places.json")
            ?? throw new InvalidOperationException("builtin-places.json is not embedded in the assembly");
        var rows = JsonSerializer.Deserialize<List<Row>>(stream, JsonSerializerOptions.Web) ?? [];
        return [.. rows.Select(r => new Place(r.Name, new GeoPoint(r.Lat, r.Lon), r.Country, r.Population, r.AlternateNames ?? []))];
    }

    private sealed record Row(string Name, double Lat, double Lon, string Country, long Population, List<string>? AlternateNames);
}
