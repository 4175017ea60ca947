using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Adapters.Queues;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Storage;
using NgoMonitor.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

/// <summary>
/// The PollFeeds timer's outbox sweep (<c>AlertDispatcher.EnqueuePendingAsync</c>) on the real app, against Azurite's
/// queue and its poison queue: rows whose message was poisoned are queued again after the grace and sent once. The
/// sweep's rules themselves (a row left to its message, once per grace, a retry at the first tick after its back-off)
/// are tested fast in <see cref="AlertDispatcherTests"/> and <see cref="DispatchQueueTests"/>.
/// The rig's feed carries the Azaz hospital story: one SMS to the officer and one email to the desk, which the poll
/// batch queues in one dispatch message. The timer fires once a minute; the sweep's grace is the default 5 minutes.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AlertDispatcherSweepTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sweep_DispatchMessagePoisoned_QueuesItsRowsAgainAfterTheGraceAndSendsEachOnce()
    {
        await using var rig = await Rig.StartAsync(azurite);
        await rig.PollAndRunBatchesAsync();
        var message = Assert.Single(await rig.Queues.ReceiveAsync(rig.Queues.DispatchQueue, CancellationToken.None));
        await rig.Queues.PoisonAsync(message, CancellationToken.None);

        rig.Host.Time.Advance(TimeSpan.FromMinutes(4));
        await rig.Functions.PollFeedsAsync(CancellationToken.None);
        var withinGrace = await rig.DispatchMessagesAsync();
        rig.Host.Time.Advance(TimeSpan.FromMinutes(1));
        await rig.Functions.PollFeedsAsync(CancellationToken.None);
        var requeued = Assert.Single((await rig.Queues.Queue(rig.Queues.DispatchQueue).PeekMessagesAsync(32)).Value);

        await rig.Host.DrainQueuesAsync();
        Assert.Equal(0, withinGrace);
        var rows = StorageQueues.Deserialize<DispatchBatch>(requeued.Body.ToString()).Rows;
        Assert.Equal(StorageQueues.Deserialize<DispatchBatch>(message.Body).Rows.OrderBy(r => r.Id, StringComparer.Ordinal), rows.OrderBy(r => r.Id, StringComparer.Ordinal));
        await rig.AssertEachRowSentOnceAsync();
    }

    [Theory]
    [InlineData("never queued (the timer's own rows, rows from before the column)", null, null, false)]
    [InlineData("queued a minute ago by its batch", -1, null, true)]
    [InlineData("queued just now, not yet taken", 0, null, true)]
    [InlineData("queued 4 minutes ago, still within the grace", -4, null, true)]
    [InlineData("queued 5 minutes ago: the grace has run out, the message counts as lost", -5, null, false)]
    [InlineData("deferred by pacing: its message appears in 20 minutes", 20, null, true)]
    [InlineData("its message was taken and the attempt failed: due for retry", -2, -1, false)]
    [InlineData("taken at the same instant it was queued", -1, -1, false)]
    [InlineData("swept again after an older failed attempt", -1, -3, true)]
    public void AwaitsMessage_RowQueuedAndClaimedAt_SaysWhetherTheSweepLeavesIt(string label, int? queuedMinutes, int? claimedMinutes, bool awaits)
    {
        var now = Now;
        var row = new OutboxMessage("a-r-sms", "a", "r", Channel.Sms, "+15005550006", "s", "t", null, Severity.Severe, "item", now.AddHours(-1))
        {
            Delivery = Delivery.Restore(DeliveryStatus.Pending, claimedMinutes is null ? 0 : 1, null, null,
                claimedAt: claimedMinutes is { } c ? now.AddMinutes(c) : null, queuedAt: queuedMinutes is { } q ? now.AddMinutes(q) : null, null, null, null),
        };

        Assert.True(DispatchQueue.AwaitsMessage(row, now, new AlertsOptions().SweepGrace) == awaits, label);
    }

    /// <summary>The feed, the fake providers and the app of one test, and what the tests ask of them.</summary>
    private sealed class Rig(FeedServer feeds, FakeTwilioApi twilio, SmtpListener smtp, MonitorTestHost host) : IAsyncDisposable
    {
        public MonitorTestHost Host => host;

        public FakeTwilioApi Twilio => twilio;

        public StorageQueues Queues => host.App.Services.GetRequiredService<StorageQueues>();

        public MonitorFunctions Functions => host.App.Services.GetRequiredService<MonitorFunctions>();

        public static async Task<Rig> StartAsync(AzuriteFixture azurite)
        {
            var feeds = await FeedServer.StartAsync();
            feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
            var twilio = await FakeTwilioApi.StartAsync();
            var smtp = SmtpListener.Start();
            var config = TestConfig.FromSamples(("test-desk", feeds.Url("desk.xml")));
            var host = await MonitorTestHost.StartAsync(azurite, config, Now, HostMode.OneShot, [.. twilio.Settings(), .. smtp.Settings(), "--Twilio:RetryAttempts=0"]);
            return new Rig(feeds, twilio, smtp, host);
        }

        /// <summary>The timer, then the poll queue's consumer only: the batch plans the alerts and queues their rows.</summary>
        public async Task PollAndRunBatchesAsync()
        {
            await Functions.PollFeedsAsync(CancellationToken.None);
            await host.App.Services.GetRequiredService<QueueDrain>().DrainAsync(
                [(Queues.PollQueue, async (m, ct) => await Functions.PollFeedBatchAsync(StorageQueues.Deserialize<PollBatch>(m.Body), ct))],
                CancellationToken.None);
        }

        /// <summary>Messages in the dispatch queue, visible or not (Azurite counts exactly).</summary>
        public Task<int> DispatchMessagesAsync() => Queues.CountAsync(Queues.DispatchQueue, CancellationToken.None);

        public async Task AssertEachRowSentOnceAsync()
        {
            var outbox = await host.RowsAsync("Outbox");
            Assert.Equal(2, outbox.Count);
            Assert.All(outbox, r => Assert.Equal("Sent", r.GetString("Status")));
            Assert.Single(twilio.Accepted);
            Assert.Single(smtp.Messages);
            Assert.Equal(0, await DispatchMessagesAsync());
        }

        public async ValueTask DisposeAsync()
        {
            await host.DisposeAsync();
            await smtp.DisposeAsync();
            await twilio.DisposeAsync();
            await feeds.DisposeAsync();
        }
    }
}
