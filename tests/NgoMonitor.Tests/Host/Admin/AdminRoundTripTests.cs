using System.Net;
using System.Text.Json.Nodes;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin;

/// <summary>
/// What GET returns, PUT accepts back unchanged and stores identically; and an officer's change to their own
/// subscription keeps every setting it does not name.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AdminRoundTripTests(AzuriteFixture azurite)
{
    private const string FullOfficer = """
        {"id":"azaz-officer","name":"Field security officer, Azaz","phone":"+15005550006","country":"SY","email":"officer@example.org","channels":["sms"],
         "timeZone":"Asia/Damascus","admin":true,"backup":"security-desk","minSeverity":"moderate","quietHours":{"start":"22:00","end":"06:00","overrideSeverity":"severe"},
         "smsPerHour":10,"digest":"daily","language":"fr","team":"azaz"}
        """;

    [Theory]
    [InlineData("/api/feeds/test-desk", "admin")]
    [InlineData("/api/recipients/azaz-officer", "admin")]
    [InlineData("/api/recipients/security-desk", "admin")]
    [InlineData("/api/watchlists/azaz-office", "admin")]
    [InlineData("/api/watchlists/north-aleppo-crossings", "admin")]
    [InlineData("/api/watchlists/health-care", "admin")]
    [InlineData("/api/subscriptions/azaz-officer", "officer")]
    [InlineData("/api/subscriptions/azaz-officer", "admin")]
    public async Task GetThenPutUnchanged_IsAcceptedAndLeavesTheResourceIdentical(string path, string who)
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        using var read = await admin.SendAsync(HttpMethod.Get, path, who);
        var before = await read.Content.ReadAsStringAsync();

        using var put = await admin.SendAsync(HttpMethod.Put, path, who, before, read.Headers.ETag!.ToString());
        using var again = await admin.SendAsync(HttpMethod.Get, path, who);

        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        Assert.Equal(before, await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Subscription_OfficerChangesChannelsAndWatchlists_KeepsEverySettingNotNamed()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        await PutAsync(admin, "/api/recipients/azaz-officer", FullOfficer, "admin");
        await PutAsync(admin, "/api/recipients/security-desk", """{"id":"security-desk","name":"HQ security desk","email":"security-desk@example.org","channels":["email"],"timeZone":"Europe/Zurich","admin":true}""", "admin");

        await PutAsync(admin, "/api/subscriptions/azaz-officer", """{"watchlists":[],"channels":["email"]}""", "officer");

        using var officer = await admin.SendAsync(HttpMethod.Get, "/api/recipients/azaz-officer");
        using var desk = await admin.SendAsync(HttpMethod.Get, "/api/recipients/security-desk");
        var expected = JsonNode.Parse(FullOfficer)!;
        expected["channels"] = new JsonArray("email");
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(await officer.Content.ReadAsStringAsync())), await officer.Content.ReadAsStringAsync());
        Assert.True(JsonNode.Parse(await desk.Content.ReadAsStringAsync())!["admin"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("""{"channels":["sms"]}""")]
    [InlineData("""{"watchlists":null,"channels":["sms"]}""")]
    [InlineData("""{"watchlists":null,"channels":null}""")]
    public async Task Subscription_OfficerLeavesWatchlistsOutOrNull_KeepsTheirSubscriptions(string json)
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        await PutAsync(admin, "/api/subscriptions/azaz-officer", json, "officer");

        using var office = await admin.SendAsync(HttpMethod.Get, "/api/watchlists/azaz-office");
        Assert.Contains("azaz-officer", await office.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscription_ViewWithAChangedReadOnlyName_IsRefused()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        using var read = await admin.SendAsync(HttpMethod.Get, "/api/subscriptions/azaz-officer", "officer");
        var view = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
        view["name"] = "Someone else";

        using var put = await admin.SendAsync(HttpMethod.Put, "/api/subscriptions/azaz-officer", "officer", view.ToJsonString(), read.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("name", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task PutAsync(AdminHost admin, string path, string json, string who)
    {
        using var read = await admin.SendAsync(HttpMethod.Get, path, who);
        using var put = await admin.SendAsync(HttpMethod.Put, path, who, json, read.Headers.ETag!.ToString());
        Assert.True(put.StatusCode == HttpStatusCode.OK, $"{path}: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
    }
}
