using System.Globalization;
using System.Text.Json;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;

namespace NgoMonitor.Host.Cli;

/// <summary>
/// Reads items.jsonl for `scan`: one JSON object per line, <c>{"id","title","text","link","published","lat","lon"}</c>
/// with the last four optional. A bad line is reported with its number and skipped.
/// </summary>
public static class ItemsJsonl
{
    public static async Task<IReadOnlyList<FeedItem>> ReadAsync(string path, TextWriter error)
    {
        var items = new List<FeedItem>();
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                items.Add(Parse(line));
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{path}:{number}: skipped: {ex.Message}"));
            }
        }

        return items;
    }

    public static FeedItem Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("not a JSON object");
        }

        string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;
        double? Number(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

        var id = Text("id") ?? throw new FormatException("\"id\" is missing");
        var point = Number("lat") is { } lat && Number("lon") is { } lon ? new GeoPoint(lat, lon) : (GeoPoint?)null;
        if (point is { IsValid: false })
        {
            throw new FormatException("lat/lon out of range");
        }

        return new FeedItem(id, "scan", Text("title") ?? "", Text("text") ?? "", Text("link"), FeedDates.TryParse(Text("published")), point);
    }
}
