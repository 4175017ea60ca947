using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NgoMonitor.Core.Geo.Evaluation;

/// <summary>
/// Body of the `geoparse --input docs.jsonl` verb: reads lines <c>{"id","text"}</c> and writes one line
/// <c>{"id","toponyms":[{"start","end","name","lat","lon","geonameid","country","confidence"}]}</c> per input line,
/// with start/end as Unicode code-point offsets into text (end exclusive); demonyms are left out (<see cref="Toponyms"/>). Blank lines are skipped; a line that is
/// not such an object gets <c>{"id":null,"error":"..."}</c> so that output lines stay aligned with input lines.
/// </summary>
public static class GeoparseCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static int Run(TextReader input, TextWriter output, Geoparser parser)
    {
        var count = 0;
        while (input.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            Document? doc;
            try
            {
                doc = JsonSerializer.Deserialize<Document>(line, Json);
            }
            catch (JsonException e)
            {
                output.WriteLine(JsonSerializer.Serialize(new Output(null, [], "invalid JSON: " + e.Message), Json));
                continue;
            }

            if (doc?.Text is null)
            {
                output.WriteLine(JsonSerializer.Serialize(new Output(doc?.Id, [], "missing \"text\""), Json));
                continue;
            }

            var toponyms = Toponyms(parser.FindPlaces(doc.Text, new GeoContext(doc.Country)))
                .Select(m => new OutputToponym(
                    m.CodePointStart, m.CodePointEnd, m.Surface, Math.Round(m.Place.Point.Lat, 5), Math.Round(m.Place.Point.Lon, 5),
                    m.Place.GeonameId == 0 ? null : m.Place.GeonameId, m.Place.CountryCode, m.Confidence))
                .ToList();
            output.WriteLine(JsonSerializer.Serialize(new Output(doc.Id, toponyms, null), Json));
            count++;
        }

        return count;
    }

    /// <summary>
    /// The mentions that are toponyms: place names, not demonyms. "Turkish forces", "Canadian officials" and "the
    /// Philippine Department of Agriculture" say who is involved; the matcher keeps them (<see cref="PlaceMention.IsDemonym"/>)
    /// but they are not names of places, and international-news gold (GeoVirus, WikToR) marks none of them.
    /// </summary>
    public static IEnumerable<PlaceMention> Toponyms(IEnumerable<PlaceMention> mentions) => mentions.Where(m => !m.IsDemonym);

    private sealed record Document(
        [property: JsonPropertyName("id")] JsonElement? IdElement,
        [property: JsonPropertyName("text")] string? Text,
        [property: JsonPropertyName("country")] string? Country)
    {
        public string? Id => IdElement is { ValueKind: JsonValueKind.String } e ? e.GetString() : IdElement?.ToString();
    }

    private sealed record Output(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("toponyms")] IReadOnlyList<OutputToponym> Toponyms,
        [property: JsonPropertyName("error")] string? Error);

    private sealed record OutputToponym(
        [property: JsonPropertyName("start")] int Start,
        [property: JsonPropertyName("end")] int End,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("lat")] double Lat,
        [property: JsonPropertyName("lon")] double Lon,
        [property: JsonPropertyName("geonameid")] int? GeonameId,
        [property: JsonPropertyName("country")] string Country,
        [property: JsonPropertyName("confidence")] double Confidence);
}
