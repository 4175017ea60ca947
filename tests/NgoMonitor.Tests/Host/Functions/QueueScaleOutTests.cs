using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Adapters.Queues;
using NgoMonitor.Core.Polling;
using NgoMonitor.Core.Storage;
using NgoMonitor.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Functions;

/// <summary>
/// Scale-out through the queues, with two Monitor instances sharing one storage account (Azurite): the tables, the
/// poll queue and the dispatch queue. Each instance consumes in-process (<see cref="PollCycleRunner.ConsumeAsync"/>,
/// the standalone path, the same handlers the host's queue triggers call). Every feed serves one item; 20 feeds,
/// spread evenly, serve the Azaz hospital story, which the sample watchlists alert on (email to the desk, SMS to the officer).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueScaleOutTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FiveThousandFeeds_TwoConsumersAtOnce_EachFeedFetchedOnceNoItemLostNoAlertTwice()
    {
        await using var world = await World.StartAsync(azurite, 5000);
        await using var a = await world.StartInstanceAsync();
        await using var b = await world.StartInstanceAsync();

        var fanOut = await Functions(a).PollFeedsAsync(CancellationToken.None);
        var consumed = await Task.WhenAll(Runner(a).ConsumeAsync(CancellationToken.None), Runner(b).ConsumeAsync(CancellationToken.None));

        Assert.Equal(5000, fanOut.Enqueued);
        Assert.Equal(250, fanOut.Batches);
        Assert.All(consumed, c => Assert.NotEmpty(c.Batches)); // both instances took a share
        Assert.Equal(5000, consumed.Sum(c => c.Batches.Sum(x => x.Feeds.Count(f => f.Kind == FeedOutcomeKind.Fetched))));
        await world.AssertEachFeedFetchedOnceAndNothingLostOrDoubledAsync(a);
    }

    [Fact]
    public async Task ConsumerKilledMidBatch_ItsMessagesReappearAfterTheVisibilityTimeoutAndAnotherCompletesThem()
    {
        await using var world = await World.StartAsync(azurite, 200);
        await using var victim = await world.StartInstanceAsync();
        await using var survivor = await world.StartInstanceAsync();
        var queues = victim.App.Services.GetRequiredService<StorageQueues>();
        await Functions(victim).PollFeedsAsync(CancellationToken.None);

        // The victim takes messages and dies: the first after doing half of its feeds, the second after doing all of
        // them (but before deleting it), the rest before doing anything. None is deleted. Its lease on them (the
        // visibility timeout) then runs out two seconds after it died, however long its work took on this machine.
        var taken = await queues.ReceiveAsync(queues.PollQueue, CancellationToken.None);
        Assert.True(taken.Count >= 3);
        var first = StorageQueues.Deserialize<PollBatch>(taken[0].Body);
        await Functions(victim).PollFeedBatchAsync(first with { FeedIds = [.. first.FeedIds.Take(first.FeedIds.Count / 2)] }, CancellationToken.None);
        await Functions(victim).PollFeedBatchAsync(StorageQueues.Deserialize<PollBatch>(taken[1].Body), CancellationToken.None);
        foreach (var message in taken)
        {
            await queues.RetryLaterAsync(message, TimeSpan.FromSeconds(2), CancellationToken.None);
        }

        // The survivor drains at once: only what the victim did not take is visible. Then it waits for the victim's
        // messages to reappear (external queue state: polled with a deadline) and drains again.
        var before = await Runner(survivor).ConsumeAsync(CancellationToken.None);
        await WaitUntilVisibleAsync(queues, taken.Count);
        var after = await Runner(survivor).ConsumeAsync(CancellationToken.None);

        Assert.Equal(10 - taken.Count, before.Batches.Count);
        Assert.Equal(taken.Count, after.Batches.Count);
        Assert.Equal(0, await queues.CountAsync(queues.PollQueue, CancellationToken.None));
        Assert.Empty(await queues.PeekPoisonAsync(CancellationToken.None));
        await world.AssertEachFeedFetchedOnceAndNothingLostOrDoubledAsync(survivor);
    }

    private static MonitorFunctions Functions(MonitorTestHost host) => host.App.Services.GetRequiredService<MonitorFunctions>();

    private static PollCycleRunner Runner(MonitorTestHost host) => host.App.Services.GetRequiredService<PollCycleRunner>();

    private static async Task WaitUntilVisibleAsync(StorageQueues queues, int count)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        while ((await queues.Queue(queues.PollQueue).PeekMessagesAsync(32)).Value.Length < count)
        {
            Assert.True(TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(30), "the victim's messages did not reappear within 30 s");
            await Task.Delay(100);
        }
    }

    /// <summary>The feeds, the fake providers and the shared storage settings of one test.</summary>
    private sealed class World(AzuriteFixture azurite, int feedCount, FeedServer feeds, FakeTwilioApi twilio, SmtpListener smtp, string config, string[] settings) : IAsyncDisposable
    {
        /// <summary>Feeds that carry the alerting story, spread evenly.</summary>
        private const int Alerting = 20;

        public static async Task<World> StartAsync(AzuriteFixture azurite, int feedCount)
        {
            var feeds = await FeedServer.StartAsync();
            var list = new List<(string, Uri)>();
            for (var i = 0; i < feedCount; i++)
            {
                var id = "f" + i.ToString("D4", CultureInfo.InvariantCulture);
                feeds.ServeText(id + ".xml", Rss(id, i % (feedCount / Alerting) == 0));
                list.Add((id, feeds.Url(id + ".xml")));
            }

            var twilio = await FakeTwilioApi.StartAsync();
            var smtp = SmtpListener.Start();
            string[] settings =
            [
                .. twilio.Settings(), .. smtp.Settings(), "--Storage:TablePrefix=" + AzuriteFixture.NewTablePrefix(),
                "--Feeds:MaxConnectionsPerHost=16", "--Polling:MaxConcurrentFeeds=16", "--Twilio:SegmentsPerSecond=100",
            ];
            return new World(azurite, feedCount, feeds, twilio, smtp, TestConfig.FromSamples([.. list]), settings);
        }

        public Task<MonitorTestHost> StartInstanceAsync(params string[] extra) => MonitorTestHost.StartAsync(azurite, config, Now, HostMode.OneShot, [.. settings, .. extra]);

        public async Task AssertEachFeedFetchedOnceAndNothingLostOrDoubledAsync(MonitorTestHost host)
        {
            var fetched = feeds.Requests.GroupBy(r => r.Path).ToList();
            Assert.Equal(feedCount, fetched.Count);
            Assert.All(fetched, f => Assert.Single(f));
            Assert.Equal(feedCount, (await host.RowsAsync("Items")).Count);

            // Every alerting item is in exactly one incident, once.
            var sources = (await host.RowsAsync("Incidents"))
                .SelectMany(i => JsonDocument.Parse(i.GetString("Sources")).RootElement.EnumerateArray())
                .Select(s => s.GetProperty("feedId").GetString() + "/" + s.GetProperty("itemId").GetString())
                .ToList();
            Assert.Equal(Alerting, sources.Count);
            Assert.Equal(sources.Count, sources.Distinct().Count());

            // Each outbox row went out once: as many provider requests as rows, and nothing left waiting.
            var outbox = await host.RowsAsync("Outbox");
            Assert.NotEmpty(outbox);
            Assert.All(outbox, r => Assert.Equal("Sent", r.GetString("Status")));
            Assert.Equal(outbox.Count(r => r.GetString("Channel") == "Sms"), twilio.Requests.Count);
            Assert.Equal(outbox.Count(r => r.GetString("Channel") == "Email"), smtp.Messages.Count);
        }

        private static string Rss(string id, bool alerting)
        {
            var (title, text) = alerting
                ? ("Hospital in Azaz evacuated after shelling hits nearby streets", "Staff at the main hospital in Azaz moved patients to a clinic north of the town after shells landed close by.")
                : ("Market day number " + id, "An ordinary day at the market.");
            return new StringBuilder()
                .Append("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Feed ").Append(id).Append("</title><link>http://example.org/</link><description>d</description>")
                .Append("<item><title>").Append(title).Append("</title><link>http://example.org/").Append(id).Append("</link><guid isPermaLink=\"false\">").Append(id).Append("-1</guid>")
                .Append("<pubDate>Tue, 24 Nov 2026 09:50:00 GMT</pubDate><description>").Append(text).Append("</description></item></channel></rss>")
                .ToString();
        }

        public async ValueTask DisposeAsync()
        {
            await smtp.DisposeAsync();
            await twilio.DisposeAsync();
            await feeds.DisposeAsync();
        }
    }
}
