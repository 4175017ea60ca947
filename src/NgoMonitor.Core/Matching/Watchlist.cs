using NgoMonitor.Core.Geo;

namespace NgoMonitor.Core.Matching;

/// <summary>
/// A keyword rule, first version. It matches when
/// - at least one <see cref="Any"/> phrase occurs (or <see cref="Any"/> is empty), and
/// - every <see cref="All"/> phrase occurs, and
/// - no <see cref="None"/> phrase occurs.
/// Phrases are whole words in order after <see cref="TextNormaliser"/> folding; a phrase ending in '*' matches
/// any word starting with it ("evacuat*" matches "evacuated", "evacuation"). An entry may list alternatives separated
/// by '|' ("shelled|bombed|evacuat*"): any one of them satisfies it, so <see cref="All"/> can say "a facility word
/// AND an attack word" as two entries.
/// </summary>
public sealed record KeywordRule(IReadOnlyList<string> Any, IReadOnlyList<string> All, IReadOnlyList<string> None);

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
}

/// <summary>Why an item matched a watchlist: the terms, and where it happened relative to the fence.</summary>
public sealed record WatchlistMatch(
    string ItemId,
    Watchlist Watchlist,
    IReadOnlyList<string> MatchedTerms,
    string? PlaceName,
    GeoPoint? Point,
    string? FenceName,
    double? DistanceKm);
