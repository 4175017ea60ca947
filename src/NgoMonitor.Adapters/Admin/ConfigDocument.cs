using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NgoMonitor.Adapters.Admin;

/// <summary>
/// The configuration file format (JSON Schema: samples/monitor.config.schema.json; reference: docs/configuration.md).
/// The same shapes are stored in Table Storage and, later, sent to the admin API.
/// Unknown properties are errors: a misspelt "none" must not silently widen a rule.
/// </summary>
public sealed class ConfigDocument
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = false,
    };

    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public List<FeedEntry> Feeds { get; set; } = [];

    public List<RecipientEntry> Recipients { get; set; } = [];

    public List<WatchlistEntry> Watchlists { get; set; } = [];
}

public sealed class FeedEntry
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    public string Url { get; set; } = "";

    /// <summary>Minutes between polls; default 5, at least 1.</summary>
    public double? MinIntervalMinutes { get; set; }

    public bool AllowPrivateNetwork { get; set; }

    public string? Language { get; set; }

    /// <summary>The folder the feed is kept in, levels joined by '/' ("Africa/DRC"); OPML import and export keep it as nested outlines.</summary>
    public string? Folder { get; set; }

    /// <summary>The area a local feed writes about (a town it names alone is read there); absent for feeds that cover no one area.</summary>
    public HomeAreaEntry? Home { get; set; }

    /// <summary>ISO 3166-1 alpha-2 code of the country a national or local feed writes about ("SD"); absent for feeds that cover no one country.</summary>
    public string? Country { get; set; }
}

/// <summary>A feed's home area: a centre and a radius of 1-500 km.</summary>
public sealed class HomeAreaEntry
{
    public double? Lat { get; set; }

    public double? Lon { get; set; }

    public double? RadiusKm { get; set; }
}

public sealed class RecipientEntry
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    public string? Phone { get; set; }

    /// <summary>ISO 3166-1 alpha-2 code of the recipient's country ("CD"): the phone may then be written in its national
    /// form ("0812345678"); the API stores it converted to E.164.</summary>
    public string? Country { get; set; }

    public string? Email { get; set; }

    /// <summary>"sms", "email"; default: every channel the recipient has an address for.</summary>
    public List<string>? Channels { get; set; }

    public string? TimeZone { get; set; }

    /// <summary>True: also receives feed health alerts. Default false.</summary>
    public bool? Admin { get; set; }

    /// <summary>Id of the recipient who gets this one's unacknowledged alerts after the escalation delay.</summary>
    public string? Backup { get; set; }

    /// <summary>"minor" (default), "moderate", "severe" or "extreme": alerts below are not sent.</summary>
    public string? MinSeverity { get; set; }

    /// <summary>Local hours in which SMS below <see cref="QuietHoursEntry.OverrideSeverity"/> wait for the digest.</summary>
    public QuietHoursEntry? QuietHours { get; set; }

    /// <summary>At most this many SMS in any hour (1-100); the rest go into the digest. Default: no limit.</summary>
    public int? SmsPerHour { get; set; }

    /// <summary>"hourly" (default) or "daily": cadence of the digest of held alerts.</summary>
    public string? Digest { get; set; }

    /// <summary>"en" (default), "fr" or "ar": language of SMS templates.</summary>
    public string? Language { get; set; }

    /// <summary>The officer's team ("goma", letters, digits, '-' and '_'): they are offered the watchlists naming it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Team { get; set; }

    /// <summary>Where the officer works, one fence of any kind (as a watchlist's): they are offered the watchlists whose
    /// fences overlap it. Unset: <see cref="Country"/> stands for it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GeofenceEntry? Area { get; set; }
}

public sealed class QuietHoursEntry
{
    /// <summary>"22:00": local start, inclusive.</summary>
    public string Start { get; set; } = "";

    /// <summary>"07:00": local end, exclusive; before the start means the next day.</summary>
    public string End { get; set; } = "";

    /// <summary>Alerts at or above this severity are sent anyway; default "extreme".</summary>
    public string? OverrideSeverity { get; set; }
}

public sealed class WatchlistEntry
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    public string? Category { get; set; }

    /// <summary>"minor", "moderate", "severe" or "extreme" (CAP 1.2); default "moderate".</summary>
    public string? Severity { get; set; }

    public List<RuleEntry> Rules { get; set; } = [];

    /// <summary>Ids of shipped rule packs (docs/rule-packs.md) whose rules are added to <see cref="Rules"/>.</summary>
    public List<string>? Packs { get; set; }

    public List<GeofenceEntry> Geofences { get; set; } = [];

    public List<string> Recipients { get; set; } = [];

    /// <summary>Teams the watchlist is for: only their officers are offered it. Unset: its fences decide.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Teams { get; set; }

    /// <summary>The relevance score (0–1) a match needs when a model scores the category (docs/relevance-model.md);
    /// unset: the model's recommended threshold; 0: the rules alone decide.</summary>
    public double? MinScore { get; set; }
}

public sealed class RuleEntry
{
    /// <summary>The rule in the rule language (docs/rule-language.md); used instead of any/all/none when set.</summary>
    public string? Query { get; set; }

    /// <summary>Language the query is written in (informative: terms are analysed in every supported language).</summary>
    public string? Lang { get; set; }

    public List<string> Any { get; set; } = [];

    public List<string> All { get; set; } = [];

    public List<string> None { get; set; } = [];
}

/// <summary>
/// One geofence. <see cref="Kind"/> says which fields apply (when absent: "country" if <see cref="Country"/> is set,
/// "polygon" or "corridor" by the type of <see cref="Geometry"/>, else "circle", so older circle-only files read as before):
/// - circle: <see cref="Lat"/>, <see cref="Lon"/>, <see cref="RadiusKm"/> (the centre is the protected site);
/// - polygon: <see cref="Geometry"/> a GeoJSON Polygon or MultiPolygon ([longitude, latitude], RFC 7946);
/// - country: <see cref="Country"/>, an ISO 3166-1 code; the outline comes from the gazetteer, never from the file;
/// - corridor: <see cref="Geometry"/> a GeoJSON LineString or MultiLineString and <see cref="BufferKm"/>;
/// - region: <see cref="Region"/>, a continent or macro-region the gazetteer knows ("Sahel", "Horn of Africa"); the
///   outline (its member countries') comes from the gazetteer.
/// Polygons, countries, regions and corridors may name a <see cref="Site"/> that alert distances are measured from.
/// </summary>
public sealed class GeofenceEntry
{
    /// <summary>"circle", "polygon", "country", "region" or "corridor" (see the class comment for the default).</summary>
    public string? Kind { get; set; }

    public string Name { get; set; } = "";

    public double? Lat { get; set; }

    public double? Lon { get; set; }

    public double? RadiusKm { get; set; }

    /// <summary>GeoJSON geometry of a polygon (Polygon, MultiPolygon) or corridor (LineString, MultiLineString).</summary>
    public JsonObject? Geometry { get; set; }

    /// <summary>ISO 3166-1 alpha-2 or alpha-3 code of a country fence ("SY", "SYR").</summary>
    public string? Country { get; set; }

    /// <summary>Name of a region fence's continent or macro-region ("Sahel").</summary>
    public string? Region { get; set; }

    /// <summary>A corridor's buffer: distance either side of the line in km (0-1000).</summary>
    public double? BufferKm { get; set; }

    public SiteEntry? Site { get; set; }
}

/// <summary>A protected site inside a fence ("Azaz office"), for distances in alerts.</summary>
public sealed class SiteEntry
{
    public string Name { get; set; } = "";

    public double Lat { get; set; }

    public double Lon { get; set; }
}
