using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NgoMonitor.Adapters.Feeds;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Feeds;

/// <summary>
/// A feed's private-network allowance names its origin: on loopback (the only place tests connect to), a feed
/// allowed on one port may not be redirected to another port (Azurite's, another service's) nor carry its allowance
/// into a later request to that port on a pooled connection; an allowed feed polled again reuses its own connection.
/// </summary>
public sealed class FeedOriginTests : IAsyncLifetime
{
    private const string Rss = "<rss version=\"2.0\"><channel><title>t</title><item><title>ok</title></item></channel></rss>";
    private LocalHttpServer _feed = null!;
    private LocalHttpServer _other = null!;
    private int _otherHits;
    private readonly ConcurrentDictionary<string, byte> _otherConnections = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        _other = await LocalHttpServer.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                Interlocked.Increment(ref _otherHits);
                _otherConnections.TryAdd(context.Connection.Id, 0);
                await next(context);
            });
            app.MapGet("/secret.xml", () => Results.Text(Rss, "application/rss+xml"));
        });
        _feed = await LocalHttpServer.StartAsync(app =>
        {
            app.MapGet("/feed.xml", () => Results.Text(Rss, "application/rss+xml"));
            app.MapGet("/same-origin", () => Results.Redirect("/feed.xml"));
            app.MapGet("/other-port", () => Results.Redirect(_other.Url("secret.xml").AbsoluteUri));
        });
    }

    public async Task DisposeAsync()
    {
        await _feed.DisposeAsync();
        await _other.DisposeAsync();
    }

    [Fact]
    public async Task Fetch_AllowedFeedRedirectsToAnotherLoopbackPort_IsRefusedAndThatPortIsNeverContacted()
    {
        var result = await Fetch(new FeedSource("f", "F", _feed.Url("other-port"), TimeSpan.FromMinutes(1), AllowPrivateNetwork: true));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.StartsWith("refused:", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, _otherHits);
    }

    [Fact]
    public async Task Fetch_AllowedFeedRedirectsWithinItsOrigin_IsFetched()
    {
        var result = await Fetch(new FeedSource("f", "F", _feed.Url("same-origin"), TimeSpan.FromMinutes(1), AllowPrivateNetwork: true));

        Assert.Equal(FetchStatus.Fetched, result.Status);
    }

    [Fact]
    public async Task Fetch_FeedWithoutTheAllowanceAfterAnAllowedOneOnTheSameOrigin_IsStillRefused()
    {
        // A host name, not a literal: only the connect check can refuse it, and a pooled connection would skip that check.
        var url = new Uri($"http://localhost:{_other.BaseAddress.Port}/secret.xml");
        var fetcher = HttpFeedFetcher.Create(new FeedsOptions());
        var allowed = await fetcher.FetchAsync(new FeedSource("a", "A", url, TimeSpan.FromMinutes(1), AllowPrivateNetwork: true), new FeedState("a"), CancellationToken.None);

        var notAllowed = await fetcher.FetchAsync(new FeedSource("b", "B", url, TimeSpan.FromMinutes(1)), new FeedState("b"), CancellationToken.None);

        Assert.Equal(FetchStatus.Fetched, allowed.Status);
        Assert.Equal(FetchStatus.Failed, notAllowed.Status);
        Assert.Equal(1, _otherHits);
    }

    [Fact]
    public async Task Fetch_AllowedFeedPolledAgain_ReusesItsConnection()
    {
        // An intranet or test feed polled every few minutes keeps one connection, as a public feed does, instead of
        // a new TCP connection per poll.
        var feed = new FeedSource("a", "A", new Uri($"http://localhost:{_other.BaseAddress.Port}/secret.xml"), TimeSpan.FromMinutes(1), AllowPrivateNetwork: true);
        var fetcher = HttpFeedFetcher.Create(new FeedsOptions());

        var first = await fetcher.FetchAsync(feed, new FeedState(feed.Id), CancellationToken.None);
        var second = await fetcher.FetchAsync(feed, new FeedState(feed.Id), CancellationToken.None);

        Assert.Equal(FetchStatus.Fetched, first.Status);
        Assert.Equal(FetchStatus.Fetched, second.Status);
        Assert.Equal(2, _otherHits);
        Assert.Single(_otherConnections);
    }

    private static Task<FetchResult> Fetch(FeedSource feed) =>
        HttpFeedFetcher.Create(new FeedsOptions()).FetchAsync(feed, new FeedState(feed.Id), CancellationToken.None);
}
