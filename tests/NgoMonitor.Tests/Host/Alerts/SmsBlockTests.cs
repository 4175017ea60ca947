using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Adapters.Alerts;
using NgoMonitor.Core.Storage;
using NgoMonitor.Tests.Host.Admin;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Alerts;

/// <summary>
/// A permanent SMS failure or a STOP reply never ends an officer's alerts in silence: alerts move to their email or
/// backup, admins are told once, the block is visible in the API and an admin clears it; delivery states only move
/// forward.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SmsBlockTests(AzuriteFixture azurite) : AlertingServices(azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Poll_InvalidNumberAndNoEmail_NextAlertGoesToTheBackupAndAdminsAreToldOnce()
    {
        Serve("a", Now.AddMinutes(-5), ("i-1", "Airstrike hits market in Azaz", "Azaz."));
        Twilio.FailNext(400, 21211, "The 'To' number +15005550006 is not a valid phone number.");
        var officer = AlertScenario.Officer();
        officer["backup"] = "desk";
        var desk = new JsonObject { ["name"] = "Security desk", ["email"] = "desk@example.org", ["admin"] = true };
        await using var host = await StartHostAsync(AlertScenario.Config([("a", Feeds.Url("a.xml"))], officer, desk), Now);

        await PollAsync(host);
        Serve("a", Now.AddMinutes(-5), ("i-2", "Car bomb explodes at Azaz checkpoint", "Azaz."));
        host.Time.Advance(TimeSpan.FromMinutes(10));
        await PollAsync(host);
        host.Time.Advance(TimeSpan.FromMinutes(10));
        await PollAsync(host);

        Assert.Single(Twilio.Requests);
        Assert.Contains(Smtp.Messages, m => m.RcptTo.SequenceEqual(["desk@example.org"]) && m.Message.Subject!.Contains("For Field officer (SMS number blocked)", StringComparison.Ordinal) && m.Message.Subject.Contains("Car bomb", StringComparison.Ordinal));
        var notice = Assert.Single(Smtp.Messages, m => m.Message.Subject == "Monitor: SMS to Field officer blocked");
        Assert.Contains("POST /api/sms-blocks/officer/clear", notice.Message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("+15005550006", notice.Message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InboundStop_BlocksSmsWithoutNotUnderstood_AndTheNextAlertGoesByEmail()
    {
        var officer = AlertScenario.Officer(email: "officer@example.org", channels: "sms");
        await using var host = await StartHostAsync(AlertScenario.Config([("a", Feeds.Url("a.xml"))], officer), Now);
        Serve("a", Now.AddMinutes(-5));
        await PollAsync(host);

        using var stop = await PostInboundAsync(host, "Stop");
        Serve("a", Now.AddMinutes(-5), ("s-1", "Airstrike hits market in Azaz", "Azaz."));
        host.Time.Advance(TimeSpan.FromMinutes(2));
        await PollAsync(host);

        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        var twiml = System.Xml.Linq.XDocument.Parse(await stop.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(("Response", 0), (twiml.Name.LocalName, twiml.Elements().Count()));
        Assert.Empty(Twilio.Requests);
        Assert.Contains(Smtp.Messages, m => m.RcptTo.SequenceEqual(["officer@example.org"]) && m.Message.Subject!.Contains("Airstrike", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InboundStartAfterStop_ClearsTheBlockAndSmsResumes()
    {
        await using var host = await StartHostAsync(AlertScenario.Config([("a", Feeds.Url("a.xml"))], AlertScenario.Officer()), Now);
        Serve("a", Now.AddMinutes(-5));
        await PollAsync(host);

        (await PostInboundAsync(host, "UNSUBSCRIBE")).Dispose();
        var blocked = await States(host).GetSmsBlockedAsync(CancellationToken.None);
        (await PostInboundAsync(host, "start")).Dispose();
        Serve("a", Now.AddMinutes(-5), ("t-1", "Airstrike hits market in Azaz", "Azaz."));
        host.Time.Advance(TimeSpan.FromMinutes(2));
        await PollAsync(host);

        Assert.True(blocked.ContainsKey("officer"));
        Assert.Empty(await States(host).GetSmsBlockedAsync(CancellationToken.None));
        Assert.Single(Twilio.Requests);
    }

    [Theory]
    [InlineData("unsigned", null)]
    [InlineData("signed with another token", "another-auth-token")]
    public async Task Inbound_NotSignedByTwilioForThisAccount_IsRefusedAndChangesNothing(string label, string? signingToken)
    {
        await using var host = await StartHostAsync(AlertScenario.Config([("a", Feeds.Url("a.xml"))], AlertScenario.Officer()), Now);
        var form = new Dictionary<string, string> { ["From"] = "+15005550006", ["To"] = FakeTwilioApi.From, ["Body"] = "STOP", ["MessageSid"] = "SMinSTOP" };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/twilio/inbound") { Content = new FormUrlEncodedContent(form) };
        if (signingToken is not null)
        {
            request.Headers.Add("X-Twilio-Signature", FakeTwilioApi.Sign(new Uri(host.Client.BaseAddress!, "/twilio/inbound").AbsoluteUri, form, signingToken));
        }

        using var response = await host.Client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, label);
        Assert.Empty(await States(host).GetSmsBlockedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SmsBlocks_ListedForViewers_ClearedOnlyByAdminsWithAPost()
    {
        await using var admin = await AdminHost.StartAsync(Azurite);
        await admin.Host.App.Services.GetRequiredService<IRecipientStateStore>().BlockSmsAsync(AdminHost.Officer, "Twilio 21211: invalid To", Now, CancellationToken.None);

        using var list = await admin.SendAsync(HttpMethod.Get, "/api/sms-blocks", "viewer");
        using var byViewer = await admin.SendAsync(HttpMethod.Post, $"/api/sms-blocks/{AdminHost.Officer}/clear", "viewer", "{}");
        using var byGet = await admin.SendAsync(HttpMethod.Get, $"/api/sms-blocks/{AdminHost.Officer}/clear", "admin");
        using var byAdmin = await admin.SendAsync(HttpMethod.Post, $"/api/sms-blocks/{AdminHost.Officer}/clear", "admin", "{}");
        using var again = await admin.SendAsync(HttpMethod.Post, $"/api/sms-blocks/{AdminHost.Officer}/clear", "admin", "{}");
        using var after = await admin.SendAsync(HttpMethod.Get, "/api/sms-blocks", "viewer");

        var block = Assert.Single(JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray());
        Assert.Equal(AdminHost.Officer, block!["recipientId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.NotEqual(HttpStatusCode.NoContent, byGet.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Empty(JsonNode.Parse(await after.Content.ReadAsStringAsync())!.AsArray());
    }

    [Fact]
    public async Task StatusCallback_LateSentAfterDelivered_KeepsDelivered()
    {
        Serve("a", Now.AddMinutes(-5), ("d-1", "Airstrike hits market in Azaz", "Azaz."));
        await using var host = await StartHostAsync(AlertScenario.Config([("a", Feeds.Url("a.xml"))], AlertScenario.Officer()), Now);
        await PollAsync(host);
        var sid = Twilio.Accepted.Single().Sid;

        foreach (var status in new[] { "sent", "delivered", "sent", "queued" })
        {
            var form = new Dictionary<string, string> { ["MessageSid"] = sid, ["MessageStatus"] = status };
            using var response = await PostSignedAsync(host, "/twilio/status", form);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Equal("delivered", (await host.RowsAsync("Outbox")).Single().GetString("DeliveryState"));
    }

    private static IRecipientStateStore States(MonitorTestHost host) => host.App.Services.GetRequiredService<IRecipientStateStore>();

    private static Task<HttpResponseMessage> PostInboundAsync(MonitorTestHost host, string body) =>
        PostSignedAsync(host, "/twilio/inbound", new Dictionary<string, string> { ["From"] = "+15005550006", ["To"] = FakeTwilioApi.From, ["Body"] = body, ["MessageSid"] = "SMin" + body });
}
