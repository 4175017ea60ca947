using System.Net;
using System.Text.Json.Nodes;
using NgoMonitor.Host.Admin.Auth;
using NgoMonitor.Host.Functions;
using NgoMonitor.Tests.Host.Admin;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Alerts;

/// <summary>The CAP feed is closed by default: an API key or a signed, expiring feed URL; public only when configured so; never internal ids.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CapFeedAccessTests(AzuriteFixture azurite) : AlertingServices(azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private async Task<MonitorTestHost> StartWithAnAlertAsync(params string[] settings)
    {
        Serve("a", Now.AddMinutes(-5), ("c-1", "Airstrike hits market in Azaz", "Azaz."));
        var host = await MonitorTestHost.StartAsync(Azurite, AlertScenario.Config([("a", Feeds.Url("a.xml"))], AlertScenario.Officer()), Now, HostMode.OneShot,
            [.. Twilio.Settings(), $"--Admin:LinkSigningKey={AdminHost.SigningKey}", .. settings]);
        await PollAsync(host);
        return host;
    }

    [Fact]
    public async Task CapFeed_ByDefault_RefusesAnonymousReadersAndServesAViewerKey()
    {
        await using var host = await StartWithAnAlertAsync();
        using var anonymous = await host.Client.GetAsync("/cap/alerts.atom");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cap/alerts.atom");
        request.Headers.Add("X-Api-Key", await host.CreateApiKeyAsync(MonitorRoles.Viewer));

        using var viewer = await host.Client.SendAsync(request);
        var feed = await viewer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.DoesNotContain("Airstrike", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, viewer.StatusCode);
        Assert.Contains("Airstrike hits market in Azaz", feed, StringComparison.Ordinal);
        Assert.Contains("<event>Security incident</event>", feed, StringComparison.Ordinal);
        Assert.DoesNotContain(">violence<", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("Azaz office", feed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CapFeed_SignedUrlFromTheAdmin_IsServedUntilItExpiresAndATamperedOneIsNot()
    {
        await using var host = await StartWithAnAlertAsync();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/cap/link");
        create.Headers.Add("X-Api-Key", await host.CreateApiKeyAsync(MonitorRoles.Admin));
        using var created = await host.Client.SendAsync(create);
        var url = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["url"]!.GetValue<string>();

        using var signed = await host.Client.GetAsync(url);
        using var tampered = await host.Client.GetAsync(url[..^2] + (url[^1] == 'A' ? "BB" : "AA"));
        host.Time.Advance(TimeSpan.FromDays(31));
        using var expired = await host.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains(await host.RowsAsync("Audit"), a => a.GetString("Action") == "cap-link");
    }

    [Fact]
    public async Task CapFeed_MadePublicByTheAdmin_IsServedToAnyone()
    {
        await using var host = await StartWithAnAlertAsync("--Alerts:CapFeedPublic=true");

        using var anonymous = await host.Client.GetAsync("/cap/alerts.atom");

        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
    }
}
