namespace NgoMonitor.Core.Feeds;

public enum FetchStatus
{
    /// <summary>200 with a body.</summary>
    Fetched,

    /// <summary>304: the validators still hold (RFC 9110 §15.4.5); nothing to parse.</summary>
    NotModified,

    /// <summary>Network error, timeout, refused address, HTTP error status or an over-size body.</summary>
    Failed,
}

/// <summary>The answer to one (conditional) GET of a feed.</summary>
/// <param name="MovedTo">Where a chain of permanent redirects (301/308, RFC 9110 §15.4.2, §15.4.9) ended: the feed's new URL.</param>
/// <param name="MaxAge">Cache-Control max-age (RFC 9111 §5.2.2.1): a freshness hint for the schedule.</param>
/// <param name="Failure">Why the fetch failed, when <see cref="Status"/> is <see cref="FetchStatus.Failed"/>.</param>
public sealed record FetchResult(
    FetchStatus Status,
    byte[]? Body = null,
    string? ContentType = null,
    string? ETag = null,
    string? LastModified = null,
    int? HttpStatus = null,
    FeedError? Failure = null,
    TimeSpan? RetryAfter = null,
    Uri? FinalUrl = null,
    Uri? MovedTo = null,
    TimeSpan? MaxAge = null)
{
    /// <summary>The failure's message, for the feed's health line.</summary>
    public string? Error => Failure?.Message;

    public static FetchResult Failed(FeedErrorKind kind, string error, int? httpStatus = null, TimeSpan? retryAfter = null, Exception? exception = null) =>
        new(FetchStatus.Failed, HttpStatus: httpStatus, Failure: new FeedError(kind, error, exception), RetryAfter: retryAfter);
}

/// <summary>Port: fetches a feed's bytes over HTTP with the stored validators.</summary>
public interface IFeedFetcher
{
    Task<FetchResult> FetchAsync(FeedSource feed, FeedState state, CancellationToken cancellationToken);
}

/// <summary>A parsed feed document: the channel's own fields and its normalised items.</summary>
/// <param name="Title">The feed's title as plain text ("" when absent).</param>
/// <param name="Link">The feed's home page link, absolute, when given.</param>
/// <param name="Ttl">RSS 2.0 <c>ttl</c>: minutes the channel may be cached (a polling hint), when given.</param>
/// <param name="Encoding">The character encoding the document was read with.</param>
public sealed record ParsedFeed(string Title, string? Link, TimeSpan? Ttl, IReadOnlyList<FeedItem> Items, string Encoding = "utf-8")
{
    /// <summary>Something wrong with the document that was worked around, reported on the feed's line (nothing is lost).</summary>
    public string? Warning => Encoding == FallbackEncoding ? "body is not valid UTF-8 as declared; read as windows-1252" : null;

    /// <summary>The encoding name <see cref="Encoding"/> takes when bytes declared UTF-8 were not valid UTF-8.</summary>
    public const string FallbackEncoding = "windows-1252 (invalid utf-8)";
}

/// <summary>Port: turns a fetched document into normalised items. Throws <see cref="FeedFormatException"/> on a bad document.</summary>
public interface IFeedParser
{
    ParsedFeed ParseFeed(FeedSource feed, byte[] body, string? contentType);

    IReadOnlyList<FeedItem> Parse(FeedSource feed, byte[] body, string? contentType) => ParseFeed(feed, body, contentType).Items;
}

/// <summary>A document that is not a feed Monitor can read; the message says why, for the feed's health line.</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);
