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
    string? Language = null);

/// <summary>What Monitor remembers about a feed between polls: validators for conditional GET and health.</summary>
public sealed record FeedState(
    string FeedId,
    string? ETag = null,
    string? LastModified = null,
    DateTimeOffset? NextCheck = null,
    DateTimeOffset? LastSuccess = null,
    DateTimeOffset? LastAttempt = null,
    string? LastError = null,
    int ConsecutiveFailures = 0)
{
    public bool IsDue(DateTimeOffset now) => NextCheck is null || NextCheck <= now;
}

/// <summary>
/// When to poll a feed next: after its minimum interval when all went well; after an error, exponential
/// backoff (interval × 2^failures) clamped to <paramref name="maxBackoff"/>; a server's Retry-After
/// (RFC 9110 §10.2.3) is honoured when it asks for longer.
/// </summary>
public static class FeedSchedule
{
    public static DateTimeOffset NextCheck(DateTimeOffset now, TimeSpan minInterval, int consecutiveFailures, TimeSpan? retryAfter, TimeSpan maxBackoff)
    {
        var wait = minInterval;
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
