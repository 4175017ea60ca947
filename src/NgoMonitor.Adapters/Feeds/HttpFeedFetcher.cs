using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using NgoMonitor.Core.Feeds;

namespace NgoMonitor.Adapters.Feeds;

/// <summary>
/// Fetches feeds with our own HttpClient (CodeHollow.FeedReader's downloader hides HTTP errors), sending the stored
/// validators for a conditional GET (RFC 9110 §13.1.1 If-None-Match, §13.1.3 If-Modified-Since).
/// What it guarantees, in order:
/// 1. every connection, on every redirect hop, goes to a public address unless the feed allows private networks
///    (<see cref="NetworkGuard"/>, in the handler's connect callback); that allowance covers the feed's own origin
///    (scheme, host, port) only, so an allowed intranet or test feed cannot redirect Monitor to another private
///    address or port, and never reaches link-local or cloud metadata addresses;
/// 2. redirects are followed here, at most <see cref="FeedsOptions.MaxRedirects"/>, http(s) only, loops detected;
///    a chain of permanent redirects (301, 308: RFC 9110 §15.4.2, §15.4.9) is reported in
///    <see cref="FetchResult.MovedTo"/> so the stored URL can be updated;
/// 3. the whole fetch is bounded by <see cref="FeedsOptions.Timeout"/> and each body read by
///    <see cref="FeedsOptions.ReadTimeout"/>;
/// 4. the body (gzip, deflate or br decoded here, RFC 9110 §8.4.1) is capped at <see cref="FeedsOptions.MaxBodyBytes"/>
///    on the wire and after decompression, enforced while streaming.
/// </summary>
/// <param name="http">The client for public addresses.</param>
/// <param name="allowingPrivate">The client for requests under a feed's private-network allowance, with a connection
/// pool of its own: a connection opened under the allowance is reused only by requests that carry it for the same
/// origin, never by one that would have been refused, so allowed feeds keep their connections alive between polls.</param>
/// <param name="options">Limits and timeouts.</param>
public sealed class HttpFeedFetcher(HttpClient http, HttpClient allowingPrivate, IOptions<FeedsOptions> options) : IFeedFetcher
{
    public const string HttpClientName = "feeds";

    /// <summary>The named client for requests under the private-network allowance (see the allowingPrivate parameter).</summary>
    public const string PrivateNetworkClientName = "feeds-private-network";

    private readonly FeedsOptions _options = options.Value;

    /// <summary>The handler every feed client must use: the address guard, no automatic redirects or decompression.</summary>
    public static SocketsHttpHandler CreateHandler(FeedsOptions options) => new()
    {
        ConnectCallback = NetworkGuard.ConnectAsync,
        ConnectTimeout = options.ConnectTimeout,
        // A proxy would make the connect callback see the proxy, not the feed host, and bypass the address check.
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        MaxConnectionsPerServer = options.MaxConnectionsPerHost,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxResponseHeadersLength = 64, // KiB; a feed server needs far less.
    };

    public static void Configure(HttpClient http, FeedsOptions options)
    {
        // The fetcher's own token bounds the whole chain; HttpClient's timeout would only cover one hop.
        http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
    }

    /// <summary>A fetcher with its own handler, for tools and tests that do not use dependency injection.</summary>
    public static HttpFeedFetcher Create(FeedsOptions options)
    {
        var http = new HttpClient(CreateHandler(options));
        var allowingPrivate = new HttpClient(CreateHandler(options));
        Configure(http, options);
        Configure(allowingPrivate, options);
        return new HttpFeedFetcher(http, allowingPrivate, Options.Create(options));
    }

    public async Task<FetchResult> FetchAsync(FeedSource feed, FeedState state, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            return await FetchFollowingRedirectsAsync(feed, state, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return FetchResult.Failed(FeedErrorKind.Timeout, string.Create(CultureInfo.InvariantCulture, $"timed out after {_options.Timeout.TotalSeconds:0.#} s"), exception: ex);
        }
        catch (TimeoutException ex)
        {
            return FetchResult.Failed(FeedErrorKind.Timeout, ex.Message, exception: ex);
        }
        catch (HttpRequestException ex) when (AddressRefusedException.IsRefusal(ex))
        {
            return FetchResult.Failed(FeedErrorKind.Refused, ex.Message, exception: ex);
        }
        catch (HttpRequestException ex)
        {
            return FetchResult.Failed(FeedErrorKind.Network, "network error: " + ex.Message, exception: ex);
        }
        catch (InvalidDataException ex)
        {
            return FetchResult.Failed(FeedErrorKind.BadBody, "bad compressed body: " + ex.Message, exception: ex);
        }
        catch (IOException ex)
        {
            return FetchResult.Failed(FeedErrorKind.Network, "network error: " + ex.Message, exception: ex);
        }
    }

    private async Task<FetchResult> FetchFollowingRedirectsAsync(FeedSource feed, FeedState state, CancellationToken cancellationToken)
    {
        var url = feed.Url;
        Uri? movedTo = null;
        var allPermanent = true;
        var visited = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
        for (var hop = 0; ; hop++)
        {
            if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            {
                return FetchResult.Failed(FeedErrorKind.Refused, $"refused: {url.Scheme} URL; only http and https are fetched");
            }

            // The private-network allowance covers the origin the admin configured, not wherever it redirects to.
            var allowPrivate = NetworkGuard.AllowsPrivate(feed.Url, feed.AllowPrivateNetwork, url);
            if (NetworkGuard.RefusalForLiteral(url, allowPrivate) is { } refusal)
            {
                return FetchResult.Failed(FeedErrorKind.Refused, refusal);
            }

            using var request = Request(url, allowPrivate, state);
            using var response = await (allowPrivate ? allowingPrivate : http).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            if (code is 301 or 302 or 303 or 307 or 308)
            {
                if (response.Headers.Location is not { } location)
                {
                    return FetchResult.Failed(FeedErrorKind.Redirect, $"HTTP {code} redirect without a Location", code);
                }

                var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                if (!visited.Add(next.AbsoluteUri))
                {
                    return FetchResult.Failed(FeedErrorKind.Redirect, $"redirect loop at {next}", code);
                }

                if (hop + 1 > _options.MaxRedirects)
                {
                    return FetchResult.Failed(FeedErrorKind.Redirect, $"too many redirects (more than {_options.MaxRedirects})", code);
                }

                allPermanent &= code is 301 or 308;
                movedTo = allPermanent ? next : movedTo;
                url = next;
                continue;
            }

            return await ResultAsync(response, state, movedTo, url, cancellationToken);
        }
    }

    private static HttpRequestMessage Request(Uri url, bool allowPrivate, FeedState state)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Options.Set(NetworkGuard.AllowPrivateNetwork, allowPrivate);
        request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5");
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        if (state.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (state.LastModified is { } lastModified && DateTimeOffset.TryParse(lastModified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        return request;
    }

    private async Task<FetchResult> ResultAsync(HttpResponseMessage response, FeedState state, Uri? movedTo, Uri finalUrl, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        var retryAfter = RetryAfter(response);
        var maxAge = MaxAge(response);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new FetchResult(FetchStatus.NotModified, ETag: state.ETag, LastModified: state.LastModified, HttpStatus: 304, RetryAfter: retryAfter, FinalUrl: finalUrl, MovedTo: movedTo, MaxAge: maxAge);
        }

        if (!response.IsSuccessStatusCode)
        {
            return FetchResult.Failed(FeedErrorKind.HttpStatus, $"HTTP {code} {response.ReasonPhrase}".TrimEnd(), code, retryAfter);
        }

        var body = await ReadCappedAsync(response.Content, cancellationToken);
        if (body is null)
        {
            return FetchResult.Failed(FeedErrorKind.TooLarge, $"body larger than {_options.MaxBodyBytes} bytes; download stopped", code);
        }

        return new FetchResult(
            FetchStatus.Fetched,
            body,
            response.Content.Headers.ContentType?.ToString(),
            response.Headers.ETag?.ToString(),
            response.Content.Headers.LastModified?.ToString("R"),
            code,
            RetryAfter: retryAfter,
            FinalUrl: finalUrl,
            MovedTo: movedTo,
            MaxAge: maxAge);
    }

    /// <summary>Reads the body, decoding Content-Encoding here so the cap applies to the decoded size; null when over the cap.</summary>
    private async Task<byte[]?> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var maxBytes = _options.MaxBodyBytes;
        if (content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        await using var wire = await content.ReadAsStreamAsync(cancellationToken);
        await using var wireCapped = new CappedStream(wire, maxBytes);
        await using var decoded = Decode(wireCapped, content.Headers.ContentEncoding);
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        while (true)
        {
            // Each read has its own deadline, so a server trickling one byte a second is cut off (a slowloris body).
            using var readTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            readTimeout.CancelAfter(_options.ReadTimeout);
            int read;
            try
            {
                read = await decoded.ReadAsync(chunk, readTimeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException && readTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"timed out: no data for {_options.ReadTimeout.TotalSeconds:0.#} s"), ex);
            }

            if (read == 0)
            {
                break;
            }

            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return wireCapped.Exceeded ? null : buffer.ToArray();
    }

    private static Stream Decode(Stream stream, ICollection<string> encodings)
    {
        // Content-Encoding lists codings in the order applied (RFC 9110 §8.4); undo them last to first.
        foreach (var coding in encodings.Reverse())
        {
            stream = coding.Trim().ToUpperInvariant() switch
            {
                "GZIP" or "X-GZIP" => new GZipStream(stream, CompressionMode.Decompress),
                "DEFLATE" => new ZLibStream(stream, CompressionMode.Decompress), // "deflate" is the zlib format (RFC 9110 §8.4.1.2)
                "BR" => new BrotliStream(stream, CompressionMode.Decompress),
                "IDENTITY" => stream,
                var other => throw new InvalidDataException($"unsupported Content-Encoding {other}"),
            };
        }

        return stream;
    }

    /// <summary>Retry-After (RFC 9110 §10.2.3) as a delay: delta-seconds, or an HTTP date relative to the response's Date.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date && response.Headers.Date is { } now && date > now ? date - now : null;
    }

    /// <summary>Cache-Control max-age (RFC 9111 §5.2.2.1): how long the server says the feed stays fresh.</summary>
    private static TimeSpan? MaxAge(HttpResponseMessage response) =>
        response.Headers.CacheControl is { NoCache: false, NoStore: false, MaxAge: { } age } ? age : null;

    /// <summary>A read-only stream that stops (reports end) after a number of bytes and remembers that it did.</summary>
    private sealed class CappedStream(Stream inner, long maxBytes) : Stream
    {
        private long _read;

        public bool Exceeded { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_read >= maxBytes)
            {
                // One byte more tells "exactly at the cap" from "over the cap".
                var probe = new byte[1];
                Exceeded |= await inner.ReadAsync(probe, cancellationToken) > 0;
                return 0;
            }

            var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, maxBytes - _read)], cancellationToken);
            _read += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
