using System.Text.Json;

namespace NgoMonitor.GazetteerBuilder;

/// <summary>A country shape from world-atlas: polygons, each a list of rings (outer first), each ring closed, in lon/lat.</summary>
internal sealed record CountryShape(string Id, string Name, List<List<List<(double X, double Y)>>> Polygons);

/// <summary>
/// Decodes the "countries" object of a world-atlas TopoJSON file (TopoJSON specification 1.0, sections 2.1.2–2.2):
/// arcs are quantised and delta-encoded positions, turned back into coordinates with the transform's scale and
/// translate; a ring lists arc indexes, where a negative index ~i means arc i reversed, and consecutive arcs share
/// their joining point, which is kept once.
/// </summary>
internal static class TopoJson
{
    public static List<CountryShape> ReadCountries(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        var transform = root.GetProperty("transform");
        var scale = transform.GetProperty("scale").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var translate = transform.GetProperty("translate").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var arcs = new List<List<(double X, double Y)>>();
        foreach (var arc in root.GetProperty("arcs").EnumerateArray())
        {
            var points = new List<(double, double)>();
            long x = 0, y = 0;
            foreach (var position in arc.EnumerateArray())
            {
                x += position[0].GetInt64();
                y += position[1].GetInt64();
                points.Add((x * scale[0] + translate[0], y * scale[1] + translate[1]));
            }

            arcs.Add(points);
        }

        var shapes = new List<CountryShape>();
        foreach (var g in root.GetProperty("objects").GetProperty("countries").GetProperty("geometries").EnumerateArray())
        {
            var id = g.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : "";
            var name = g.GetProperty("properties").GetProperty("name").GetString() ?? "";
            var polygons = new List<List<List<(double X, double Y)>>>();
            switch (g.GetProperty("type").GetString())
            {
                case "Polygon":
                    polygons.Add(ReadPolygon(g.GetProperty("arcs"), arcs));
                    break;
                case "MultiPolygon":
                    polygons.AddRange(g.GetProperty("arcs").EnumerateArray().Select(p => ReadPolygon(p, arcs)));
                    break;
                default:
                    break;
            }

            shapes.Add(new CountryShape(id, name, polygons));
        }

        return shapes;
    }

    private static List<List<(double X, double Y)>> ReadPolygon(JsonElement rings, List<List<(double X, double Y)>> arcs)
    {
        var polygon = new List<List<(double X, double Y)>>();
        foreach (var ring in rings.EnumerateArray())
        {
            var points = new List<(double X, double Y)>();
            foreach (var index in ring.EnumerateArray().Select(e => e.GetInt32()))
            {
                var arc = index >= 0 ? arcs[index] : Enumerable.Reverse(arcs[~index]).ToList();
                points.AddRange(points.Count == 0 ? arc : arc.Skip(1));
            }

            if (points.Count >= 4)
            {
                polygon.Add(points);
            }
        }

        return polygon;
    }
}
