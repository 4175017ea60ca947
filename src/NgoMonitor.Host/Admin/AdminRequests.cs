using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using NgoMonitor.Adapters.Admin;

namespace NgoMonitor.Host.Admin;

/// <summary>
/// Reading request bodies and answering errors as RFC 7807 problem details. Bodies are read whole up to
/// <see cref="AdminApiOptions.MaxBodyBytes"/> and parsed with the configuration file's own JSON options
/// (<see cref="ConfigDocument.JsonOptions"/>: unknown properties are errors), so file, table and API share one schema.
/// </summary>
public static class AdminRequests
{
    /// <summary>Longest name, category or geofence name (characters).</summary>
    public const int MaxNameLength = 200;

    /// <summary>Longest other string value (URLs, phrases, addresses).</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Longest rule-language query: the shipped packs' rules reach about 4,200 characters, and GET returns
    /// them inside a watchlist, so PUT must take them back.</summary>
    public const int MaxQueryLength = 20_000;

    /// <summary>
    /// Longest entry once stored, in JSON characters: what a table row holds (<see cref="Adapters.Storage.EntryJson.MaxLength"/>,
    /// pieces of 32K characters, 64 KiB, within the 1 MiB entity limit) less room for the row's other properties.
    /// </summary>
    public const int MaxEntryJsonLength = 450_000;

    public static ProblemHttpResult Problem(int status, string title, string? detail = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title);

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is not valid");

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is not valid");

    /// <summary>Reads the body as UTF-8 text of one of <paramref name="mediaTypes"/> (a "+json" suffix counts as JSON).</summary>
    public static async Task<(string? Text, IResult? Error)> ReadTextAsync(HttpRequest request, int maxBytes, string[] mediaTypes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !mediaTypes.Any(m => contentType.MediaType.Equals(m, StringComparison.OrdinalIgnoreCase)
                || (m == "application/json" && contentType.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true)))
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send Content-Type: {string.Join(" or ", mediaTypes)}."));
        }

        if (contentType.Charset.HasValue && !contentType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported charset", "Send UTF-8."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"At most {maxBytes} bytes."));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return (null, Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"At most {maxBytes} bytes."));
            }
        }

        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Invalid("body", "is not valid UTF-8"));
        }
    }

    /// <summary>Reads a JSON body into <typeparamref name="T"/>; syntax, type and unknown-field errors name the field.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        var (text, error) = await ReadTextAsync(request, maxBytes, ["application/json"], cancellationToken);
        if (error is not null)
        {
            return (null, error);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text!, ConfigDocument.JsonOptions) is { } value
                ? (value, null)
                : (null, Invalid("body", "must be a JSON object"));
        }
        catch (JsonException ex)
        {
            return (null, Invalid(FieldOf(ex.Path), FirstSentence(ex.Message)));
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return (null, Invalid("body", "cannot be read as this resource"));
        }
    }

    /// <summary>"$.rules[0].any" → "rules[0].any"; the root → "body".</summary>
    public static string FieldOf(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "body" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return text.Length > 300 ? text[..300] : text;
    }

    /// <summary>
    /// The API's own limits on top of <see cref="ConfigMapper"/>'s rules, on every string of an entry: length caps
    /// (names 200, rule queries 20,000, other text 2,000), no null list entries, no control characters, and no angle brackets: names are plain text, so
    /// markup in one is a mistake or an attack either way, and refusing it beats trusting every page to escape it.
    /// </summary>
    public static Dictionary<string, string[]> CheckStrings<T>(T entry)
    {
        var errors = new Dictionary<string, string[]>();
        JsonNode? node;
        try
        {
            node = JsonSerializer.SerializeToNode(entry, ConfigDocument.JsonOptions);
        }
        catch (ArgumentException)
        {
            // JSON has no NaN or Infinity: a number read from "NaN" or 1e400 cannot be stored.
            errors["body"] = ["contains a number that is not finite (NaN, Infinity or out of range)"];
            return errors;
        }

        if (node is not null && node.ToJsonString().Length > MaxEntryJsonLength)
        {
            errors["body"] = [$"is larger than {MaxEntryJsonLength} characters once stored"];
        }

        Walk(node, "", errors);
        return errors;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, string[]> errors)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    Walk(child, path.Length == 0 ? name : path + "." + name, errors);
                }

                break;
            case JsonArray a when path.EndsWith(".coordinates", StringComparison.Ordinal) || path.Contains(".coordinates[", StringComparison.Ordinal):
                // GeoJSON positions: counted per fence by GeofenceMapper.MaxPositions, not by the 500-entry cap.
                break;
            case JsonArray a:
                if (a.Count > 500)
                {
                    errors.TryAdd(path, ["has more than 500 entries"]);
                }

                for (var i = 0; i < a.Count && i < 501; i++)
                {
                    if (a[i] is null)
                    {
                        errors.TryAdd($"{path}[{i}]", ["must not be null"]);
                    }

                    Walk(a[i], $"{path}[{i}]", errors);
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var text = v.GetValue<string>();
                var leaf = path[(path.LastIndexOf('.') + 1)..];
                var max = leaf is "name" or "category" or "id" ? MaxNameLength : leaf == "query" ? MaxQueryLength : MaxTextLength;
                if (text.Length > max)
                {
                    errors.TryAdd(path, [$"is longer than {max} characters"]);
                }
                else if (text.Any(char.IsControl))
                {
                    errors.TryAdd(path, ["contains control characters"]);
                }
                else if (text.Any(IsHiddenFormatting))
                {
                    errors.TryAdd(path, ["contains invisible or bidirectional formatting characters (e.g. U+202E)"]);
                }
                else if (text.AsSpan().IndexOfAny('<', '>') >= 0)
                {
                    errors.TryAdd(path, ["must not contain '<' or '>'"]);
                }

                break;
        }
    }

    /// <summary>
    /// Characters that change how text around them is displayed without being seen: bidirectional embeddings,
    /// overrides, isolates and marks (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069), zero-width space and
    /// invisible operators (U+200B, U+2060-U+2064), the byte order mark (U+FEFF). A name "Reuters\u202Ecod.exe" would
    /// read differently in the console than it is. Zero-width (non-)joiners (U+200C, U+200D) are allowed: Persian,
    /// Urdu and emoji need them.
    /// </summary>
    public static bool IsHiddenFormatting(char c) =>
        c is '\u061C' or '\u200B' or '\u200E' or '\u200F' or '\uFEFF' or (>= '\u202A' and <= '\u202E') or (>= '\u2060' and <= '\u2069');

    /// <summary>
    /// Runs one entry through <see cref="ConfigMapper.ToConfig"/> (the file loader's validation) and turns its
    /// error lines ("watchlists[0]: rules[1]: has an empty phrase; entry left out") into field → messages.
    /// </summary>
    public static Dictionary<string, string[]> Validate(ConfigDocument single, Core.Geo.ICountryOutlines? countries = null)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var line in ConfigMapper.ToConfig(single, countries).Errors)
        {
            var rest = line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..];
            var colon = rest.IndexOf(": ", StringComparison.Ordinal);
            var field = colon > 0 ? rest[..colon] : "body";
            var message = colon > 0 ? rest[(colon + 2)..] : rest;
            message = message.EndsWith("; entry left out", StringComparison.Ordinal) ? message[..^"; entry left out".Length] : message;
            errors[field] = [.. errors.GetValueOrDefault(field, []), message];
        }

        return errors;
    }
}
