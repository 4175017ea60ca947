using NgoMonitor.Core.Geo;

namespace NgoMonitor.Core.Feeds;

/// <summary>
/// The one normalised item type. Produced by the feed parser adapter from whatever the
/// feed format was; everything after parsing (storage, matching, alerts) sees only this.
/// </summary>
/// <param name="Id">Stable identity from <see cref="ItemIdentity"/>; the Table RowKey.</param>
/// <param name="FeedId">The feed it came from.</param>
/// <param name="Title">Plain text, entities decoded, markup removed.</param>
/// <param name="Summary">Plain text of the description or content.</param>
/// <param name="Link">Absolute http(s) link to the story, when the feed gives one.</param>
/// <param name="Published">Publication time in UTC, when the feed gives one that parses.</param>
/// <param name="Point">GeoRSS / W3C geo point carried by the item, when present.</param>
public sealed record FeedItem(
    string Id,
    string FeedId,
    string Title,
    string Summary,
    string? Link,
    DateTimeOffset? Published,
    GeoPoint? Point)
{
    /// <summary>The feed's own id for the item (RSS <c>guid</c>, Atom <c>id</c>, JSON Feed <c>id</c>) as written, when given.</summary>
    public string? SourceId { get; init; }

    /// <summary>The text rules and the place finder read: title, then summary.</summary>
    public string Text => Summary.Length == 0 ? Title : Title + "\n" + Summary;
}
