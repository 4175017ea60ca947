using System.Net;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin;

[Collection(AzuriteCollection.Name)]
public sealed class AdminRateLimitsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Api_CallerOverItsMinuteBudget_Gets429WithRetryAfter_WhileAnotherKeyIsServed()
    {
        await using var admin = await AdminHost.StartAsync(azurite, null, "--Admin:RequestsPerMinute=10");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            statuses.Add((await admin.SendAsync(HttpMethod.Get, "/api/feeds", "viewer")).StatusCode);
        }

        var refused = await admin.SendAsync(HttpMethod.Get, "/api/feeds", "viewer");
        var otherKey = await admin.SendAsync(HttpMethod.Get, "/api/feeds", "admin");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 10).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }

    [Fact]
    public async Task Preview_HasItsOwnTighterBudget()
    {
        await using var admin = await AdminHost.StartAsync(azurite, null, "--Admin:PreviewsPerMinute=1");
        const string draft = """{"watchlist":{"name":"Draft","rules":[{"any":["hospital"]}],"recipients":["azaz-officer"]},"days":3}""";

        var first = await admin.SendAsync(HttpMethod.Post, "/api/watchlists/preview", "admin", draft);
        var second = await admin.SendAsync(HttpMethod.Post, "/api/watchlists/preview", "admin", draft);
        var list = await admin.SendAsync(HttpMethod.Get, "/api/watchlists", "admin");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }
}
