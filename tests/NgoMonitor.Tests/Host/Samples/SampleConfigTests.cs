using System.Text.Json.Nodes;
using NgoMonitor.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Samples;

/// <summary>The shipped sample configuration works on whatever port Monitor listens (the tests' host takes a random one).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SampleConfigTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ShippedSample_OnARandomPort_PollsItsOwnSampleFeedsWithLinksOnThatPort()
    {
        // The shipped file with its bundled sample feeds only (tests reach loopback only, never the real news sites).
        var config = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("samples", "monitor.config.json")))!.AsObject();
        config.Remove("$schema");
        config["feeds"] = new JsonArray([.. config["feeds"]!.AsArray().Where(f => f!["url"]!.GetValue<string>().StartsWith("/samples/", StringComparison.Ordinal)).Select(f => f!.DeepClone())]);
        await using var host = await MonitorTestHost.StartAsync(azurite, TestConfig.Write(config.ToJsonString()), new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), HostMode.OneShot);

        await host.PollFeedsAndDrainAsync();

        var port = host.Client.BaseAddress!.Port;
        Assert.NotEqual(7071, port);
        var feeds = await host.RowsAsync("Feeds");
        Assert.Equal(3, feeds.Count);
        Assert.All(feeds, f => Assert.Contains($"127.0.0.1:{port}/samples/feeds/", f.GetString("Json"), StringComparison.Ordinal));
        var states = await host.RowsAsync("FeedStates");
        Assert.Equal(3, states.Count);
        Assert.All(states, s => Assert.Equal(0, s.GetInt32("ConsecutiveFailures") ?? 0));
        var items = await host.RowsAsync("Items");
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.StartsWith($"http://127.0.0.1:{port}/samples/stories/", i.GetString("Link"), StringComparison.Ordinal));
    }
}
