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
public sealed record FetchResult(
    FetchStatus Status,
    byte[]? Body = null,
    string? ContentType = null,
    string? ETag = null,
    string? LastModified = null,
    int? HttpStatus = null,
    string? Error = null,
    TimeSpan? RetryAfter = null,
    Uri? FinalUrl = null)
{
    public static FetchResult Failure(string error, int? httpStatus = null, TimeSpan? retryAfter = null) =>
        new(FetchStatus.Failed, HttpStatus: httpStatus, Error: error, RetryAfter: retryAfter);
}

/// <summary>Port: fetches a feed's bytes over HTTP with the stored validators.</summary>
public interface IFeedFetcher
{
    Task<FetchResult> FetchAsync(FeedSource feed, FeedState state, CancellationToken cancellationToken);
}

/// <summary>Port: turns a fetched document into normalised items. Throws <see cref="FeedFormatException"/> on a bad document.</summary>
public interface IFeedParser
{
    IReadOnlyList<FeedItem> Parse(FeedSource feed, byte[] body, string? contentType);
}

/// <summary>A document that is not a feed Monitor can read; the message says why, for the feed's health line.</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);
