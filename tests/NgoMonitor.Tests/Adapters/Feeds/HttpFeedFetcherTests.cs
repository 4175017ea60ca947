using System.Text;
using NgoMonitor.Adapters.Feeds;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Feeds;

public sealed class HttpFeedFetcherTests : IAsyncLifetime
{
    private FeedServer _server = null!;

    public async Task InitializeAsync() => _server = await FeedServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static HttpFeedFetcher Fetcher(int maxBodyBytes = 10 * 1024 * 1024) =>
        HttpFeedFetcher.Create(new FeedsOptions { MaxBodyBytes = maxBodyBytes });

    private FeedSource Feed(string path) => new("f", "F", _server.Url(path), TimeSpan.FromMinutes(1), AllowPrivateNetwork: true);

    [Fact]
    public async Task Fetch_StoredETagStillValid_GivesNotModifiedAndSendsIfNoneMatch()
    {
        _server.ServeText("a.xml", "<rss/>", etag: "\"v1\"");

        var result = await Fetcher().FetchAsync(Feed("a.xml"), new FeedState("f", ETag: "\"v1\""), CancellationToken.None);

        Assert.Equal(FetchStatus.NotModified, result.Status);
        Assert.Equal("\"v1\"", _server.Requests.Single().IfNoneMatch);
    }

    [Fact]
    public async Task Fetch_Ok_ReturnsBodyAndNewValidators()
    {
        _server.ServeText("a.xml", "<rss/>", etag: "\"v2\"");

        var result = await Fetcher().FetchAsync(Feed("a.xml"), new FeedState("f", ETag: "\"v1\""), CancellationToken.None);

        Assert.Equal(FetchStatus.Fetched, result.Status);
        Assert.Equal("<rss/>", Encoding.UTF8.GetString(result.Body!));
        Assert.Equal("\"v2\"", result.ETag);
        Assert.StartsWith("Monitor/", _server.Requests.Single().UserAgent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, "HTTP 404")]
    [InlineData(403, "HTTP 403")]
    [InlineData(500, "HTTP 500")]
    public async Task Fetch_HttpError_IsReportedWithItsStatus(int status, string expected)
    {
        _server.Serve("e.xml", new FeedResponse(status, []));

        var result = await Fetcher().FetchAsync(Feed("e.xml"), new FeedState("f"), CancellationToken.None);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(status, result.HttpStatus);
        Assert.Equal(FeedErrorKind.HttpStatus, result.Failure?.Kind);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_429WithRetryAfter_ReportsTheDelay()
    {
        _server.Serve("busy.xml", new FeedResponse(429, [], RetryAfter: "120"));

        var result = await Fetcher().FetchAsync(Feed("busy.xml"), new FeedState("f"), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
    }

    [Fact]
    public async Task Fetch_BodyOverTheCap_FailsWithAClearReason()
    {
        _server.Serve("big.xml", new FeedResponse(200, new byte[200_000]));

        var result = await Fetcher(maxBodyBytes: 100_000).FetchAsync(Feed("big.xml"), new FeedState("f"), CancellationToken.None);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(FeedErrorKind.TooLarge, result.Failure?.Kind);
        Assert.Contains("larger than 100000 bytes", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_NothingListening_FailsWithNetworkError()
    {
        var closed = new FeedSource("f", "F", new Uri($"http://127.0.0.1:{AzuriteFixture.FreePort()}/x.xml"), TimeSpan.FromMinutes(1), true);

        var result = await Fetcher().FetchAsync(closed, new FeedState("f"), CancellationToken.None);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(FeedErrorKind.Network, result.Failure?.Kind);
        Assert.IsType<HttpRequestException>(result.Failure?.Exception);
        Assert.StartsWith("network error", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("an address literal, refused before connecting", "127.0.0.1", false)]
    [InlineData("a name resolving to loopback, refused by the connect callback", "localhost", true)]
    public async Task Fetch_PrivateAddressNotAllowed_IsARefusalByKind(string label, string host, bool throughException)
    {
        _server.ServeText("a.xml", "<rss/>");
        var feed = new FeedSource("f", "F", new UriBuilder(_server.Url("a.xml")) { Host = host }.Uri, TimeSpan.FromMinutes(1), AllowPrivateNetwork: false);

        var result = await Fetcher().FetchAsync(feed, new FeedState("f"), CancellationToken.None);

        Assert.True(FeedErrorKind.Refused == result.Failure?.Kind, label + ": " + result.Error);
        Assert.Equal(throughException, result.Failure?.Exception is not null);
        Assert.Empty(_server.Requests);
    }
}
