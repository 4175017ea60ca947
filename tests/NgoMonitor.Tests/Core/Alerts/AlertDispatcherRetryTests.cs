using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Adapters.Queues;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

/// <summary>
/// The growing back-off between delivery attempts of an outbox row (<see cref="AlertsOptions.RetryDelayAfter"/>), on
/// the real app against Azurite and the fake Twilio API. The rig's feed carries the Azaz hospital story: one SMS to the
/// officer (the row these tests fail) and one email to the desk. Twilio's own HTTP retries are off (RetryAttempts 0),
/// so each failing answer is one failed attempt. Nothing but the PollFeeds timer runs after the first poll: no new alert
/// arrives, so every retry is the sweep's doing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AlertDispatcherRetryTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Twilio answers 503 to every attempt; the timer ticks every 15 s for 10 minutes. The row is retried on the
    /// doubling back-off, not at every tick, so a provider outage of a few minutes does not fail it. (The cap and the
    /// rules that pick a row are tested fast in <see cref="AlertDispatcherTests"/>; this is the path through the app.)
    /// </summary>
    [Fact]
    public async Task Retry_TwilioKeepsFailing_AttemptsFollowTheDoublingBackOffThenTheRowFails()
    {
        await using var rig = await Rig.StartAsync(azurite);
        for (var i = 0; i < 5; i++)
        {
            rig.Twilio.FailNext(503, 20500, "down");
        }

        var attempts = new List<int>();
        for (var tick = 0; tick <= 40; tick++)
        {
            var before = rig.Twilio.Requests.Count;
            await rig.Host.PollFeedsAndDrainAsync();
            if (rig.Twilio.Requests.Count > before)
            {
                attempts.Add((int)(rig.Host.Time.GetUtcNow() - Now).TotalSeconds);
            }

            rig.Host.Time.Advance(TimeSpan.FromSeconds(15));
        }

        Assert.Equal([0, 30, 90, 210, 450], attempts);
        var sms = await rig.SmsRowAsync();
        Assert.Equal(nameof(DeliveryStatus.Failed), sms.GetString("Status"));
        Assert.Equal(5, sms.GetInt32("Attempts"));
        Assert.Null(sms.GetDateTimeOffset("NextAttemptAt"));
        Assert.Empty(rig.Twilio.Accepted);
    }

    /// <summary>Twilio's 429 asks for 5 minutes: the retry waits that, not the 30 s back-off.</summary>
    [Fact]
    public async Task Retry_TwilioAnswers429WithRetryAfter_WaitsTheLongerRetryAfter()
    {
        await using var rig = await Rig.StartAsync(azurite);
        rig.Twilio.FailNext(429, 20429, "Too Many Requests", retryAfterSeconds: 300);
        await rig.Host.PollFeedsAndDrainAsync();

        var row = await rig.SmsRowAsync();
        rig.Host.Time.Advance(TimeSpan.FromSeconds(299));
        await rig.Host.PollFeedsAndDrainAsync();
        var requestsEarly = rig.Twilio.Requests.Count;
        rig.Host.Time.Advance(TimeSpan.FromSeconds(1));
        await rig.Host.PollFeedsAndDrainAsync();

        Assert.Equal(Now.AddMinutes(5), row.GetDateTimeOffset("NextAttemptAt"));
        Assert.Equal(1, requestsEarly);
        await rig.AssertEachRowSentOnceAsync();
    }

    [Fact]
    public async Task Retry_AttemptFails_LogsTheNextAttemptTimeWithTheNumberMasked()
    {
        await using var rig = await Rig.StartAsync(azurite);
        rig.Twilio.FailNext(503, 20500, "down");

        var logs = await rig.Host.PollFeedsAndDrainAsync();

        var address = (await rig.SmsRowAsync()).GetString("Address");
        var line = Assert.Single(logs, l => l.Contains("next attempt not before", StringComparison.Ordinal));
        Assert.Contains("2026-11-24T10:00:30", line, StringComparison.Ordinal);
        Assert.Contains(Redact.Phone(address), line, StringComparison.Ordinal);
        Assert.DoesNotContain(address, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("first failure: the base delay", 1, null, 30)]
    [InlineData("second: doubled", 2, null, 60)]
    [InlineData("fourth: 30 × 8", 4, null, 240)]
    [InlineData("sixth: 30 × 32 = 960, capped at 15 minutes", 6, null, 900)]
    [InlineData("hundredth: still the cap, no overflow", 100, null, 900)]
    [InlineData("provider asks for longer: honoured", 2, 300, 300)]
    [InlineData("provider asks for less: the back-off stands", 2, 10, 60)]
    public void RetryDelayAfter_AttemptsAndRetryAfter_IsTheDoublingDelayCappedOrTheProvidersIfLonger(string label, int attempts, int? retryAfterSeconds, int expectedSeconds)
    {
        var delay = new AlertsOptions().RetryDelayAfter(attempts, retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null);

        Assert.True(TimeSpan.FromSeconds(expectedSeconds) == delay, label + ": " + delay);
    }

    /// <summary>The feed, the fake providers and the app of one test, and what the tests ask of them.</summary>
    private sealed class Rig(FeedServer feeds, FakeTwilioApi twilio, SmtpListener smtp, MonitorTestHost host) : IAsyncDisposable
    {
        public MonitorTestHost Host => host;

        public FakeTwilioApi Twilio => twilio;

        public static async Task<Rig> StartAsync(AzuriteFixture azurite, params string[] settings)
        {
            var feeds = await FeedServer.StartAsync();
            feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
            var twilio = await FakeTwilioApi.StartAsync();
            var smtp = SmtpListener.Start();
            var config = TestConfig.FromSamples(("test-desk", feeds.Url("desk.xml")));
            var host = await MonitorTestHost.StartAsync(azurite, config, Now, HostMode.OneShot, [.. twilio.Settings(), .. smtp.Settings(), "--Twilio:RetryAttempts=0", .. settings]);
            return new Rig(feeds, twilio, smtp, host);
        }

        public async Task<Azure.Data.Tables.TableEntity> SmsRowAsync() =>
            Assert.Single(await host.RowsAsync("Outbox"), r => r.GetString("Channel") == nameof(Channel.Sms));

        /// <summary>Messages in the dispatch queue, visible or not (Azurite counts exactly).</summary>
        public Task<int> DispatchMessagesAsync()
        {
            var queues = host.App.Services.GetRequiredService<StorageQueues>();
            return queues.CountAsync(queues.DispatchQueue, CancellationToken.None);
        }

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
