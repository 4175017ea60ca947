using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using NgoMonitor.Tests.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin;

/// <summary>
/// The feed tools against the real app, Azurite and a loopback feed server: test a feed, discover feeds, poll now,
/// ids derived from the URL, OPML folders both ways. Refusals are tested on the network guard's decision only (an
/// address literal it refuses before any connection).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FeedToolsApiTests(AzuriteFixture azurite)
{
    private const string Evacuations = """{"id":"evacuations","name":"Evacuations","rules":[{"any":["evacuat*"]}],"recipients":["azaz-officer"]}""";

    [Fact]
    public async Task TestFeed_LoopbackFeed_ShowsItsItemsAndTheirMatches_AndStoresNothing()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        await using var admin = await AdminHost.StartAsync(azurite);
        (await admin.SendAsync(HttpMethod.Post, "/api/watchlists", json: Evacuations)).Dispose();
        var before = await TablesAsync(admin);

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/feeds/test", json: $$"""{"url":"{{feeds.Url("desk.xml")}}","allowPrivateNetwork":true}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(result["ok"]!.GetValue<bool>());
        Assert.Equal("Test Desk", result["title"]!.GetValue<string>());
        Assert.Equal(2, result["itemCount"]!.GetValue<int>());
        var hospital = result["items"]!.AsArray().Single(i => i!["title"]!.GetValue<string>().StartsWith("Hospital in Azaz", StringComparison.Ordinal))!;
        var match = hospital["matches"]!.AsArray().Single(m => m!["watchlistId"]!.GetValue<string>() == "evacuations")!;
        Assert.Equal("evacuated", match["terms"]![0]!.GetValue<string>());
        Assert.Equal(before, await TablesAsync(admin));
    }

    [Theory]
    [InlineData("private address without the allowance", "http://10.1.2.3/rss.xml", false)]
    [InlineData("loopback without the allowance", "http://127.0.0.1:9/rss.xml", false)]
    public async Task TestFeed_AddressTheGuardRefuses_AnswersTheRefusalAndStoresNothing(string label, string url, bool allowPrivate)
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        var before = await TablesAsync(admin);

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/feeds/test", json: $$"""{"url":"{{url}}","allowPrivateNetwork":{{(allowPrivate ? "true" : "false")}}}""");

        Assert.True(response.StatusCode == HttpStatusCode.OK, label);
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(result["ok"]!.GetValue<bool>());
        Assert.Equal("Refused", result["errorKind"]!.GetValue<string>());
        Assert.StartsWith("refused:", result["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await TablesAsync(admin));
    }

    [Fact]
    public async Task DiscoverFeeds_SitePageWithAlternateLinks_ListsTheFeedsWithTheirIds()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeText("news/", """<html><head><link rel="alternate" type="application/atom+xml" title="World" href="world.atom"><link rel="alternate" type="application/rss+xml" href="/rss/africa.xml"></head></html>""", "text/html");
        await using var admin = await AdminHost.StartAsync(azurite);

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/feeds/discover", json: $$"""{"url":"{{feeds.Url("news/")}}","allowPrivateNetwork":true}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var found = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["feeds"]!.AsArray();
        Assert.Equal([feeds.Url("news/world.atom").AbsoluteUri, feeds.Url("rss/africa.xml").AbsoluteUri], found.Select(f => f!["url"]!.GetValue<string>()).ToArray());
        Assert.Equal("World", found[0]!["title"]!.GetValue<string>());
        Assert.Equal("127-0-0-1-rss-africa", found[1]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task DiscoverFeeds_UrlThatIsAFeed_ListsTheFeedItself()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        await using var admin = await AdminHost.StartAsync(azurite);

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/feeds/discover", json: $$"""{"url":"{{feeds.Url("desk.xml")}}","allowPrivateNetwork":true}""");

        var found = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["feeds"]!.AsArray())!;
        Assert.Equal("Test Desk", found["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task DiscoverFeeds_PrivateAddressWithoutTheAllowance_Answers422FromTheGuard()
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/feeds/discover", json: """{"url":"http://192.168.1.10/"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("refused", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollNow_FeedInBackOff_IsPolledAtTheNextQueueRun()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.Serve("desk.xml", new FeedResponse(500, Encoding.UTF8.GetBytes("down")));
        await using var admin = await AdminHost.StartAsync(azurite, TestConfig.WithoutWatchlists(feeds.Url("desk.xml")));
        await admin.Host.PollFeedsAndDrainAsync();
        Assert.Contains(await admin.Host.RowsAsync("FeedStates"), r => r.RowKey == "test-desk" && r.GetInt32("ConsecutiveFailures") == 1);
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));

        using var accepted = await admin.SendAsync(HttpMethod.Post, "/api/feeds/test-desk/poll");
        await admin.Host.DrainQueuesAsync();

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(2, (await admin.Host.RowsAsync("Items")).Count);
        Assert.Contains(await admin.Host.RowsAsync("FeedStates"), r => r.RowKey == "test-desk" && r.GetInt32("ConsecutiveFailures") == 0);
        Assert.Contains(await admin.Host.RowsAsync("Audit"), r => r.GetString("Action") == "poll-now" && r.GetString("EntityId") == "test-desk");
    }

    [Theory]
    [InlineData("a bare GET acts on nothing", "GET", "/api/feeds/test-desk/poll", "admin", HttpStatusCode.MethodNotAllowed)]
    [InlineData("a viewer may not poll", "POST", "/api/feeds/test-desk/poll", "viewer", HttpStatusCode.Forbidden)]
    [InlineData("no such feed", "POST", "/api/feeds/no-such-feed/poll", "admin", HttpStatusCode.NotFound)]
    [InlineData("a bare GET tests nothing", "GET", "/api/feeds/test", "admin", HttpStatusCode.NotFound)]
    [InlineData("an officer may not test", "POST", "/api/feeds/test", "officer", HttpStatusCode.Forbidden)]
    public async Task FeedTools_WrongMethodOrRole_AreRefusedWithAProblem(string label, string method, string path, string who, HttpStatusCode expected)
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        using var response = await admin.SendAsync(new HttpMethod(method), path, who, method == "POST" ? """{"url":"https://example.org/rss"}""" : null);

        Assert.True(response.StatusCode == expected, $"{label}: {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(await admin.Host.RowsAsync("Audit"), r => r.GetString("Action") == "poll-now");
    }

    [Fact]
    public async Task CreateFeed_WithoutAnId_TakesTheIdDerivedFromItsUrl()
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        using var created = await admin.SendAsync(HttpMethod.Post, "/api/feeds", json: """{"name":"RFI Afrique","url":"https://www.rfi.fr/fr/afrique/rss"}""");
        using var again = await admin.SendAsync(HttpMethod.Post, "/api/feeds", json: """{"url":"https://www.rfi.fr/fr/afrique/rss"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/feeds/rfi-fr-fr-afrique-rss", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task OpmlImportThenExport_KeepsTheFolders()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        const string opml = """
            <?xml version="1.0"?>
            <opml version="2.0"><body>
              <outline text="Africa"><outline text="DRC">
                <outline type="rss" text="Radio Okapi" xmlUrl="https://www.radiookapi.net/rss.xml"/>
              </outline></outline>
              <outline type="rss" text="ReliefWeb" xmlUrl="https://reliefweb.int/updates/rss.xml"/>
            </body></opml>
            """;

        using var imported = await admin.SendAsync(HttpMethod.Post, "/api/import/opml", json: opml, contentType: "text/x-opml");
        using var feed = await admin.SendAsync(HttpMethod.Get, "/api/feeds/radiookapi-net-rss");
        using var exported = await admin.SendAsync(HttpMethod.Get, "/api/export/opml", "viewer");

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal("Africa/DRC", JsonNode.Parse(await feed.Content.ReadAsStringAsync())!["folder"]!.GetValue<string>());
        Assert.Equal("text/x-opml", exported.Content.Headers.ContentType!.MediaType);
        var body = XDocument.Parse(await exported.Content.ReadAsStringAsync()).Root!.Element("body")!;
        var okapi = body.Descendants("outline").Single(o => (string?)o.Attribute("monitorId") == "radiookapi-net-rss");
        Assert.Equal(["DRC", "Africa"], okapi.Ancestors("outline").Select(o => o.Attribute("text")?.Value ?? "").ToArray());
        Assert.Null(body.Descendants("outline").Single(o => (string?)o.Attribute("monitorId") == "reliefweb-int-updates-rss").Parent!.Attribute("text"));
    }

    /// <summary>Every table a feed test could write to, as row keys and ETags.</summary>
    private static Task<string> TablesAsync(AdminHost admin) => AdminApiFuzzTests.SnapshotAsync(admin, "Feeds", "FeedStates", "Items", "Matches", "Outbox", "Audit");
}
