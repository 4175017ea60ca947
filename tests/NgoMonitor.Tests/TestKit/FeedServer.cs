using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NgoMonitor.Tests.TestKit;

/// <summary>What the local feed server answers for one path.</summary>
public sealed record FeedResponse(int Status, byte[] Body, string ContentType = "application/rss+xml; charset=utf-8", string? ETag = null, string? RetryAfter = null);

/// <summary>
/// A local HTTP server serving feeds the test sets up, honouring If-None-Match with 304 when the response has an
/// ETag, and recording every request it received.
/// </summary>
public sealed class FeedServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, FeedResponse> _responses = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Path, string? IfNoneMatch, string? UserAgent)> _requests = new();
    private LocalHttpServer? _server;

    public IReadOnlyCollection<(string Path, string? IfNoneMatch, string? UserAgent)> Requests => _requests;

    public static async Task<FeedServer> StartAsync()
    {
        var feeds = new FeedServer();
        feeds._server = await LocalHttpServer.StartAsync(app => app.Map("/{**path}", feeds.HandleAsync));
        return feeds;
    }

    public Uri Url(string path) => _server!.Url(path);

    public void Serve(string path, FeedResponse response) => _responses["/" + path.TrimStart('/')] = response;

    public void ServeText(string path, string body, string contentType = "application/rss+xml; charset=utf-8", string? etag = null) =>
        Serve(path, new FeedResponse(200, Encoding.UTF8.GetBytes(body), contentType, etag));

    public void ServeFile(string path, string file, string contentType = "application/rss+xml; charset=utf-8", string? etag = null) =>
        Serve(path, new FeedResponse(200, File.ReadAllBytes(file), contentType, etag));

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
        _requests.Enqueue((path, ifNoneMatch.Length == 0 ? null : ifNoneMatch, context.Request.Headers.UserAgent.ToString()));
        if (!_responses.TryGetValue(path, out var response))
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (response.ETag is not null && ifNoneMatch == response.ETag)
        {
            context.Response.StatusCode = 304;
            return;
        }

        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        if (response.ETag is not null)
        {
            context.Response.Headers.ETag = response.ETag;
        }

        if (response.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = response.RetryAfter;
        }

        await context.Response.Body.WriteAsync(response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
