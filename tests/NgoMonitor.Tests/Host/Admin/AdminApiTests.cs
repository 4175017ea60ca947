using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Adapters.Queues;
using NgoMonitor.Host.Admin;
using NgoMonitor.Tests.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin;

/// <summary>The admin API against the real app and Azurite: CRUD with ETags, problem details, audit, preview, imports.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AdminApiTests(AzuriteFixture azurite)
{
    private const string Feed = """{"id":"new-feed","name":"New feed","url":"https://example.org/rss.xml","minIntervalMinutes":10}""";

    [Fact]
    public async Task CreateFeed_ThenReadIt_ReturnsItWithAnETagAndAudits()
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        using var created = await admin.SendAsync(HttpMethod.Post, "/api/feeds", json: Feed);
        using var read = await admin.SendAsync(HttpMethod.Get, "/api/feeds/new-feed", "viewer");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.NotNull(read.Headers.ETag);
        Assert.Equal("https://example.org/rss.xml", JsonNode.Parse(await read.Content.ReadAsStringAsync())!["url"]!.GetValue<string>());
        var audit = Assert.Single(await admin.Host.RowsAsync("Audit"), r => r.GetString("EntityId") == "new-feed");
        Assert.Equal("create", audit.GetString("Action"));
        Assert.Equal("apikey:test admin", audit.GetString("Actor"));
        Assert.Null(audit.GetString("Before"));
        Assert.Contains("example.org/rss.xml", audit.GetString("After"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplaceFeed_WithAStaleETag_Answers412AndKeepsTheFirstChange()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        (await admin.SendAsync(HttpMethod.Post, "/api/feeds", json: Feed)).Dispose();
        using var read = await admin.SendAsync(HttpMethod.Get, "/api/feeds/new-feed");
        var etag = read.Headers.ETag!.ToString();

        using var first = await admin.SendAsync(HttpMethod.Put, "/api/feeds/new-feed", json: Feed.Replace("New feed", "First admin", StringComparison.Ordinal), etag: etag);
        using var second = await admin.SendAsync(HttpMethod.Put, "/api/feeds/new-feed", json: Feed.Replace("New feed", "Second admin", StringComparison.Ordinal), etag: etag);
        using var after = await admin.SendAsync(HttpMethod.Get, "/api/feeds/new-feed");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType!.MediaType);
        Assert.Equal("First admin", JsonNode.Parse(await after.Content.ReadAsStringAsync())!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReplaceFeed_WithoutIfMatch_Answers428()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        (await admin.SendAsync(HttpMethod.Post, "/api/feeds", json: Feed)).Dispose();

        using var response = await admin.SendAsync(HttpMethod.Put, "/api/feeds/new-feed", json: Feed);

        Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
    }

    [Theory]
    [InlineData("bad url", """{"id":"f1","url":"ftp://example.org/x"}""", "url")]
    [InlineData("interval out of range", """{"id":"f1","url":"https://example.org/x","minIntervalMinutes":0}""", "minIntervalMinutes")]
    [InlineData("home area off the globe", """{"id":"f1","url":"https://example.org/x","home":{"lat":91,"lon":0,"radiusKm":50}}""", "home")]
    [InlineData("home area too wide", """{"id":"f1","url":"https://example.org/x","home":{"lat":38.8,"lon":-77,"radiusKm":501}}""", "home.radiusKm")]
    [InlineData("unknown country", """{"id":"f1","url":"https://example.org/x","country":"ZZ"}""", "country")]
    [InlineData("unknown field", """{"id":"f1","url":"https://example.org/x","colour":"red"}""", "colour")]
    [InlineData("wrong type", """{"id":"f1","url":42}""", "url")]
    [InlineData("script in name", """{"id":"f1","url":"https://example.org/x","name":"<script>alert(1)</script>"}""", "name")]
    [InlineData("bad id", """{"id":"no spaces allowed","url":"https://example.org/x"}""", "id")]
    public async Task CreateFeed_Invalid_Answers400ProblemNamingTheField(string label, string json, string field)
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/feeds", json: json);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, label);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{label}: {problem.RootElement}");
    }

    [Fact]
    public async Task CreateWatchlist_WithAnUnknownRecipientAndAnEmptyRule_NamesBothFields()
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/watchlists", json: """{"id":"w1","rules":[{"any":["flood*"]},{"none":["x"]}],"recipients":["nobody"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("rules[1]"), errors.ToJsonString());
    }

    [Fact]
    public async Task DeleteRecipient_UsedByAWatchlist_Answers409()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        using var read = await admin.SendAsync(HttpMethod.Get, "/api/recipients/security-desk");

        using var response = await admin.SendAsync(HttpMethod.Delete, "/api/recipients/security-desk", etag: read.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("health-care", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poison_AMessageThatFailsEveryDelivery_IsListedForViewersAfterMaxDequeueCount()
    {
        await using var admin = await AdminHost.StartAsync(azurite, settings: "--Queues:MaxDequeueCount=3");
        var queues = admin.Host.App.Services.GetRequiredService<StorageQueues>();
        await queues.Queue(queues.PollQueue).CreateIfNotExistsAsync();
        await queues.Queue(queues.PollQueue).SendMessageAsync("{\"cycle\":\"c\",\"feeds\":\"not a list\"}");

        var logs = await admin.Host.DrainQueuesAsync();
        using var response = await admin.SendAsync(HttpMethod.Get, "/api/admin/poison", "viewer");

        Assert.Equal(3, logs.Count(l => l.StartsWith("PollFeedBatch failed", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var poisoned = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray());
        Assert.Equal(queues.PollQueue + "-poison", poisoned!["queue"]!.GetValue<string>());
        Assert.Contains("not a list", poisoned["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await queues.CountAsync(queues.PollQueue, CancellationToken.None));
    }

    [Fact]
    public async Task Preview_AfterAPoll_ShowsWhatWouldHaveMatchedAndWhoWouldBeAlerted()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        await using var admin = await AdminHost.StartAsync(azurite, TestConfig.FromSamples(("test-desk", feeds.Url("desk.xml"))));
        await admin.Host.PollFeedsAndDrainAsync();
        var draft = """
            {"watchlist":{"name":"Olives","rules":[{"any":["olive*"]}],"geofences":[{"name":"Idlib","lat":35.93,"lon":36.63,"radiusKm":30}],"recipients":["azaz-officer"]},"days":3}
            """;

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/watchlists/preview", json: draft);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(2, result["scanned"]!.GetValue<int>());
        var match = Assert.Single(result["matches"]!.AsArray());
        Assert.Equal("Farmers around Idlib expect a strong olive harvest", match!["title"]!.GetValue<string>());
        Assert.Equal("Idlib", match["fenceName"]!.GetValue<string>());
        Assert.Equal("azaz-officer", Assert.Single(result["alerts"]!.AsArray())!["recipientId"]!.GetValue<string>());
        Assert.Null(await FindRowAsync(admin, "Watchlists", "preview"));
    }

    [Fact]
    public async Task ImportOpml_AddsNewFeedsAndSkipsKnownUrls()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        var opml = """
            <?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
              <outline text="Relief Updates" xmlUrl="https://relief.example.org/rss.xml"/>
              <outline text="Folder"><outline title="Wire &amp; Co" xmlUrl="https://wire.example.org/feed"/></outline>
              <outline text="Already here" xmlUrl="http://127.0.0.1:9/desk.xml"/>
            </body></opml>
            """;

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/import/opml", json: opml, contentType: "text/x-opml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonSerializer.Deserialize<ImportResult>(await response.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!;
        Assert.Equal(["relief-example-org-rss", "wire-example-org-feed"], result.Added);
        Assert.Single(result.Skipped);
    }

    [Fact]
    public async Task ImportOpml_OutlineWithCountryAndHomeArea_StoresBoth()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        var opml = """
            <?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
              <outline text="Darfur desk" xmlUrl="https://darfur.example.org/rss.xml" monitorCountry="sd"
                       monitorHomeLat="13.63" monitorHomeLon="25.35" monitorHomeRadiusKm="250"/>
            </body></opml>
            """;

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/import/opml", json: opml, contentType: "text/x-opml");
        using var read = await admin.SendAsync(HttpMethod.Get, "/api/feeds/darfur-example-org-rss");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var feed = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
        Assert.Equal("sd", feed["country"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal((13.63, 25.35, 250.0), (feed["home"]!["lat"]!.GetValue<double>(), feed["home"]!["lon"]!.GetValue<double>(), feed["home"]!["radiusKm"]!.GetValue<double>()));
    }

    [Fact]
    public async Task ImportOpml_WithADoctype_IsRefusedAndStoresNothing()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        var before = (await admin.Host.RowsAsync("Feeds")).Count;
        var opml = """<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x "xx">]><opml><body><outline text="&x;" xmlUrl="https://a.example.org/"/></body></opml>""";

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/import/opml", json: opml, contentType: "application/xml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, (await admin.Host.RowsAsync("Feeds")).Count);
    }

    [Theory]
    [InlineData("point with radius", """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[37.1,36.6]},"properties":{"name":"Clinic","radiusKm":5}}]}""", 200)]
    [InlineData("polygon", """{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{}}""", 200)]
    [InlineData("polygon crossing itself", """{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]},"properties":{}}""", 400)]
    [InlineData("point without radius", """{"type":"Feature","geometry":{"type":"Point","coordinates":[37.1,36.6]},"properties":{}}""", 400)]
    [InlineData("latitude out of range", """{"type":"Feature","geometry":{"type":"Point","coordinates":[37.1,136.6]},"properties":{"radiusKm":5}}""", 400)]
    public async Task ImportGeoJson_IntoAWatchlist_AddsFencesOrExplains(string label, string geojson, int status)
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        using var read = await admin.SendAsync(HttpMethod.Get, "/api/watchlists/azaz-office");

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/watchlists/azaz-office/geofences", json: geojson, etag: read.Headers.ETag!.ToString(), contentType: "application/geo+json");
        using var after = await admin.SendAsync(HttpMethod.Get, "/api/watchlists/azaz-office");

        Assert.True(status == (int)response.StatusCode, $"{label}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var fences = JsonNode.Parse(await after.Content.ReadAsStringAsync())!["geofences"]!.AsArray();
        Assert.Equal(status == 200 ? 2 : 1, fences.Count);
    }

    [Fact]
    public async Task Subscription_OfficerUnsubscribesByLink_WatchlistLosesTheRecipientAndTheChangeIsAudited()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        using var read = await admin.SendAsync(HttpMethod.Get, "/api/subscriptions/azaz-officer", "officer");
        var view = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
        Assert.Contains(view["watchlists"]!.AsArray(), w => w!["id"]!.GetValue<string>() == "azaz-office" && w["subscribed"]!.GetValue<bool>());

        using var change = await admin.SendAsync(HttpMethod.Put, "/api/subscriptions/azaz-officer", "officer", """{"watchlists":["health-care"],"channels":["sms"]}""", read.Headers.ETag!.ToString());
        using var office = await admin.SendAsync(HttpMethod.Get, "/api/watchlists/azaz-office");
        using var health = await admin.SendAsync(HttpMethod.Get, "/api/watchlists/health-care");

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.DoesNotContain("azaz-officer", await office.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("azaz-officer", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(await admin.Host.RowsAsync("Audit"), r => r.GetString("Actor") == "link:officer:azaz-officer" && r.GetString("EntityId") == "azaz-office");
    }

    [Fact]
    public async Task Alerts_AfterAPoll_CarryWhyYouGotThis()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        await using var admin = await AdminHost.StartAsync(azurite, TestConfig.FromSamples(("test-desk", feeds.Url("desk.xml"))));
        await admin.Host.PollFeedsAndDrainAsync();

        using var response = await admin.SendAsync(HttpMethod.Get, "/api/alerts?recipient=azaz-officer", "officer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alert = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["items"]!.AsArray())!;
        var why = Assert.Single(alert["why"]!.AsArray())!;
        Assert.Equal("azaz-office", why["watchlistId"]!.GetValue<string>());
        Assert.Equal("Azaz field office", why["fenceName"]!.GetValue<string>());
        Assert.Equal("NamedTown", alert["placeMethod"]!.GetValue<string>());
        Assert.Equal("NamedTown", why["placeMethod"]!.GetValue<string>());
        Assert.Equal(alert["placeConfidence"]!.GetValue<double>(), why["placeConfidence"]!.GetValue<double>());
    }

    /// <summary>An SMS whose send failed (Twilio 503) shows its attempts and when it is tried again (the retry back-off, 30 s).</summary>
    [Fact]
    public async Task Alerts_SmsAttemptFailed_ShowAttemptsAndNextAttemptTime()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        await using var twilio = await FakeTwilioApi.StartAsync();
        twilio.FailNext(503, 20500, "down");
        await using var admin = await AdminHost.StartAsync(azurite, TestConfig.FromSamples(("test-desk", feeds.Url("desk.xml"))), [.. twilio.Settings(), "--Twilio:RetryAttempts=0"]);
        await admin.Host.PollFeedsAndDrainAsync();

        using var response = await admin.SendAsync(HttpMethod.Get, "/api/alerts?recipient=azaz-officer", "officer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alert = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["items"]!.AsArray())!;
        Assert.Equal("Pending", alert["status"]!.GetValue<string>());
        Assert.Equal(1, alert["attempts"]!.GetValue<int>());
        Assert.Equal(AdminHost.Now.AddSeconds(30), alert["nextAttemptAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task StatusCallback_SignedForTheConfiguredPublicCallbackUrl_Accepted_AndTampered_Refused()
    {
        await using var admin = await AdminHost.StartAsync(azurite, null, "--Twilio:AuthToken=test-token", "--Twilio:StatusCallbackUrl=https://monitor.example.org/twilio/status");
        var form = new Dictionary<string, string> { ["MessageSid"] = "SM123", ["MessageStatus"] = "delivered" };
        var signature = FakeTwilioApi.Sign("https://monitor.example.org/twilio/status", form, "test-token");

        using var good = new HttpRequestMessage(HttpMethod.Post, "/twilio/status") { Content = new FormUrlEncodedContent(form) };
        good.Headers.Add("X-Twilio-Signature", signature);
        using var bad = new HttpRequestMessage(HttpMethod.Post, "/twilio/status") { Content = new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["MessageStatus"] = "failed" }) };
        bad.Headers.Add("X-Twilio-Signature", signature);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.SendAsync(good)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Client.SendAsync(bad)).StatusCode);
    }

    [Fact]
    public async Task AppServicePrincipal_WhenTrusted_GrantsTheEntraRole_AndIsIgnoredOtherwise()
    {
        var principal = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{"typ":"name","val":"Ada"},{"typ":"roles","val":"Monitor.Viewer"}]}"""));
        await using var trusted = await AdminHost.StartAsync(azurite, null, "--Admin:TrustAppServicePrincipal=true");
        await using var untrusted = await AdminHost.StartAsync(azurite);

        using var asViewer = trusted.Request(HttpMethod.Get, "/api/me", "none");
        asViewer.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        using var forged = untrusted.Request(HttpMethod.Get, "/api/me", "none");
        forged.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        using var viewerResponse = await trusted.Client.SendAsync(asViewer);
        using var forgedResponse = await untrusted.Client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.OK, viewerResponse.StatusCode);
        Assert.Equal("viewer", JsonNode.Parse(await viewerResponse.Content.ReadAsStringAsync())!["role"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, forgedResponse.StatusCode);
    }

    private static async Task<Azure.Data.Tables.TableEntity?> FindRowAsync(AdminHost admin, string table, string rowKey) =>
        (await admin.Host.RowsAsync(table)).FirstOrDefault(r => r.RowKey == rowKey);
}
