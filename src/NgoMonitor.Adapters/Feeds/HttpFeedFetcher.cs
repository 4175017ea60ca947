using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using NgoMonitor.Core.Feeds;

namespace NgoMonitor.Adapters.Feeds;

/// <summary>
/// Fetches feeds with our own HttpClient (CodeHollow.FeedReader's downloader hides HTTP errors), sending the stored
/// validators for a conditional GET (RFC 9110 §13.1.1 If-None-Match, §13.1.3 If-Modified-Since). The body is read
/// up to <see cref="FeedsOptions.MaxBodyBytes"/> and no further.
/// </summary>
public sealed class HttpFeedFetcher(HttpClient http, IOptions<FeedsOptions> options) : IFeedFetcher
{
    public const string HttpClientName = "feeds";

    public async Task<FetchResult> FetchAsync(FeedSource feed, FeedState state, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, feed.Url);
        request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5");
        if (state.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (state.LastModified is { } lastModified && DateTimeOffset.TryParse(lastModified, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var retryAfter = RetryAfter(response);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new FetchResult(FetchStatus.NotModified, ETag: state.ETag, LastModified: state.LastModified, HttpStatus: 304, RetryAfter: retryAfter);
            }

            if (!response.IsSuccessStatusCode)
            {
                var code = (int)response.StatusCode;
                return FetchResult.Failure($"HTTP {code} {response.ReasonPhrase}".TrimEnd(), code, retryAfter);
            }

            var body = await ReadCappedAsync(response.Content, options.Value.MaxBodyBytes, cancellationToken);
            if (body is null)
            {
                return FetchResult.Failure($"body larger than {options.Value.MaxBodyBytes} bytes; download stopped", (int)response.StatusCode);
            }

            return new FetchResult(
                FetchStatus.Fetched,
                body,
                response.Content.Headers.ContentType?.ToString(),
                response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("R"),
                (int)response.StatusCode,
                RetryAfter: retryAfter,
                FinalUrl: response.RequestMessage?.RequestUri);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FetchResult.Failure($"timed out after {options.Value.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            return FetchResult.Failure("network error: " + ex.Message);
        }
    }

    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
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
}
