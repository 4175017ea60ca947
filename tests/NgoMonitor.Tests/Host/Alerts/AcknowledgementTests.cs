using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using NgoMonitor.Adapters.Alerts;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Host.Admin.Auth;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Alerts;

/// <summary>
/// Acknowledgements on the real app with Azurite, the fake Twilio API and the SMTP listener: the short signed link's
/// page (opening it changes nothing, the confirm button acknowledges), SMS replies, escalation copies with the
/// backup's own link, and what admins then see in the alerts list, the incident view and the audit log.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AcknowledgementTests(AzuriteFixture azurite) : AlertingServices(azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private Task<MonitorTestHost> StartAsync(string config, params string[] settings) =>
        StartHostAsync(config, Now, ["--Alerts:PublicBaseUrl=https://monitor.example.org", "--Alerts:AckLinkKey=test-ack-key-not-a-secret", .. settings]);

    private static Uri LinkIn(string text) => new(text[text.IndexOf("https://monitor.example.org/a/", StringComparison.Ordinal)..].Split(' ', '\n', '\r')[0]);

    private static Task<HttpResponseMessage> ConfirmAsync(MonitorTestHost host, Uri link, string via) =>
        host.Client.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["via"] = via }));

    [Fact]
    public async Task AckPage_OpenedFromTheEmail_ChangesNothingUntilTheConfirmButtonIsPressed()
    {
        Serve("a", Now.AddMinutes(-5), ("l-1", "Airstrike hits market in Azaz", "Azaz."));
        await using var host = await StartAsync(AlertScenario.Config([("a", Feeds.Url("a.xml"))], AlertScenario.Officer(email: "officer@example.org", channels: "email")));
        await PollAsync(host);
        var link = LinkIn(Assert.Single(Smtp.Messages).Message.TextBody!);
        Assert.Equal("?via=email", link.Query);

        // A mail scanner following the link: a page with a button, and nothing acknowledged.
        using var opened = await host.Client.GetAsync(link.PathAndQuery);
        var page = await opened.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("<form method=\"post\">", page, StringComparison.Ordinal);
        Assert.Contains("Airstrike hits market in Azaz", page, StringComparison.Ordinal);
        Assert.Contains("no-store", opened.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Null((await host.RowsAsync("Outbox")).Single().GetDateTimeOffset("AckedAt"));

        using var confirmed = await ConfirmAsync(host, link, "email");

        Assert.Contains("Acknowledged</strong> by Field officer", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var row = (await host.RowsAsync("Outbox")).Single();
        Assert.Equal(Now, row.GetDateTimeOffset("AckedAt"));
        Assert.Equal("officer", row.GetString("AckedBy"));
        Assert.Equal("email-link", row.GetString("AckedVia"));
        var audit = Assert.Single(await host.RowsAsync("Audit"));
        Assert.Equal("email-link:officer", audit.GetString("Actor"));
        Assert.Equal("acknowledge", audit.GetString("Action"));
        Assert.Equal(row.GetString("AlertId"), audit.GetString("EntityId"));
    }

    [Theory]
    [InlineData("signature changed")]
    [InlineData("signature cut short")]
    [InlineData("another alert's id")]
    public async Task AckPage_TamperedLink_IsAStyledForbiddenPageAndAcknowledgesNothing(string tampering)
    {
        Serve("a", Now.AddMinutes(-5), ("t-1", "Airstrike hits market in Azaz", "Azaz."));
        await using var host = await StartAsync(AlertScenario.Config([("a", Feeds.Url("a.xml"))], AlertScenario.Officer(email: "officer@example.org", channels: "email")));
        await PollAsync(host);
        var path = LinkIn(Assert.Single(Smtp.Messages).Message.TextBody!).AbsolutePath;
        var bad = tampering switch
        {
            "signature changed" => path[..^1] + (path[^1] == 'A' ? "B" : "A"),
            "signature cut short" => path[..^3],
            _ => "/a/" + new string('0', 32) + path[path.IndexOf('.', StringComparison.Ordinal)..],
        };

        using var opened = await host.Client.GetAsync(bad);
        using var posted = await ConfirmAsync(host, new Uri("https://monitor.example.org" + bad), "email");

        Assert.Equal(HttpStatusCode.Forbidden, opened.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal("text/html", opened.Content.Headers.ContentType?.MediaType);
        var page = await opened.Content.ReadAsStringAsync();
        Assert.Contains("/console/officer.css", page, StringComparison.Ordinal);
        Assert.Contains("This link does not work", page, StringComparison.Ordinal);
        Assert.Null((await host.RowsAsync("Outbox")).Single().GetDateTimeOffset("AckedAt"));
    }

    [Fact]
    public async Task Sms_ForAnSmsOnlyOfficer_CarriesTheShortLinkWhosePageAcknowledgesAsSmsLink()
    {
        Serve("a", Now.AddMinutes(-5), ("s-1", "Airstrike hits market in Azaz", "Azaz."));
        await using var host = await StartAsync(AlertScenario.Config([("a", Feeds.Url("a.xml"))], AlertScenario.Officer()));
        await PollAsync(host);
        var sms = Assert.Single(Twilio.Requests).Body;
        var link = LinkIn(sms);

        using var confirmed = await ConfirmAsync(host, link, "sms");

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.True(SmsEncoding.Segments(sms) <= 2, sms);
        Assert.Equal("sms-link", (await host.RowsAsync("Outbox")).Single().GetString("AckedVia"));
    }

    [Fact]
    public async Task Escalation_ToTheBackup_CarriesTheBackupsOwnLinkAndRecordsTheBackupAsAcknowledging()
    {
        Serve("a", Now.AddMinutes(-5), ("e-1", "Car bomb explodes at Azaz checkpoint", "Azaz."));
        var officer = AlertScenario.Officer();
        officer["backup"] = "desk";
        var desk = new JsonObject { ["name"] = "Security desk", ["email"] = "desk@example.org" };
        await using var host = await StartAsync(AlertScenario.Config([("a", Feeds.Url("a.xml"))], officer, desk));
        await PollAsync(host);
        var officersLink = LinkIn(Assert.Single(Twilio.Requests).Body);
        host.Time.Advance(TimeSpan.FromMinutes(16));
        await PollAsync(host);
        var escalation = Assert.Single(Smtp.Messages).Message;
        var desksLink = LinkIn(escalation.TextBody!);

        using var confirmed = await ConfirmAsync(host, desksLink, "email");

        Assert.NotEqual(officersLink.AbsolutePath, desksLink.AbsolutePath);
        Assert.Contains("ESCALATED, no ACK from Field officer", escalation.Subject, StringComparison.Ordinal);
        var rows = await host.RowsAsync("Outbox");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("desk", r.GetString("AckedBy")));
        Assert.Equal("email-link:desk", Assert.Single(await host.RowsAsync("Audit")).GetString("Actor"));
    }

    [Fact]
    public async Task AdminAlertsAndIncident_AfterAnSmsReply_ShowTheMessageWhoAcknowledgedHowAndEveryReport()
    {
        Serve("a", Now.AddMinutes(-20), ("a-1", "Shelling hits hospital in Azaz, patients evacuated", "Shells landed near the hospital in Azaz."));
        Serve("b", Now.AddMinutes(-15), ("b-7", "Azaz hospital hit by shelling; patients evacuated", "Patients were moved from Azaz hospital."));
        await using var host = await StartAsync(AlertScenario.Config([("a", Feeds.Url("a.xml")), ("b", Feeds.Url("b.xml"))], AlertScenario.Officer()));
        await PollAsync(host);
        var code = Assert.Single(Twilio.Requests).Body.Split("ACK ")[1][..4];
        var reply = new Dictionary<string, string> { ["From"] = "+15005550006", ["To"] = FakeTwilioApi.From, ["Body"] = "ACK " + code, ["MessageSid"] = "SMin1" };
        using var replied = await PostSignedAsync(host, "/twilio/inbound", reply);
        var key = await host.CreateApiKeyAsync(MonitorRoles.Viewer);
        host.Client.DefaultRequestHeaders.Add("X-Api-Key", key);

        var alert = JsonNode.Parse(await host.Client.GetStringAsync("/api/alerts"))!["items"]![0]!;
        var incident = JsonNode.Parse(await host.Client.GetStringAsync("/api/incidents/" + alert["incidentId"]!.GetValue<string>()))!;

        Assert.Equal(HttpStatusCode.OK, replied.StatusCode);
        Assert.Equal("officer", alert["ackedBy"]!.GetValue<string>());
        Assert.Equal("sms-reply", alert["ackedVia"]!.GetValue<string>());
        Assert.Equal(Now, alert["ackedAt"]!.GetValue<DateTimeOffset>());
        var text = alert["text"]!.GetValue<string>();
        Assert.Contains("ACK " + code, text, StringComparison.Ordinal);
        Assert.Matches(@"https://monitor\.example\.org/a/[0-9a-f]{32}\.…", text);
        Assert.Equal(2, alert["sources"]!.AsArray().Count);
        Assert.Equal(["Wire a", "Wire b"], incident["sources"]!.AsArray().Select(s => s!["feedName"]!.GetValue<string>()).Order());
        Assert.Equal("sms-reply", incident["alerts"]![0]!["ackedVia"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/incidents/no-such-incident")).StatusCode);
    }
}
