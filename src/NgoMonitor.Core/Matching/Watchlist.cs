using NgoMonitor.Core.Geo;

namespace NgoMonitor.Core.Matching;

/// <summary>
/// A keyword rule: either a <see cref="Query"/> in the rule language (docs/rule-language.md: terms, "phrases",
/// AND/OR/NOT, NEAR/n, prefix*, title:) or, the simple form, phrase lists that <see cref="ToQuery"/> turns into one:
/// at least one <see cref="Any"/> phrase (when there are any), every <see cref="All"/> entry, no <see cref="None"/>
/// entry. An entry may list alternatives separated by '|' ("shelled|bombed|evacuat*"), so <see cref="All"/> can say
/// "a facility word AND an attack word"; a trailing '*' on a word matches its prefix.
/// </summary>
public sealed record KeywordRule(IReadOnlyList<string> Any, IReadOnlyList<string> All, IReadOnlyList<string> None, string? Query = null)
{
    public static KeywordRule FromQuery(string query) => new([], [], [], query);

    /// <summary>
    /// The shipped pack this rule came from (docs/rule-packs.md), null for an admin's own rule. Matches of pack rules
    /// pass the non-event gate (<see cref="NonEvents.NonEventGate"/>): a film about a kidnapping is not an alert.
    /// </summary>
    public string? Pack { get; init; }

    /// <summary>
    /// The language the rule is written in ("en", "fr", "ar"): it applies only to items that may be in that language
    /// (docs/rule-language.md). Pack rules carry their pack's; null, as for an admin's own rule, applies to every item.
    /// </summary>
    public string? Lang { get; init; }

    /// <summary>The rule in the rule language.</summary>
    public string ToQuery()
    {
        if (!string.IsNullOrWhiteSpace(Query))
        {
            return Query;
        }

        var parts = new List<string>();
        if (Any.Count > 0)
        {
            parts.Add(Group(Any.SelectMany(Alternatives)));
        }

        parts.AddRange(All.Select(entry => Group(Alternatives(entry))));
        if (None.Count > 0)
        {
            parts.Add("NOT " + Group(None.SelectMany(Alternatives)));
        }

        return string.Join(" AND ", parts);
    }

    private static IEnumerable<string> Alternatives(string entry) =>
        entry.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Group(IEnumerable<string> phrases) => "(" + string.Join(" OR ", phrases.Select(Term)) + ")";

    /// <summary>One word with a trailing '*' stays a prefix; anything else becomes a quoted phrase (quotes removed inside).</summary>
    private static string Term(string phrase)
    {
        var clean = phrase.Replace("\"", "", StringComparison.Ordinal).Trim();
        var isPrefix = clean.EndsWith('*') && !clean.Contains(' ', StringComparison.Ordinal) && clean.TrimEnd('*').All(char.IsLetterOrDigit);
        return isPrefix ? clean.TrimEnd('*') + "*" : "\"" + clean.TrimEnd('*').Trim() + "\"";
    }
}

/// <summary>
/// What an admin watches: keyword rules (an item matches when any rule does) and, optionally, geofences
/// (then the item must also be placed inside one of them). A watchlist without geofences is global.
/// </summary>
public sealed record Watchlist(
    string Id,
    string Name,
    string Category,
    Severity Severity,
    IReadOnlyList<KeywordRule> Rules,
    IReadOnlyList<Geofence> Geofences,
    IReadOnlyList<string> RecipientIds)
{
    public bool IsGeofenced => Geofences.Count > 0;

    /// <summary>The relevance score (0–1) a match needs when a model scores the watchlist's category
    /// (docs/relevance-model.md); null takes the model's recommended threshold, 0 keeps every rule match.</summary>
    public double? MinScore { get; init; }

    /// <summary>The teams the watchlist is for (offered only to their officers); empty: decided by its fences.</summary>
    public IReadOnlyList<string> Teams { get; init; } = [];
}

/// <summary>
/// Why an item matched a watchlist: the terms, and where it happened relative to the fence. <see cref="FenceName"/>
/// names what <see cref="DistanceKm"/> is measured from: the protected site or circle centre ("Azaz office"), the
/// corridor, or, when <see cref="Inside"/>, the area whose edge the place lies that far inside of ("Syria").
/// The one match type from the matcher to the message: the incident keeps it as it is, and the alert carries it. It
/// names the watchlist by id because an incident outlives the configuration: planning looks the id up in the current
/// watchlists, so a watchlist edited since takes effect and one removed since alerts nobody.
/// </summary>
public sealed record WatchlistMatch(
    string ItemId,
    string WatchlistId,
    IReadOnlyList<string> MatchedTerms,
    string? PlaceName,
    GeoPoint? Point,
    string? FenceName,
    double? DistanceKm)
{
    /// <summary>True when the distance is measured inwards from the edge of a polygon or country without a site.</summary>
    public bool Inside { get; init; }

    /// <summary>How the item was placed: the same for every watchlist of the item unless a fence held only another
    /// place it names (see <see cref="WatchlistMatcher"/>); null when it names no place.</summary>
    public Placement? Placement { get; init; }

    /// <summary>The direction from the protected site to the place, when <see cref="DistanceKm"/> is measured from a site
    /// and is 1 km or more.</summary>
    public CompassPoint? Direction { get; init; }
    /// <summary>The relevance model's score (0–1) of the item for the watchlist's category; null when no model
    /// scores that category or the item's language (docs/relevance-model.md).</summary>
    public double? Score { get; init; }
}

/// <summary>A watchlist whose rules hit an item that still does not alert it, and why (see <see cref="WatchlistMatcher.NearMisses"/>).</summary>
/// <param name="Score">The relevance model's score when the item was scored.</param>
/// <param name="PlaceName">Where the item was placed, as written there, when that is the reason.</param>
public sealed record NearMiss(string ItemId, Watchlist Watchlist, IReadOnlyList<string> MatchedTerms, string Reason, double? Score = null, string? PlaceName = null);
