using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Adapters.Queues;
using NgoMonitor.Core.Storage;
using NgoMonitor.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Functions;

/// <summary>
/// The walking skeleton end to end: a PollFeeds timer tick → the due feeds in the poll queue (Azurite) → each message
/// delivered to the PollFeedBatch function as the host's queue trigger would → items, matches and alerts in Table
/// Storage → the rows to send delivered to DispatchAlerts → one SMS at the fake Twilio API and one email at the SMTP
/// listener (<see cref="FunctionsHostStandIn"/> plays the host in-process).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PollFeedsEndToEndTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PollFeeds_HospitalEvacuatedNearOffice_SendsOneSmsAndOneEmailAndStoresEverything()
    {
        await using var rig = await Rig.StartAsync();
        var (feeds, twilio, smtp, config) = (rig.Feeds, rig.Twilio, rig.Smtp, rig.Config);
        await using var host = await MonitorTestHost.StartAsync(azurite, config, Now, HostMode.OneShot, [.. twilio.Settings(), .. smtp.Settings()]);

        var tick = await host.TickAsync();
        var logs = await host.DrainQueuesAsync();

        Assert.Contains(tick, l => l.Contains("1 due feeds enqueued in 1 batches", StringComparison.Ordinal));
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
        await using var host = await MonitorTestHost.StartAsync(azurite, config, Now, HostMode.OneShot, [.. twilio.Settings(), .. smtp.Settings()]);
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
        await using var instanceA = await MonitorTestHost.StartAsync(azurite, config, Now, HostMode.OneShot, shared);
        await using var instanceB = await MonitorTestHost.StartAsync(azurite, config, Now, HostMode.OneShot, shared);

        await Task.WhenAll(instanceA.TickAsync(), instanceB.TickAsync(), instanceA.TickAsync());
        await Task.WhenAll(instanceA.DrainQueuesAsync(), instanceB.DrainQueuesAsync());

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
    public async Task PollFeeds_StorageUnreachable_FailsTheInvocation()
    {
        var config = TestConfig.FromSamples();
        var unreachable = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{AzuriteFixture.FreePort()}/devstoreaccount1;";
        await using var host = await MonitorTestHost.StartAsync(azurite, config, Now, HostMode.OneShot, $"--Storage:ConnectionString={unreachable}");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.TickAsync());

        Assert.IsNotType<OperationCanceledException>(failure);
    }

    [Fact]
    public async Task PollFeeds_Timer_EnqueuesTheDueFeedsAndFetchesNothingItself()
    {
        await using var rig = await Rig.StartAsync();
        await using var host = await MonitorTestHost.StartAsync(azurite, rig.Config, Now);
        var queues = host.App.Services.GetRequiredService<StorageQueues>();

        await host.TickAsync();

        Assert.Empty(rig.Feeds.Requests);
        var message = Assert.Single((await queues.Queue(queues.PollQueue).PeekMessagesAsync(32)).Value);
        var batch = StorageQueues.Deserialize<PollBatch>(message.Body.ToString());
        Assert.Equal(["test-desk"], batch.FeedIds.ToArray());
    }

    [Fact]
    public async Task PollFeedBatch_SameMessageDeliveredTwice_SendsEachAlertOnce()
    {
        await using var rig = await Rig.StartAsync();
        await using var host = await MonitorTestHost.StartAsync(azurite, rig.Config, Now, HostMode.OneShot, [.. rig.Twilio.Settings(), .. rig.Smtp.Settings()]);
        var queues = host.App.Services.GetRequiredService<StorageQueues>();
        await host.TickAsync();
        var message = (await queues.Queue(queues.PollQueue).PeekMessagesAsync(1)).Value.Single().Body.ToString();

        // The host delivers a message again when its first consumer died before deleting it: both deliveries run.
        var first = await host.DeliverAsync(FunctionTable.PollFeedBatch, message, 1, "m1");
        var again = await host.DeliverAsync(FunctionTable.PollFeedBatch, message, 2, "m1");
        await host.DrainQueuesAsync();

        Assert.Contains(first, l => l.Contains("2 new items", StringComparison.Ordinal));
        Assert.Contains(again, l => l.Contains("0 new items", StringComparison.Ordinal));
        Assert.Single(rig.Twilio.Requests);
        Assert.Single(rig.Smtp.Messages);
        Assert.Equal(2, (await host.RowsAsync("Outbox")).Count);
        Assert.Equal(2, (await host.RowsAsync("Items")).Count);
    }

    [Fact]
    public async Task PollFeedBatch_MessageNotABatch_FailsTheInvocationSoTheHostRetries()
    {
        var config = TestConfig.FromSamples();
        await using var host = await MonitorTestHost.StartAsync(azurite, config, Now);

        await Assert.ThrowsAsync<JsonException>(() => host.DeliverAsync(FunctionTable.PollFeedBatch, "not json", 1, "m1"));
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
