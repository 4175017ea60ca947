using System.Net;
using System.Text.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Adapters.Queues;
using NgoMonitor.Core.Storage;
using NgoMonitor.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Functions;

/// <summary>
/// The walking skeleton end to end: the Functions host's timer envelope POSTed to /PollFeeds → the due feeds in the
/// poll queue (Azurite) → each message POSTed to /PollFeedBatch as the host's queue trigger would → items, matches
/// and alerts in Table Storage → the rows to send POSTed to /DispatchAlerts → one SMS at the fake Twilio API and one
/// email at the SMTP listener (<see cref="FunctionsHostStandIn"/> plays the host).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PollFeedsEndToEndTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public static StringContent TimerEnvelope() => new("""
        {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-11-24T09:59:00+00:00","Next":"2026-11-24T10:00:00+00:00","LastUpdated":"2026-11-24T09:59:00+00:00"},"IsPastDue":false}},
         "Metadata":{"sys":{"MethodName":"PollFeeds","UtcNow":"2026-11-24T10:00:00.01Z","RandGuid":"5f1e0a8e-0000-4000-8000-000000000001"}}}
        """, Encoding.UTF8, "application/json");

    [Fact]
    public async Task PollFeeds_HospitalEvacuatedNearOffice_SendsOneSmsAndOneEmailAndStoresEverything()
    {
        await using var rig = await Rig.StartAsync();
        var (feeds, twilio, smtp, config) = (rig.Feeds, rig.Twilio, rig.Smtp, rig.Config);
        await using var host = await MonitorTestHost.StartAsync(azurite, config, Now, HostMode.CustomHandler, [.. twilio.Settings(), .. smtp.Settings()]);

        using var response = await host.Client.PostAsync("/PollFeeds", TimerEnvelope());
        var logs = await host.DrainQueuesAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var envelope = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, envelope.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Null, envelope.RootElement.GetProperty("ReturnValue").ValueKind);
        Assert.Contains(envelope.RootElement.GetProperty("Logs").EnumerateArray(), l => l.GetString()!.Contains("1 due feeds enqueued in 1 batches", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("2 new items", StringComparison.Ordinal));

        var sms = Assert.Single(twilio.Requests);
        Assert.Equal("+15005550006", sms.To);
        Assert.Equal(FakeTwilioApi.From, sms.From);
        Assert.Contains("Hospital in Azaz evacuated", sms.Body, StringComparison.Ordinal);
        Assert.Contains("from Azaz field office", sms.Body, StringComparison.Ordinal);
        Assert.Contains("http://example.org/stories/azaz-hospital", sms.Body, StringComparison.Ordinal);
        Assert.Equal(0, twilio.Rejected);

        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(["security-desk@example.org"], mail.RcptTo);
        Assert.Contains("Hospital in Azaz evacuated", mail.Message.Subject, StringComparison.Ordinal);
        Assert.Contains("Why you got this", mail.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Attacks on health care", mail.Message.HtmlBody, StringComparison.Ordinal);
        // The sample's country fence (Syria, no site): measured inwards from the border, through the stored incident.
        Assert.Matches(@"Health facilities hit in Syria.*; Azaz, \d+(\.\d)? km inside Syria", mail.Message.TextBody);

        Assert.Equal(2, (await host.RowsAsync("Items")).Count);
        var matches = await host.RowsAsync("Matches");
        Assert.Equal(["azaz-office", "health-care", "syria-health-care"], matches.Select(m => m.RowKey).Order().ToArray());
        var outbox = await host.RowsAsync("Outbox");
        Assert.Equal(2, outbox.Count);
        Assert.All(outbox, row => Assert.Equal("Sent", row.GetString("Status")));
        Assert.Contains(outbox, row => row.GetString("ProviderMessageId")!.StartsWith("SM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PollFeeds_SecondInvocation_SendsNothingNew()
    {
        await using var rig = await Rig.StartAsync();
        var (feeds, twilio, smtp, config) = (rig.Feeds, rig.Twilio, rig.Smtp, rig.Config);
        await using var host = await MonitorTestHost.StartAsync(azurite, config, Now, HostMode.CustomHandler, [.. twilio.Settings(), .. smtp.Settings()]);
        await host.PollFeedsAndDrainAsync();

        host.Time.Advance(TimeSpan.FromMinutes(2));
        var second = await host.PollFeedsAndDrainAsync();

        Assert.Contains(second, l => l.Contains("0 new items", StringComparison.Ordinal));
        Assert.Equal(2, feeds.Requests.Count);
        Assert.Single(twilio.Requests);
        Assert.Single(smtp.Messages);
        Assert.Equal(2, (await host.RowsAsync("Outbox")).Count);
    }

    [Fact]
    public async Task PollFeeds_DuplicateFiringsOnTwoInstancesAtOnce_SendEachAlertOnce()
    {
        await using var rig = await Rig.StartAsync();
        var (feeds, twilio, smtp, config) = (rig.Feeds, rig.Twilio, rig.Smtp, rig.Config);
        string[] shared = [.. twilio.Settings(), .. smtp.Settings(), "--Storage:TablePrefix=" + AzuriteFixture.NewTablePrefix()];
        await using var instanceA = await MonitorTestHost.StartAsync(azurite, config, Now, HostMode.CustomHandler, shared);
        await using var instanceB = await MonitorTestHost.StartAsync(azurite, config, Now, HostMode.CustomHandler, shared);

        var responses = await Task.WhenAll(
            instanceA.Client.PostAsync("/PollFeeds", TimerEnvelope()),
            instanceB.Client.PostAsync("/PollFeeds", TimerEnvelope()),
            instanceA.Client.PostAsync("/PollFeeds", TimerEnvelope()));
        await Task.WhenAll(instanceA.DrainQueuesAsync(), instanceB.DrainQueuesAsync());

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(twilio.Requests);
        Assert.Single(smtp.Messages);
        Assert.Equal(2, (await instanceA.RowsAsync("Items")).Count);
        Assert.Equal(2, (await instanceB.RowsAsync("Outbox")).Count);
    }

    [Fact]
    public async Task PollFeeds_NoProvidersConfigured_StoresAlertsAsPrinted()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        var config = TestConfig.FromSamples(("test-desk", feeds.Url("desk.xml")));
        await using var host = await MonitorTestHost.StartAsync(azurite, config, Now);

        await host.PollFeedsAndDrainAsync();

        var outbox = await host.RowsAsync("Outbox");
        Assert.Equal(2, outbox.Count);
        Assert.All(outbox, row => Assert.Equal("Printed", row.GetString("Status")));
    }

    [Fact]
    public async Task PollFeeds_OneFeedBroken_OtherFeedStillAlertsAndFailureIsLogged()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        feeds.ServeText("broken.xml", "<html><body>Not a feed</body></html>", "text/html");
        var config = TestConfig.FromSamples(("broken", feeds.Url("broken.xml")), ("missing", feeds.Url("missing.xml")), ("test-desk", feeds.Url("desk.xml")));
        await using var host = await MonitorTestHost.StartAsync(azurite, config, Now);

        var logs = await host.PollFeedsAndDrainAsync();

        Assert.Contains(logs, l => l.Contains("feed missing: failed: HTTP 404", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("feed broken: failed:", StringComparison.Ordinal));
        Assert.Equal(2, (await host.RowsAsync("Outbox")).Count);
        var states = await host.RowsAsync("FeedStates");
        Assert.Equal(1, states.Single(s => s.RowKey == "missing").GetInt32("ConsecutiveFailures"));
    }

    [Fact]
    public async Task ReadinessProbe_GetRoot_Answers200()
    {
        var config = TestConfig.FromSamples();
        await using var host = await MonitorTestHost.StartAsync(azurite, config, Now);

        using var response = await host.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PollFeeds_BodyNotJson_Answers400AndRunsNothing()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        var config = TestConfig.FromSamples(("test-desk", feeds.Url("desk.xml")));
        await using var host = await MonitorTestHost.StartAsync(azurite, config, Now);

        using var response = await host.Client.PostAsync("/PollFeeds", new StringContent("not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(feeds.Requests);
    }

    [Fact]
    public async Task PollFeeds_StorageUnreachable_Answers500WithReason()
    {
        var config = TestConfig.FromSamples();
        var unreachable = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{AzuriteFixture.FreePort()}/devstoreaccount1;";
        await using var host = await MonitorTestHost.StartAsync(azurite, config, Now, HostMode.CustomHandler, $"--Storage:ConnectionString={unreachable}");

        using var response = await host.Client.PostAsync("/PollFeeds", TimerEnvelope());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("PollFeeds failed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollFeeds_Timer_EnqueuesTheDueFeedsAndFetchesNothingItself()
    {
        await using var rig = await Rig.StartAsync();
        await using var host = await MonitorTestHost.StartAsync(azurite, rig.Config, Now);
        var queues = host.App.Services.GetRequiredService<StorageQueues>();

        using var response = await host.Client.PostAsync("/PollFeeds", TimerEnvelope());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(rig.Feeds.Requests);
        var message = Assert.Single((await queues.Queue(queues.PollQueue).PeekMessagesAsync(32)).Value);
        var batch = StorageQueues.Deserialize<PollBatch>(message.Body.ToString());
        Assert.Equal(["test-desk"], batch.FeedIds.ToArray());
    }

    [Fact]
    public async Task PollFeedBatch_SameMessageDeliveredTwice_SendsEachAlertOnce()
    {
        await using var rig = await Rig.StartAsync();
        await using var host = await MonitorTestHost.StartAsync(azurite, rig.Config, Now, HostMode.CustomHandler, [.. rig.Twilio.Settings(), .. rig.Smtp.Settings()]);
        var queues = host.App.Services.GetRequiredService<StorageQueues>();
        (await host.Client.PostAsync("/PollFeeds", TimerEnvelope())).Dispose();
        var message = (await queues.Queue(queues.PollQueue).PeekMessagesAsync(1)).Value.Single().Body.ToString();

        // The host delivers a message again when its first consumer died before deleting it: both deliveries run.
        using var first = await host.Client.PostAsync("/PollFeedBatch", FunctionsHostStandIn.QueueEnvelope(FunctionTable.PollFeedBatch, message, 1, "m1"));
        using var again = await host.Client.PostAsync("/PollFeedBatch", FunctionsHostStandIn.QueueEnvelope(FunctionTable.PollFeedBatch, message, 2, "m1"));
        await host.DrainQueuesAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(rig.Twilio.Requests);
        Assert.Single(rig.Smtp.Messages);
        Assert.Equal(2, (await host.RowsAsync("Outbox")).Count);
        Assert.Equal(2, (await host.RowsAsync("Items")).Count);
    }

    [Fact]
    public async Task PollFeedBatch_MessageNotABatch_Answers500SoTheHostRetries()
    {
        var config = TestConfig.FromSamples();
        await using var host = await MonitorTestHost.StartAsync(azurite, config, Now);

        using var response = await host.Client.PostAsync("/PollFeedBatch", FunctionsHostStandIn.QueueEnvelope(FunctionTable.PollFeedBatch, "not json", 1, "m1"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("PollFeedBatch failed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollFeedBatch_EnvelopeWithoutTheBinding_Answers400()
    {
        var config = TestConfig.FromSamples();
        await using var host = await MonitorTestHost.StartAsync(azurite, config, Now);

        using var response = await host.Client.PostAsync("/PollFeedBatch", new StringContent("{\"Data\":{\"other\":\"x\"},\"Metadata\":{}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>The loopback world of these tests: a feed server with the test desk feed, the fake Twilio API and the SMTP listener.</summary>
    private sealed record Rig(FeedServer Feeds, FakeTwilioApi Twilio, SmtpListener Smtp, string Config) : IAsyncDisposable
    {
        public static async Task<Rig> StartAsync()
        {
            var feeds = await FeedServer.StartAsync();
            feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
            return new Rig(feeds, await FakeTwilioApi.StartAsync(), SmtpListener.Start(), TestConfig.FromSamples(("test-desk", feeds.Url("desk.xml"))));
        }

        public async ValueTask DisposeAsync()
        {
            await Smtp.DisposeAsync();
            await Twilio.DisposeAsync();
            await Feeds.DisposeAsync();
        }
    }
}
