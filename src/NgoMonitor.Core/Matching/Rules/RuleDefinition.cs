namespace NgoMonitor.Core.Matching.Rules;

/// <summary>One watchlist rule as an admin wrote it.</summary>
/// <param name="Id">Unique within a compiled set, e.g. "watchlistId/0"; hits name it.</param>
/// <param name="Query">Text in the rule language (docs/rule-language.md).</param>
/// <param name="Category">Carried to the hit, e.g. "health-care".</param>
/// <param name="Severity">Carried to the hit.</param>
/// <param name="Lang">The language the rule is written in ("en", "fr", "ar"): it applies only to items that may be in
/// that language (<see cref="LanguageDetector.Read"/>). Null: every item, as for an admin's keyword list.</param>
public sealed record RuleDefinition(string Id, string Query, string Category, Severity Severity, string? Lang = null);

/// <summary>
/// What the matcher reads of an item. <paramref name="Language"/> is the feed's declared language (BCP 47 such as
/// "en", "fr-FR", "ar", "tr"); null or empty means "detect it" (<see cref="LanguageDetector"/>).
/// </summary>
public sealed record MatchDocument(string Title, string Body, string? Language);

/// <summary>A rule that matched, with every term occurrence that made it match (the "why you got this" line).</summary>
public sealed record RuleHit(string RuleId, IReadOnlyList<TermHit> Terms)
{
    public string Category { get; init; } = "";

    public Severity Severity { get; init; }

    /// <summary>The language the rule is written in, null when it applies to every language.</summary>
    public string? Lang { get; init; }
}

/// <summary>
/// One occurrence of a rule term in the item. <see cref="Term"/> is the term as the rule wrote it ("hospital",
/// "evacuat*", "health worker"); <see cref="Field"/> is "title" or "body"; <see cref="Start"/> and
/// <see cref="Length"/> are UTF-16 offsets into the original field text, for highlighting. A value, not an object: a
/// hit on a common term lists dozens of occurrences, and one object each was a visible share of matching.
/// </summary>
public readonly record struct TermHit(string Term, string Field, int Start, int Length);
