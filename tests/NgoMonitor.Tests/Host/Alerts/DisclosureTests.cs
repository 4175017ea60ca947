using System.Net;
using NgoMonitor.Host.Admin.Auth;
using NgoMonitor.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Alerts;

/// <summary>
/// What Monitor stores and serves never echoes what a provider or a client put there: provider error texts are
/// masked before storage, and the CAP feed names the configured public address whatever Host header it was asked with.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DisclosureTests(AzuriteFixture azurite) : AlertingServices(azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ProviderErrorEchoingNumberAccountAndToken_IsStoredAndServedMasked()
    {
        Serve("a", Now.AddMinutes(-5), ("m-1", "Airstrike hits market in Azaz", "Azaz."));
        Twilio.FailNext(400, 21211, $"Invalid 'To' +15005550006 for account {FakeTwilioApi.AccountSid} (token {FakeTwilioApi.AuthToken}); also +15005550999, ops@example.org, 0123456789abcdef0123456789abcdef");
        await using var host = await StartHostAsync(AlertScenario.Config([("a", Feeds.Url("a.xml"))], AlertScenario.Officer()), Now);
        await PollAsync(host);
        var key = await host.CreateApiKeyAsync(MonitorRoles.Admin);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/alerts");
        request.Headers.Add("X-Api-Key", key);
        using var alerts = await host.Client.SendAsync(request);
        var served = await alerts.Content.ReadAsStringAsync();
        var stored = string.Join("\n", (await host.RowsAsync("Outbox")).Select(r => r.GetString("Error")).Concat((await host.RowsAsync("RecipientStates")).Select(r => r.GetString("Reason"))));

        Assert.Equal(HttpStatusCode.OK, alerts.StatusCode);
        Assert.Contains("21211", stored, StringComparison.Ordinal);
        foreach (var secret in new[] { "+15005550006", "+15005550999", FakeTwilioApi.AccountSid, FakeTwilioApi.AuthToken, "ops@example.org", "0123456789abcdef0123456789abcdef" })
        {
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, served, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CapFeed_RequestedWithAForgedHostHeader_NamesTheConfiguredPublicAddress()
    {
        await using var host = await MonitorTestHost.StartAsync(Azurite, TestConfig.FromSamples(), Now, HostMode.OneShot, "--Alerts:PublicBaseUrl=https://monitor.example.org", "--Alerts:CapFeedPublic=true");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/cap/alerts.atom");
        request.Headers.Host = "attacker.example";
        using var response = await host.Client.SendAsync(request);
        var feed = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("attacker.example", feed, StringComparison.Ordinal);
        Assert.Contains("href=\"https://monitor.example.org/cap/alerts.atom\"", feed, StringComparison.Ordinal);
    }
}
