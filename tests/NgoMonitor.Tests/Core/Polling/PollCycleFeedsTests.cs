using System.Text.Json;
using NgoMonitor.Host.Functions;
using NgoMonitor.Tests.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Core.Polling;

/// <summary>The poll cycle with hostile feeds among good ones, and the feed health incident rule, on the real host.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PollCycleFeedsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static Task<List<string>> PollAsync(MonitorTestHost host) => host.PollFeedsAndDrainAsync();

    [Fact]
    public async Task Poll_HostileFeedsAmongGoodOnes_EachFailsWithItsReasonAndTheGoodFeedAlerts()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        feeds.ServeText("xxe.xml", "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>&x;</title></channel></rss>");
        feeds.ServeText("page.xml", "<!DOCTYPE html><html><body>Welcome</body></html>", "text/html");
        feeds.Serve("error.xml", new FeedResponse(500, []));
        var config = TestConfig.FromSamples(("xxe", feeds.Url("xxe.xml")), ("page", feeds.Url("page.xml")), ("error", feeds.Url("error.xml")), ("test-desk", feeds.Url("desk.xml")));
        await using var host = await MonitorTestHost.StartAsync(azurite, config, Now);

        var logs = await PollAsync(host);

        Assert.Contains(logs, l => l.StartsWith("feed xxe: failed: refused: the document declares", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.StartsWith("feed page: failed: not a feed: an HTML page", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.StartsWith("feed error: failed: HTTP 500", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.StartsWith("feed test-desk: 2 items, 2 new", StringComparison.Ordinal));
        Assert.Equal(2, (await host.RowsAsync("Outbox")).Count);
    }

    [Fact]
    public async Task Poll_FeedFailingForAnHour_RaisesOneHealthAlertPerIncident()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.Serve("down.xml", new FeedResponse(503, []));
        await using var smtp = SmtpListener.Start();
        var config = TestConfig.FromSamples(("down", feeds.Url("down.xml")));
        await using var host = await MonitorTestHost.StartAsync(azurite, config, Now, HostMode.OneShot, [.. smtp.Settings()]);

        await PollAsync(host);
        host.Time.Advance(TimeSpan.FromMinutes(30));
        await PollAsync(host);
        var beforeAnHour = smtp.Messages.Count;
        host.Time.Advance(TimeSpan.FromMinutes(31));
        await PollAsync(host);
        host.Time.Advance(TimeSpan.FromMinutes(30));
        await PollAsync(host);

        Assert.Equal(0, beforeAnHour);
        var alert = Assert.Single(smtp.Messages);
        Assert.Equal(["security-desk@example.org"], alert.RcptTo);
        Assert.Contains("failing", alert.Message.Subject, StringComparison.Ordinal);
        Assert.True(feeds.Requests.Count >= 3);
        var state = (await host.RowsAsync("FeedStates")).Single();
        Assert.Equal("failing", state.GetString("HealthIncident"));
    }

    [Fact]
    public async Task Poll_SameStoriesInTwoFeeds_StoresBothButAlertsOnce()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeFile("one.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        feeds.ServeFile("two.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        var config = TestConfig.FromSamples(("one", feeds.Url("one.xml")), ("two", feeds.Url("two.xml")));
        await using var host = await MonitorTestHost.StartAsync(azurite, config, Now);

        await PollAsync(host);

        Assert.Equal(4, (await host.RowsAsync("Items")).Count);
        Assert.Equal(2, (await host.RowsAsync("Outbox")).Count);
    }
}

