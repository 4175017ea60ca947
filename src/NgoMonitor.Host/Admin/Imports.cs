using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Feeds;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Geo.Fences;

namespace NgoMonitor.Host.Admin;

public sealed record ImportSkip(string Id, string Reason);

public sealed record ImportResult(IReadOnlyList<string> Added, IReadOnlyList<ImportSkip> Skipped);

/// <summary>
/// Bulk imports. Both validate everything first and store nothing when any entry is invalid, so a half-imported
/// file never has to be cleaned up by hand.
/// - OPML 2.0 (opml.org/spec2.opml): every &lt;outline&gt; with an xmlUrl becomes a feed, in the folder its enclosing outlines name; ids are derived
///   from the URL (<see cref="FeedIds"/>) unless the outline carries Monitor's own monitorId.
///   Feeds whose id or URL exists already are skipped and reported. DTDs are refused (no entity expansion).
/// - GeoJSON (RFC 7946) for a watchlist's geofences, read by <see cref="FenceGeoJson"/>: Point + properties.radiusKm
///   (circle), Polygon or MultiPolygon (optional properties.site {name, lat, lon}), LineString or MultiLineString +
///   properties.corridorKm (corridor), or properties.country "SY" (country by ISO code). Positions are
///   [longitude, latitude] (§3.1.1). Each bad feature is named by index ("features[2]") with what is wrong.
/// </summary>
public sealed class Imports(TableConfigEntries store, ConfigEntries entries, AuditLog audit, ICountryOutlines countries, IOptions<AdminApiOptions> options)
{
    public async Task<IResult> OpmlAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (text, error) = await AdminRequests.ReadTextAsync(context.Request, options.Value.MaxBodyBytes, ["text/x-opml", "application/xml", "text/xml"], cancellationToken);
        if (error is not null)
        {
            return error;
        }

        IReadOnlyList<OpmlOutline> outlines;
        try
        {
            outlines = Opml.ReadOutlines(text!, options.Value.MaxBodyBytes);
        }
        catch (FeedFormatException ex)
        {
            return AdminRequests.Invalid("body", ex.Message);
        }

        if (outlines.Count == 0)
        {
            return AdminRequests.Invalid("body", "has no <outline> with an xmlUrl");
        }

        var existing = await store.ListAsync<FeedEntry>(ConfigKind.Feeds, cancellationToken);
        var ids = existing.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var urls = existing.Select(f => f.Value.Url).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var errors = new Dictionary<string, string[]>();
        var toAdd = new List<FeedEntry>();
        var skipped = new List<ImportSkip>();
        for (var i = 0; i < outlines.Count; i++)
        {
            var o = outlines[i];
            var url = o.XmlUrl;
            var feed = new FeedEntry { Id = UniqueId(o.MonitorId, url, ids), Name = o.Title, Url = url, Language = o.Language, Folder = o.Folder, Country = o.Country, Home = o.Home };
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

        var (fences, problems) = ParseGeoJson(text!, countries);
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

    /// <summary>
    /// Reads fences of every kind from a FeatureCollection or a Feature (<see cref="FenceGeoJson"/>): every problem of
    /// every feature, keyed "features[i]" (0-based) with the feature's name and what is wrong, so one answer lists
    /// all that needs fixing.
    /// </summary>
    public static (List<GeofenceEntry> Fences, Dictionary<string, string[]> Errors) ParseGeoJson(string text, ICountryOutlines? countries)
    {
        var fences = new List<GeofenceEntry>();
        var errors = new Dictionary<string, string[]>();
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            errors["body"] = [$"is not valid JSON (line {ex.LineNumber + 1})"];
            return (fences, errors);
        }

        var type = root is JsonObject o && o["type"] is JsonValue t && t.TryGetValue<string>(out var name) ? name : null;
        var count = type switch
        {
            "FeatureCollection" => (root!["features"] as JsonArray)?.Count,
            "Feature" => 1,
            _ => null,
        };
        if (count is null)
        {
            errors["type"] = ["must be FeatureCollection (with a features array) or Feature"];
            return (fences, errors);
        }

        if (count is 0 or > 500)
        {
            errors["features"] = ["must hold 1-500 features"];
            return (fences, errors);
        }

        try
        {
            fences.AddRange(FenceGeoJson.Read(text, countries).Select(f => GeofenceMapper.ToEntry(Geofence.FromFence(f))));
        }
        catch (FenceFormatException ex)
        {
            foreach (var problem in ex.Problems)
            {
                var key = problem.FeatureIndex is { } i ? string.Create(CultureInfo.InvariantCulture, $"features[{i}]") : "body";
                errors[key] = [.. errors.GetValueOrDefault(key, []), $"{problem.Feature}: {problem.Message}"];
            }
        }

        return (fences, errors);
    }

    /// <summary>The watchlist's fences as a GeoJSON FeatureCollection that the import reads back (countries by code).</summary>
    public async Task<IResult> ExportGeofencesAsync(string watchlistId, CancellationToken cancellationToken)
    {
        if (!ConfigEntries.IsId(watchlistId) || await store.GetAsync<WatchlistEntry>(ConfigKind.Watchlists, watchlistId, cancellationToken) is not { } stored)
        {
            return ConfigEntries.NotFound("watchlist", watchlistId);
        }

        // Countries are written by code (no outline needed). A code the gazetteer no longer knows is exported as
        // stored; importing the file back reports that feature (UnknownCountry), as the seeder and the admin API
        // reject the code when the watchlist itself is saved.
        var fences = new List<(string Id, Geofence Geofence)>();
        for (var i = 0; i < stored.Value.Geofences.Count; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{watchlistId}-{i + 1}");
            fences.Add((id, GeofenceMapper.ToGeofence(stored.Value.Geofences[i], i, watchlistId)));
        }

        return TypedResults.Text(FenceGeoJson.Write(fences), "application/geo+json", System.Text.Encoding.UTF8);
    }

    /// <summary>The outline's own Monitor id, else one derived from its URL (<see cref="FeedIds"/>); made unique among <paramref name="taken"/>.</summary>
    private static string UniqueId(string? monitorId, string url, HashSet<string> taken)
    {
        var id = ConfigEntries.IsId(monitorId ?? "") ? monitorId! : Uri.TryCreate(url, UriKind.Absolute, out var u) ? FeedIds.FromUrl(u) : "feed";
        id = FeedIds.Unique(id, taken);
        taken.Add(id);
        return id;
    }
}
