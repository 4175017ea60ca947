namespace NgoMonitor.Core.Feeds;

/// <summary>Why a feed could not be polled, told apart by kind (never by the message's wording).</summary>
public enum FeedErrorKind
{
    /// <summary>No answer within the fetch timeout.</summary>
    Timeout,

    /// <summary>DNS, connection, TLS or a transfer cut short.</summary>
    Network,

    /// <summary>Refused before or while connecting: not http(s), or an address that is not public.</summary>
    Refused,

    /// <summary>An HTTP error status (4xx, 5xx; 429 and 503 with their Retry-After).</summary>
    HttpStatus,

    /// <summary>A redirect without a Location, a loop, or more hops than allowed.</summary>
    Redirect,

    /// <summary>The body is larger than the download limit.</summary>
    TooLarge,

    /// <summary>The body's content encoding (gzip, deflate, brotli) is corrupt.</summary>
    BadBody,

    /// <summary>The document is not a feed Monitor can read (<see cref="FeedFormatException"/>).</summary>
    BadDocument,

    /// <summary>A store port failed while reading or writing the feed's state, items, matches or outbox rows.</summary>
    Storage,

    /// <summary>Anything else (a bug): the exception says what.</summary>
    Unexpected,
}

/// <summary>
/// A feed's failure as data: its kind, a sentence for the feed's health line, and the exception it came from (with
/// its stack) when there is one. The host logs it once, at the edge; the message is what admins see.
/// </summary>
public sealed record FeedError(FeedErrorKind Kind, string Message, Exception? Exception = null)
{
    public override string ToString() => Message;
}
