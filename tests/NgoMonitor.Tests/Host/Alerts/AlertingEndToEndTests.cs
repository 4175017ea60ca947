using System.Net;
using System.Text.Json.Nodes;
using NgoMonitor.Adapters.Alerts;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Alerts;

/// <summary>
/// The alerting side end to end, on the real app (FakeTimeProvider clock) with Azurite, the local feed server, the
/// fake Twilio API and the SMTP listener.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AlertingEndToEndTests(AzuriteFixture azurite) : AlertingServices(azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Poll_ThreeFeedsCarryTheSameStory_SendsOneSmsNamingThreeSources()
    {
        Serve("a", Now.AddMinutes(-20), ("a-1", "Shelling hits hospital in Azaz, patients evacuated", "Shells landed near the hospital in Azaz."));
        Serve("b", Now.AddMinutes(-15), ("b-7", "Azaz hospital hit by shelling; patients evacuated", "Patients were moved from Azaz hospital."));
        Serve("c", Now.AddMinutes(-10), ("c-3", "Patients evacuated after shelling hits Azaz hospital", "The hospital in Azaz was evacuated."));
        var config = AlertScenario.Config([("a", Feeds.Url("a.xml")), ("b", Feeds.Url("b.xml")), ("c", Feeds.Url("c.xml"))], AlertScenario.Officer());
        await using var host = await StartHostAsync(config, Now);

        await PollAsync(host);

        var sms = Assert.Single(Twilio.Requests);
        Assert.Contains("3 sources", sms.Body, StringComparison.Ordinal);
        Assert.StartsWith("EXTREME: ", sms.Body, StringComparison.Ordinal);
        Assert.Contains("Azaz, 18 km S of Azaz office", sms.Body, StringComparison.Ordinal);
        Assert.Equal(1, SmsEncoding.Segments(sms.Body));
        var incident = Assert.Single(await host.RowsAsync("Incidents"));
        Assert.Contains("Wire c", incident.GetString("Sources"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_SameIncidentMoreSevereLater_SendsAnUpdateNotANewAlert()
    {
        Serve("a", Now.AddMinutes(-5), ("a-1", "Protest near Azaz market turns violent", "Crowds gathered in Azaz."));
        var config = AlertScenario.Config([("a", Feeds.Url("a.xml")), ("b", Feeds.Url("b.xml"))], AlertScenario.Officer());
        await using var host = await StartHostAsync(config, Now);
        await PollAsync(host);

        Serve("b", Now.AddMinutes(5), ("b-1", "Protest near Azaz market turns violent, gunfire heard", "Gunfire in Azaz."));
        host.Time.Advance(TimeSpan.FromMinutes(10));
        await PollAsync(host);

        Assert.Equal(2, Twilio.Requests.Count);
        Assert.StartsWith("MODERATE: ", Twilio.Requests.First().Body, StringComparison.Ordinal);
        Assert.StartsWith("UPDATE EXTREME: ", Twilio.Requests.Last().Body, StringComparison.Ordinal);
        Assert.Single(await host.RowsAsync("Incidents"));
    }

    [Fact]
    public async Task Poll_QuietHours_HoldModerateUntilTheDigestAndPassExtreme()
    {
        var night = new DateTimeOffset(2026, 11, 24, 2, 10, 0, TimeSpan.Zero);
        Serve("a", night.AddMinutes(-5),
            ("q-1", "Protest blocks the main road in Azaz", "Demonstrators in Azaz."),
            ("q-2", "Airstrike hits market in Azaz", "Several killed in Azaz."));
        var officer = AlertScenario.Officer(email: "officer@example.org", channels: "sms");
        officer["quietHours"] = new JsonObject { ["start"] = "22:00", ["end"] = "07:00", ["overrideSeverity"] = "extreme" };
        await using var host = await StartHostAsync(AlertScenario.Config([("a", Feeds.Url("a.xml"))], officer), night);

        await PollAsync(host);

        var sms = Assert.Single(Twilio.Requests);
        Assert.Contains("Airstrike", sms.Body, StringComparison.Ordinal);
        Assert.Empty(Smtp.Messages);
        Assert.Contains(await host.RowsAsync("Outbox"), r => r.GetString("Status") == "Held" && r.GetString("Text")!.Contains("Protest", StringComparison.Ordinal));

        host.Time.Advance(TimeSpan.FromMinutes(55)); // 03:05: the 02:00 hour's digest is due
        await PollAsync(host);

        Assert.Single(Twilio.Requests);
        var digest = Assert.Single(Smtp.Messages);
        Assert.Equal(["officer@example.org"], digest.RcptTo);
        Assert.StartsWith("Digest 2026-11-24T02: 1 alert", digest.Message.Subject, StringComparison.Ordinal);
        Assert.Contains("Protest blocks the main road", digest.Message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_MoreSmsThanTheThrottle_FoldsTheExcessIntoOneDigest()
    {
        Serve("a", Now.AddMinutes(-5),
            ("t-1", "Airstrike hits market in Azaz", "Azaz."),
            ("t-2", "Car bomb explodes at Azaz checkpoint", "Azaz."),
            ("t-3", "Gunfire reported at bakery in Azaz", "Azaz."),
            ("t-4", "Aid driver kidnapped on road out of Azaz", "Azaz."));
        var officer = AlertScenario.Officer(email: "officer@example.org", channels: "sms");
        officer["smsPerHour"] = 2;
        await using var host = await StartHostAsync(AlertScenario.Config([("a", Feeds.Url("a.xml"))], officer), Now);

        await PollAsync(host);
        host.Time.Advance(TimeSpan.FromMinutes(61));
        await PollAsync(host);

        Assert.Equal(2, Twilio.Requests.Count);
        var digest = Assert.Single(Smtp.Messages);
        Assert.StartsWith("Digest 2026-11-24T10: 2 alerts", digest.Message.Subject, StringComparison.Ordinal);
        Assert.Equal(2, digest.Message.TextBody!.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Poll_NumberOptedOut_FallsBackToEmailAndRemembersTheNumber()
    {
        Serve("a", Now.AddMinutes(-5), ("o-1", "Airstrike hits market in Azaz", "Azaz."));
        Twilio.FailNext(400, 21610, "Attempt to send to unsubscribed recipient");
        var officer = AlertScenario.Officer(email: "officer@example.org", channels: "sms");
        await using var host = await StartHostAsync(AlertScenario.Config([("a", Feeds.Url("a.xml"))], officer), Now);

        await PollAsync(host);
        Serve("a", Now.AddMinutes(5), ("o-2", "Car bomb explodes at Azaz checkpoint", "Azaz."));
        host.Time.Advance(TimeSpan.FromMinutes(10));
        await PollAsync(host);

        Assert.Single(Twilio.Requests);
        Assert.Equal(2, Smtp.Messages.Count);
        Assert.Contains(Smtp.Messages, m => m.Message.TextBody!.Contains("21610", StringComparison.Ordinal) && m.Message.TextBody!.Contains("Airstrike", StringComparison.Ordinal));
        Assert.Contains(Smtp.Messages, m => m.Message.Subject!.Contains("Car bomb", StringComparison.Ordinal));
        var state = Assert.Single(await host.RowsAsync("RecipientStates"));
        Assert.Equal("officer", state.RowKey);
        Assert.Contains("21610", state.GetString("Reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusCallback_BadSignature_IsRefusedAndGoodOneRecordsDelivery()
    {
        Serve("a", Now.AddMinutes(-5), ("s-1", "Airstrike hits market in Azaz", "Azaz."));
        await using var host = await StartHostAsync(AlertScenario.Config([("a", Feeds.Url("a.xml"))], AlertScenario.Officer()), Now);
        await PollAsync(host);
        var sid = Twilio.Accepted.Single().Sid;
        var form = new Dictionary<string, string> { ["MessageSid"] = sid, ["MessageStatus"] = "delivered", ["To"] = "+15005550006" };
        var url = new Uri(host.Client.BaseAddress!, "/twilio/status").AbsoluteUri;

        using var forged = await PostSignedAsync(host, "/twilio/status", form, FakeTwilioApi.Sign(url, form, "not-the-token"));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Null((await host.RowsAsync("Outbox")).Single().GetString("DeliveryState"));

        using var signed = await PostSignedAsync(host, "/twilio/status", form, FakeTwilioApi.Sign(url, form));
        Assert.Equal(HttpStatusCode.NoContent, signed.StatusCode);
        Assert.Equal("delivered", (await host.RowsAsync("Outbox")).Single().GetString("DeliveryState"));
    }

    [Fact]
    public async Task Poll_UnacknowledgedSevereAlert_EscalatesToTheBackupButAnAcknowledgedOneDoesNot()
    {
        Serve("a", Now.AddMinutes(-5), ("e-1", "Airstrike hits market in Azaz", "Azaz."), ("e-2", "Car bomb explodes at Azaz checkpoint", "Azaz."));
        var officer = AlertScenario.Officer();
        officer["backup"] = "desk";
        var desk = new JsonObject { ["name"] = "Security desk", ["email"] = "desk@example.org" };
        await using var host = await StartHostAsync(AlertScenario.Config([("a", Feeds.Url("a.xml"))], officer, desk), Now);
        await PollAsync(host);
        var acked = Twilio.Requests.Single(r => r.Body.Contains("Airstrike", StringComparison.Ordinal));
        var code = acked.Body.Split("ACK ")[1][..4];
        var url = new Uri(host.Client.BaseAddress!, "/twilio/inbound").AbsoluteUri;
        var reply = new Dictionary<string, string> { ["From"] = "+15005550006", ["To"] = FakeTwilioApi.From, ["Body"] = "ack " + code, ["MessageSid"] = "SMin1" };

        using var response = await PostSignedAsync(host, "/twilio/inbound", reply, FakeTwilioApi.Sign(url, reply));
        host.Time.Advance(TimeSpan.FromMinutes(16));
        await PollAsync(host);

        Assert.Contains("Acknowledged", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var escalation = Assert.Single(Smtp.Messages);
        Assert.Equal(["desk@example.org"], escalation.RcptTo);
        Assert.Contains("ESCALATED, no ACK from Field officer", escalation.Message.Subject, StringComparison.Ordinal);
        Assert.Contains("Car bomb", escalation.Message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_EscalationDueWithinTheSweepGrace_IsSentAtTheTickThatMakesIt()
    {
        // The copy is a new row nobody queued: the sweep must not take it for its source's message.
        Serve("a", Now.AddMinutes(-5), ("g-1", "Car bomb explodes at Azaz checkpoint", "Azaz."));
        var officer = AlertScenario.Officer();
        officer["backup"] = "desk";
        var desk = new JsonObject { ["name"] = "Security desk", ["email"] = "desk@example.org" };
        await using var host = await StartHostAsync(AlertScenario.Config([("a", Feeds.Url("a.xml"))], officer, desk), Now, "--Alerts:EscalateAfter=00:01:00");
        await PollAsync(host);

        host.Time.Advance(TimeSpan.FromMinutes(2));
        await PollAsync(host);

        var escalation = Assert.Single(Smtp.Messages);
        Assert.Equal(["desk@example.org"], escalation.RcptTo);
        Assert.Contains("ESCALATED, no ACK from Field officer", escalation.Message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CapFeed_AfterAnAlert_PublishesACap12AlertInAtom()
    {
        Serve("a", Now.AddMinutes(-5), ("c-1", "Airstrike hits market in Azaz", "Azaz."));
        await using var host = await StartHostAsync(AlertScenario.Config([("a", Feeds.Url("a.xml"))], AlertScenario.Officer()), Now, "--Alerts:CapFeedPublic=true");
        await PollAsync(host);

        using var response = await host.Client.GetAsync("/cap/alerts.atom");

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        var alert = Assert.Single(feed.Descendants(CapFeed.Cap + "alert"));
        Assert.Equal("Extreme", alert.Descendants(CapFeed.Cap + "severity").Single().Value);
        Assert.Equal("Alert", alert.Element(CapFeed.Cap + "msgType")!.Value);
    }
}
