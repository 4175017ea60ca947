using NgoMonitor.Core.Geo;

namespace NgoMonitor.Core.Feeds;

/// <summary>A feed an admin has asked Monitor to poll.</summary>
/// <param name="Id">Short stable id chosen by the admin (letters, digits, '-', '_'); the Table key.</param>
/// <param name="Name">Display name, used as the source name in alerts.</param>
/// <param name="Url">Absolute http(s) URL.</param>
/// <param name="MinInterval">Shortest time between two polls (1 minute for priority feeds, 5 for the rest).</param>
/// <param name="AllowPrivateNetwork">Lets the feed resolve to loopback or private addresses (tests, intranets, the bundled samples).</param>
/// <param name="Language">Declared language (BCP 47, e.g. "en", "fr", "ar"), when known.</param>
public sealed record FeedSource(
    string Id,
    string Name,
    Uri Url,
    TimeSpan MinInterval,
    bool AllowPrivateNetwork = false,
    string? Language = null)
{
    /// <summary>The folder the admin keeps the feed in ("Africa/DRC", levels joined by '/'), as OPML outlines nest; null at the top.</summary>
    public string? Folder { get; init; }

    /// <summary>The area a local feed writes about, set by an admin: the towns it names alone are read there rather
    /// than at namesakes elsewhere (<see cref="GeoContext.Home"/>). Null for feeds that cover no one area.</summary>
    public FeedHomeArea? Home { get; init; }

    /// <summary>The country a national or local feed writes about (ISO 3166-1 alpha-2, upper case), set by an admin: a
    /// name several countries share is read as this country's place when the text says nothing else
    /// (<see cref="GeoContext.CountryCode"/>). Null for feeds that cover no one country.</summary>
    public string? Country { get; init; }
}

/// <summary>What Monitor remembers about a feed between polls: validators for conditional GET and health.</summary>
/// <param name="FailingSince">When the current run of failures began; null while the feed is healthy.</param>
/// <param name="LastNewItem">When the feed last carried an item Monitor had not seen.</param>
/// <param name="ItemsCounted">New items counted since <paramref name="CountingSince"/> (for items per day).</param>
/// <param name="CountingSince">Start of the items-per-day window (halved when older than 30 days, see <see cref="FeedHealth"/>).</param>
/// <param name="HealthIncident">The open health incident ("failing" or "silent") already reported to admins, if any.</param>
public sealed record FeedState(
    string FeedId,
    string? ETag = null,
    string? LastModified = null,
    DateTimeOffset? NextCheck = null,
    DateTimeOffset? LastSuccess = null,
    DateTimeOffset? LastAttempt = null,
    string? LastError = null,
    int ConsecutiveFailures = 0,
    DateTimeOffset? FailingSince = null,
    DateTimeOffset? LastNewItem = null,
    int ItemsCounted = 0,
    DateTimeOffset? CountingSince = null,
    string? HealthIncident = null)
{
    /// <summary>The towns and counties the feed's last items named confidently, one list per item, at most
    /// <see cref="FeedPlaceTally.Capacity"/> items, oldest first: what its home area is learned from when an admin set
    /// none (<see cref="FeedHomeAreaLearner"/>).</summary>
    public IReadOnlyList<IReadOnlyList<GeoPoint>> RecentPlaces { get; init; } = [];

    /// <summary>Per item, parallel to <see cref="RecentPlaces"/> and aligned on the newest item, the readings it left
    /// open: the world cities it read for want of local evidence and their far smaller namesakes
    /// (<see cref="FeedHomeAreaLearner.NamesakesOf"/>), so a Dublin, Ohio paper's "Dublin" alone counts for Ohio.</summary>
    public IReadOnlyList<IReadOnlyList<GeoPoint>> RecentNamesakes { get; init; } = [];

    public bool IsDue(DateTimeOffset now) => NextCheck is null || NextCheck <= now;
}

/// <summary>
/// When to poll a feed next: after its minimum interval when all went well, or longer when the feed itself says it
/// changes less often (RSS <c>ttl</c>, Cache-Control <c>max-age</c>, RFC 9111 §5.2.2.1), that hint clamped to
/// <paramref name="maxInterval"/> so a "ttl 1440" cannot silence a news feed for a day; after an error, exponential
/// backoff (interval × 2^failures) clamped to <paramref name="maxBackoff"/>; a server's Retry-After
/// (RFC 9110 §10.2.3) is honoured when it asks for longer, clamped the same way.
/// </summary>
public static class FeedSchedule
{
    public static DateTimeOffset NextCheck(
        DateTimeOffset now,
        TimeSpan minInterval,
        int consecutiveFailures,
        TimeSpan? retryAfter,
        TimeSpan maxBackoff,
        TimeSpan? freshnessHint = null,
        TimeSpan? maxInterval = null)
    {
        var wait = minInterval;
        if (consecutiveFailures == 0 && freshnessHint is { } hint && hint > wait)
        {
            var ceiling = maxInterval ?? maxBackoff;
            wait = hint < ceiling ? hint : (ceiling > minInterval ? ceiling : minInterval);
        }

        if (consecutiveFailures > 0)
        {
            var factor = Math.Pow(2, Math.Min(consecutiveFailures, 16));
            wait = TimeSpan.FromTicks((long)Math.Min(minInterval.Ticks * factor, maxBackoff.Ticks));
        }

        if (retryAfter is { } asked && asked > wait)
        {
            wait = asked < maxBackoff ? asked : maxBackoff;
        }

        return now + wait;
    }
}
