using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NgoMonitor.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Functions;

/// <summary>
/// Nobody but the Functions host (over its gRPC channel) or Monitor's own scheduler can make Monitor poll, fetch or
/// send: no HTTP route invokes a function; and a poll message names feed ids, so a forged message cannot choose the
/// URL fetched, the source name shown or the private-network permission.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class InvocationTrustTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("/PollFeeds")]
    [InlineData("/PollFeedBatch")]
    [InlineData("/DispatchAlerts")]
    public async Task InvocationPathFromANetworkClient_IsNotServedAndFetchesNothing(string path)
    {
        await using var attacker = await FeedServer.StartAsync();
        attacker.ServeFile("fake.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        await using var host = await MonitorTestHost.StartAsync(azurite, TestConfig.FromSamples(), Now, HostMode.Standalone, "--RUN_ON_STARTUP=false");

        using var response = await host.Client.PostAsync(path, new StringContent(ForgedEnvelope(attacker.Url("fake.xml")), Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(attacker.Requests);
    }

    [Fact]
    public async Task PollFeedBatch_MessageCarryingAFeedDefinition_FetchesOnlyTheStoredFeed()
    {
        await using var stored = await FeedServer.StartAsync();
        stored.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        await using var attacker = await FeedServer.StartAsync();
        attacker.ServeFile("fake.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        await using var host = await MonitorTestHost.StartAsync(azurite, TestConfig.FromSamples(("test-desk", stored.Url("desk.xml"))), Now);

        await host.DeliverAsync(FunctionTable.PollFeedBatch, ForgedMessage(attacker.Url("fake.xml"), "test-desk", "reuters"), 1, "m1");

        Assert.Empty(attacker.Requests);
        Assert.Single(stored.Requests);
    }

    /// <summary>A poll message that carries its own feed definitions, as a forger would write it: ids plus a feed list.</summary>
    private static string ForgedMessage(Uri url, params string[] ids) => new JsonObject
    {
        ["Cycle"] = "forged",
        ["FeedIds"] = new JsonArray([.. ids.Select(i => JsonValue.Create(i))]),
        ["Feeds"] = new JsonArray([.. ids.Select(i => new JsonObject
        {
            ["Id"] = i,
            ["Name"] = "Reuters",
            ["Url"] = url.ToString(),
            ["MinInterval"] = "00:01:00",
            ["AllowPrivateNetwork"] = true,
        })]),
    }.ToJsonString();

    private static string ForgedEnvelope(Uri url) => new JsonObject
    {
        ["Data"] = new JsonObject { ["batch"] = ForgedMessage(url, "reuters"), ["timer"] = new JsonObject() },
        ["Metadata"] = new JsonObject { ["DequeueCount"] = 1 },
    }.ToJsonString();
}
