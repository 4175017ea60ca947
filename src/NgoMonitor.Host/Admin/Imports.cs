using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Azure;
using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Storage;

namespace NgoMonitor.Host.Admin;

public sealed record ImportSkip(string Id, string Reason);

public sealed record ImportResult(IReadOnlyList<string> Added, IReadOnlyList<ImportSkip> Skipped);

/// <summary>
/// Bulk imports. Both validate everything first and store nothing when any entry is invalid, so a half-imported
/// file never has to be cleaned up by hand.
/// - OPML 2.0 (opml.org/spec2.opml): every &lt;outline&gt; with an xmlUrl becomes a feed; ids are slugs of the title.
///   Feeds whose id or URL exists already are skipped and reported. DTDs are refused (no entity expansion).
/// - GeoJSON (RFC 7946) for a watchlist's geofences: Point features with properties.radiusKm (and name) become circles,
///   coordinates in [longitude, latitude] order (§3.1.1). Polygons are refused until the core matches them.
/// </summary>
public sealed class Imports(TableConfigEntries store, ConfigEntries entries, AuditLog audit, IOptions<AdminApiOptions> options)
{
    public async Task<IResult> OpmlAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (text, error) = await AdminRequests.ReadTextAsync(context.Request, options.Value.MaxBodyBytes, ["text/x-opml", "application/xml", "text/xml"], cancellationToken);
        if (error is not null)
        {
            return error;
        }

        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text!), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = options.Value.MaxBodyBytes });
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            return AdminRequests.Invalid("body", $"is not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition})");
        }

        if (document.Root?.Name.LocalName != "opml")
        {
            return AdminRequests.Invalid("body", "is not OPML: the root element must be <opml>");
        }

        var existing = await store.ListAsync<FeedEntry>(ConfigKind.Feeds, cancellationToken);
        var ids = existing.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var urls = existing.Select(f => f.Value.Url).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var outlines = document.Descendants().Where(e => e.Name.LocalName == "outline" && e.Attribute("xmlUrl") is not null).ToList();
        if (outlines.Count == 0)
        {
            return AdminRequests.Invalid("body", "has no <outline> with an xmlUrl");
        }

        var errors = new Dictionary<string, string[]>();
        var toAdd = new List<FeedEntry>();
        var skipped = new List<ImportSkip>();
        for (var i = 0; i < outlines.Count; i++)
        {
            var o = outlines[i];
            var url = o.Attribute("xmlUrl")!.Value.Trim();
            var title = (o.Attribute("title") ?? o.Attribute("text"))?.Value.Trim();
            var feed = new FeedEntry { Id = UniqueSlug(title, url, ids), Name = string.IsNullOrEmpty(title) ? null : title, Url = url, Language = o.Attribute("language")?.Value };
            var feedErrors = await entries.ValidateAsync(EntryKinds.Feeds, feed, cancellationToken);
            foreach (var (field, messages) in feedErrors)
            {
                errors[string.Create(CultureInfo.InvariantCulture, $"outline[{i}].{field}")] = messages;
            }

            if (urls.Contains(url))
            {
                skipped.Add(new ImportSkip(feed.Id, "a feed with this URL exists"));
            }
            else if (feedErrors.Count == 0)
            {
                urls.Add(url);
                toAdd.Add(feed);
            }
        }

        if (errors.Count > 0)
        {
            return AdminRequests.Invalid(errors);
        }

        var added = new List<string>();
        foreach (var feed in toAdd)
        {
            try
            {
                await store.AddAsync(ConfigKind.Feeds, feed.Id, feed, cancellationToken);
                await audit.WriteAsync(context.User, "import-opml", "feed", feed.Id, null, ConfigEntries.Json(feed), cancellationToken);
                added.Add(feed.Id);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                skipped.Add(new ImportSkip(feed.Id, "a feed with this id exists"));
            }
        }

        return TypedResults.Ok(new ImportResult(added, skipped));
    }

    public async Task<IResult> GeofencesAsync(string watchlistId, HttpContext context, CancellationToken cancellationToken)
    {
        if (ConfigEntries.IfMatch(context.Request) is not { } ifMatch)
        {
            return ConfigEntries.PreconditionRequired();
        }

        var (text, error) = await AdminRequests.ReadTextAsync(context.Request, options.Value.MaxBodyBytes, ["application/geo+json", "application/json"], cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var (fences, problems) = ParseGeoJson(text!);
        if (problems.Count > 0)
        {
            return AdminRequests.Invalid(problems);
        }

        if (!ConfigEntries.IsId(watchlistId) || await store.GetAsync<WatchlistEntry>(ConfigKind.Watchlists, watchlistId, cancellationToken) is not { } stored)
        {
            return ConfigEntries.NotFound("watchlist", watchlistId);
        }

        var before = ConfigEntries.Json(stored.Value);
        var replace = string.Equals(context.Request.Query["mode"], "replace", StringComparison.Ordinal);
        stored.Value.Geofences = replace ? fences : [.. stored.Value.Geofences, .. fences];
        var errors = await entries.ValidateAsync(EntryKinds.Watchlists, stored.Value, cancellationToken);
        if (errors.Count > 0)
        {
            return AdminRequests.Invalid(errors);
        }

        try
        {
            var etag = await store.ReplaceAsync(ConfigKind.Watchlists, watchlistId, stored.Value, ifMatch, cancellationToken);
            await audit.WriteAsync(context.User, "import-geojson", "watchlist", watchlistId, before, ConfigEntries.Json(stored.Value), cancellationToken);
            context.Response.Headers.ETag = etag;
            return TypedResults.Ok(stored.Value);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 400 or 404)
        {
            return ConfigEntries.Changed("watchlist", watchlistId);
        }
    }

    /// <summary>Reads circles from a FeatureCollection, a Feature or a bare Point geometry.</summary>
    public static (List<GeofenceEntry> Fences, Dictionary<string, string[]> Errors) ParseGeoJson(string text)
    {
        var fences = new List<GeofenceEntry>();
        var errors = new Dictionary<string, string[]>();
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32 });
            var root = document.RootElement;
            var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var features = type switch
            {
                "FeatureCollection" when root.TryGetProperty("features", out var f) && f.ValueKind == JsonValueKind.Array => f.EnumerateArray().ToList(),
                "Feature" => [root],
                _ => null,
            };
            if (features is null)
            {
                errors["type"] = ["must be FeatureCollection (with a features array) or Feature"];
                return (fences, errors);
            }

            if (features.Count is 0 or > 500)
            {
                errors["features"] = ["must hold 1-500 features"];
                return (fences, errors);
            }

            for (var i = 0; i < features.Count; i++)
            {
                var where = string.Create(CultureInfo.InvariantCulture, $"features[{i}]");
                if (ReadCircle(features[i], out var fence) is { } problem)
                {
                    errors[where + problem.Field] = [problem.Message];
                }
                else
                {
                    fences.Add(fence!);
                }
            }
        }
        catch (JsonException ex)
        {
            errors["body"] = [$"is not valid JSON (line {ex.LineNumber + 1})"];
        }

        return (fences, errors);
    }

    private static (string Field, string Message)? ReadCircle(JsonElement feature, out GeofenceEntry? fence)
    {
        fence = null;
        if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
        {
            return (".geometry", "is missing");
        }

        var type = geometry.TryGetProperty("type", out var gt) && gt.ValueKind == JsonValueKind.String ? gt.GetString() : null;
        if (type is "Polygon" or "MultiPolygon")
        {
            return (".geometry.type", "polygon geofences are not supported yet: give a Point with properties.radiusKm");
        }

        if (type != "Point" || !geometry.TryGetProperty("coordinates", out var c) || c.ValueKind != JsonValueKind.Array || c.GetArrayLength() is < 2 or > 3
            || c[0].ValueKind != JsonValueKind.Number || c[1].ValueKind != JsonValueKind.Number)
        {
            return (".geometry", "must be a Point with coordinates [longitude, latitude]");
        }

        var properties = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty("radiusKm", out var r) || r.ValueKind != JsonValueKind.Number)
        {
            return (".properties.radiusKm", "is required (a number of kilometres)");
        }

        var name = properties.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() ?? "" : "";
        fence = new GeofenceEntry { Name = name, Lon = c[0].GetDouble(), Lat = c[1].GetDouble(), RadiusKm = r.GetDouble() };
        return null;
    }

    private static string UniqueSlug(string? title, string url, HashSet<string> taken)
    {
        var source = !string.IsNullOrWhiteSpace(title) ? title : Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : "feed";
        var chars = source.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        slug = slug.Length == 0 ? "feed" : slug.Length > 56 ? slug[..56] : slug;
        var id = slug;
        for (var n = 2; !taken.Add(id); n++)
        {
            id = string.Create(CultureInfo.InvariantCulture, $"{slug}-{n}");
        }

        return id;
    }
}
