using System.Net;
using System.Text.Json.Nodes;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin;

/// <summary>The officer's own subscription through a signed link: only the watchlists that concern them, and their
/// delivery preferences, validated before anything is stored.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OfficerSubscriptionTests(AzuriteFixture azurite)
{
    private const string Goma = "goma-officer";

    [Fact]
    public async Task Subscription_GomaOfficer_ListsTheirAreaTeamAndGlobalWatchlistsButNoSyriaOne()
    {
        await using var admin = await StartAsync();

        var view = await ViewAsync(admin, admin.LinkFor(Goma));

        Assert.Equal(
            ["border-closures:global", "goma-office:area", "goma-team-briefs:team", "health-care:global"],
            view["watchlists"]!.AsArray().Select(w => $"{w!["id"]}:{w["concern"]}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Subscription_AzazOfficer_ListsTheSyriaWatchlistsOfTheirAreaButNoGomaOne()
    {
        await using var admin = await StartAsync();

        var view = await ViewAsync(admin, admin.OfficerLink);

        Assert.Equal(
            ["azaz-office", "border-closures", "health-care", "north-aleppo-crossings", "syria-health-care"],
            view["watchlists"]!.AsArray().Select(w => w!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Subscription_GomaOfficerNamesASyriaWatchlist_IsRefusedAndNothingIsStored()
    {
        await using var admin = await StartAsync();
        var link = admin.LinkFor(Goma);
        using var read = await admin.SendAsync(HttpMethod.Get, $"/api/subscriptions/{Goma}", "link:" + link);

        using var put = await admin.SendAsync(HttpMethod.Put, $"/api/subscriptions/{Goma}", "link:" + link, """{"watchlists":["goma-office","syria-health-care"]}""", read.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("'syria-health-care' is not a watchlist", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(Goma, await BodyAsync(admin, "/api/watchlists/syria-health-care"), StringComparison.Ordinal);
        Assert.DoesNotContain(Goma, await BodyAsync(admin, "/api/watchlists/goma-office"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscription_OfficerSetsQuietHoursSeverityAndLanguage_StoredOnTheRecipientAndShownAgain()
    {
        await using var admin = await StartAsync();
        var link = admin.LinkFor(Goma);
        using var read = await admin.SendAsync(HttpMethod.Get, $"/api/subscriptions/{Goma}", "link:" + link);

        using var put = await admin.SendAsync(HttpMethod.Put, $"/api/subscriptions/{Goma}", "link:" + link,
            """{"watchlists":["goma-office"],"channels":["email"],"minSeverity":"severe","quietHours":{"start":"22:00","end":"06:30"},"language":"fr"}""", read.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var stored = JsonNode.Parse(await BodyAsync(admin, $"/api/recipients/{Goma}"))!;
        Assert.Equal(("severe", "fr", "22:00", "06:30"), (stored["minSeverity"]!.GetValue<string>(), stored["language"]!.GetValue<string>(), stored["quietHours"]!["start"]!.GetValue<string>(), stored["quietHours"]!["end"]!.GetValue<string>()));
        Assert.Equal("goma", stored["team"]!.GetValue<string>());
        var view = await ViewAsync(admin, link);
        Assert.Equal(("severe", "fr", "22:00", "Africa/Lubumbashi"), (view["minSeverity"]!.GetValue<string>(), view["language"]!.GetValue<string>(), view["quietHours"]!["start"]!.GetValue<string>(), view["timeZone"]!.GetValue<string>()));
        Assert.Contains(Goma, await BodyAsync(admin, "/api/watchlists/goma-office"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscription_BadPreferences_NameEachFieldAndStoreNothing()
    {
        await using var admin = await StartAsync();
        var link = admin.LinkFor(Goma);
        var before = await BodyAsync(admin, $"/api/recipients/{Goma}");
        using var read = await admin.SendAsync(HttpMethod.Get, $"/api/subscriptions/{Goma}", "link:" + link);

        using var put = await admin.SendAsync(HttpMethod.Put, $"/api/subscriptions/{Goma}", "link:" + link,
            """{"watchlists":["goma-office"],"minSeverity":"urgent","quietHours":{"start":"25:00","end":"06:00"},"language":"de"}""", read.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var errors = JsonNode.Parse(await put.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal(["language", "minSeverity", "quietHours.start"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(before, await BodyAsync(admin, $"/api/recipients/{Goma}"));
        Assert.DoesNotContain(Goma, await BodyAsync(admin, "/api/watchlists/goma-office"), StringComparison.Ordinal);
    }

    private async Task<AdminHost> StartAsync() => await AdminHost.StartAsync(azurite, TestConfig.WithGomaOfficer(new Uri("http://127.0.0.1:9/desk.xml")));

    private static async Task<JsonNode> ViewAsync(AdminHost admin, string link)
    {
        using var response = await admin.SendAsync(HttpMethod.Get, $"/api/subscriptions/{link.Split('.')[0]}", "link:" + link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task<string> BodyAsync(AdminHost admin, string path)
    {
        using var response = await admin.SendAsync(HttpMethod.Get, path);
        return await response.Content.ReadAsStringAsync();
    }
}
