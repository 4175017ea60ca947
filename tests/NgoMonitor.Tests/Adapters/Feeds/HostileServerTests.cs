using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NgoMonitor.Adapters.Feeds;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Feeds;

/// <summary>
/// The fetcher against servers that misbehave on purpose. Each case must end in a clear per-feed error within the
/// fetch's time and size limits. Redirects to private addresses must be refused before any connection is made:
/// 10.0.0.1 and 169.254.169.254 are never contacted.
/// </summary>
public sealed class HostileServerTests : IAsyncLifetime
{
    private const string Rss = "<rss version=\"2.0\"><channel><title>t</title><item><title>ok</title></item></channel></rss>";
    private static readonly byte[] GzipBomb = Gzip(new byte[50 * 1024 * 1024]);
    private LocalHttpServer _server = null!;
    private int _hits;

    public async Task InitializeAsync() => _server = await LocalHttpServer.StartAsync(app =>
    {
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _hits);
            await next(context);
        });
        app.MapGet("/feed.xml", () => Results.Text(Rss, "application/rss+xml"));
        app.MapGet("/loop-a", () => Results.Redirect("/loop-b"));
        app.MapGet("/loop-b", () => Results.Redirect("/loop-a"));
        app.MapGet("/chain/{n:int}", (int n) => n == 0 ? Results.Text(Rss, "application/rss+xml") : Results.Redirect($"/chain/{n - 1}"));
        app.MapGet("/moved", () => Results.Redirect("/feed.xml", permanent: true, preserveMethod: true));
        app.MapGet("/temporary", () => Results.Redirect("/feed.xml"));
        app.MapGet("/to", (string target) => Results.Redirect(target));
        app.MapGet("/gzip-bomb", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/rss+xml";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(GzipBomb);
        });
        app.MapGet("/gzipped", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/rss+xml";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(Gzip(Encoding.UTF8.GetBytes(Rss)));
        });
        app.MapGet("/huge", async (HttpContext context) =>
        {
            // 50 MB without a Content-Length: the cap must stop the download while streaming.
            context.Response.ContentType = "application/rss+xml";
            var block = new byte[1024 * 1024];
            for (var i = 0; i < 50 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(block, context.RequestAborted);
            }
        });
        app.MapGet("/slow", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/rss+xml";
            for (var i = 0; i < 600 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync("<"u8.ToArray(), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(TimeSpan.FromSeconds(1), context.RequestAborted);
            }
        });
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static HttpFeedFetcher Fetcher(int maxBodyBytes = 10 * 1024 * 1024, int timeoutSeconds = 20) =>
        HttpFeedFetcher.Create(new FeedsOptions { MaxBodyBytes = maxBodyBytes, Timeout = TimeSpan.FromSeconds(timeoutSeconds), ReadTimeout = TimeSpan.FromSeconds(1) });

    private FeedSource Feed(string path, bool allowPrivate = true) => new("f", "F", _server.Url(path), TimeSpan.FromMinutes(1), allowPrivate);

    private Task<FetchResult> FetchAsync(string path, bool allowPrivate = true, HttpFeedFetcher? fetcher = null) =>
        (fetcher ?? Fetcher()).FetchAsync(Feed(path, allowPrivate), new FeedState("f"), CancellationToken.None);

    [Fact]
    public async Task Fetch_RedirectLoop_FailsNamingTheLoop()
    {
        var result = await FetchAsync("loop-a");

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.StartsWith("redirect loop", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("five redirects are followed", 5, FetchStatus.Fetched)]
    [InlineData("six are too many", 6, FetchStatus.Failed)]
    public async Task Fetch_RedirectChain_FollowsAtMostFive(string label, int hops, FetchStatus expected)
    {
        var result = await FetchAsync($"chain/{hops}");

        Assert.True(expected == result.Status, label);
        Assert.True(expected == FetchStatus.Fetched || result.Error!.StartsWith("too many redirects", StringComparison.Ordinal), label);
    }

    [Fact]
    public async Task Fetch_PermanentRedirect_ReportsTheNewUrl()
    {
        var result = await FetchAsync("moved");

        Assert.Equal(FetchStatus.Fetched, result.Status);
        Assert.Equal(_server.Url("feed.xml"), result.MovedTo);
    }

    [Fact]
    public async Task Fetch_TemporaryRedirect_KeepsTheStoredUrl()
    {
        var result = await FetchAsync("temporary");

        Assert.Equal(FetchStatus.Fetched, result.Status);
        Assert.Null(result.MovedTo);
    }

    [Theory]
    [InlineData("cloud metadata", "http://169.254.169.254/latest/meta-data/")]
    [InlineData("RFC 1918", "http://10.0.0.1/feed.xml")]
    [InlineData("RFC 1918 192.168", "http://192.168.1.1/feed.xml")]
    [InlineData("this network", "http://0.0.0.0/feed.xml")]
    [InlineData("IPv6 loopback", "http://[::1]:1/feed.xml")]
    public async Task Fetch_RedirectToPrivateAddress_IsRefusedBeforeConnecting(string label, string target)
    {
        var result = await FetchAsync("to?target=" + Uri.EscapeDataString(target));

        Assert.True(result.Status == FetchStatus.Failed, label);
        Assert.StartsWith("refused:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_RedirectToLoopbackName_IsRefusedByTheConnectCheck()
    {
        // "localhost" is a name, not a literal: only the connect callback, after resolving it, can refuse it.
        var result = await FetchAsync("to?target=" + Uri.EscapeDataString($"http://localhost:{_server.BaseAddress.Port}/feed.xml"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.StartsWith("refused: localhost resolves to", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, _hits); // the redirecting server only; the feed itself was never requested
    }

    [Fact]
    public async Task Fetch_LoopbackFeedNotAllowed_IsRefusedWithoutAnyRequest()
    {
        var feed = new FeedSource("f", "F", new Uri($"http://localhost:{_server.BaseAddress.Port}/feed.xml"), TimeSpan.FromMinutes(1), AllowPrivateNetwork: false);

        var result = await Fetcher().FetchAsync(feed, new FeedState("f"), CancellationToken.None);

        Assert.StartsWith("refused:", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, _hits);
    }

    [Fact]
    public async Task Fetch_NonHttpScheme_IsRefused()
    {
        var result = await FetchAsync("to?target=" + Uri.EscapeDataString("file:///etc/passwd"));

        Assert.StartsWith("refused: file URL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_GzipBomb_StopsAtTheDecompressedCap()
    {
        var result = await FetchAsync("gzip-bomb", fetcher: Fetcher(maxBodyBytes: 1024 * 1024));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Contains("larger than 1048576 bytes", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_50MegabyteBody_StopsAtTheDefaultCap()
    {
        var result = await FetchAsync("huge");

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Contains("larger than 10485760 bytes", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_OneBytePerSecond_TimesOut()
    {
        var result = await FetchAsync("slow", fetcher: Fetcher(timeoutSeconds: 2));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.StartsWith("timed out", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_GzipBody_IsDecoded()
    {
        var result = await FetchAsync("gzipped");

        Assert.Equal(Rss, Encoding.UTF8.GetString(result.Body!));
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
