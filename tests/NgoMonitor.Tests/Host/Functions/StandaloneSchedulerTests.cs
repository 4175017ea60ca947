using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Core.Polling;
using NgoMonitor.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Functions;

[Collection(AzuriteCollection.Name)]
public sealed class StandaloneSchedulerTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Standalone_FakeClockAdvances_RunsAtStartupThenOnEachScheduledMinute()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        var config = TestConfig.FromSamples(("test-desk", feeds.Url("desk.xml")));
        var reports = Channel.CreateUnbounded<CycleReport>();
        var waiting = Channel.CreateUnbounded<DateTimeOffset>();
        await using var host = await MonitorTestHost.StartAsync(
            azurite, config, new DateTimeOffset(2026, 11, 24, 10, 0, 30, TimeSpan.Zero), HostMode.Standalone,
            app =>
            {
                app.Services.GetRequiredService<PollCycleRunner>().CycleCompleted += r => reports.Writer.TryWrite(r);
                app.Services.GetRequiredService<StandaloneScheduler>().Waiting += due => waiting.Writer.TryWrite(due);
            },
            "--POLL_SCHEDULE=0 */1 * * * *");

        var atStartup = await reports.Reader.ReadAsync().AsTask().WaitAsync(Guard);
        var firstDue = await waiting.Reader.ReadAsync().AsTask().WaitAsync(Guard);
        host.Time.Advance(TimeSpan.FromSeconds(30));
        var atTenOhOne = await reports.Reader.ReadAsync().AsTask().WaitAsync(Guard);
        var secondDue = await waiting.Reader.ReadAsync().AsTask().WaitAsync(Guard);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var atTenOhTwo = await reports.Reader.ReadAsync().AsTask().WaitAsync(Guard);

        Assert.Equal(2, atStartup.NewItems);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 1, 0, TimeSpan.Zero), firstDue);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 2, 0, TimeSpan.Zero), secondDue);
        Assert.Equal(FeedOutcomeKind.NotDue, atTenOhOne.Feeds.Single().Kind);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 1, 0, TimeSpan.Zero), atTenOhOne.Started);
        Assert.Equal(FeedOutcomeKind.Fetched, atTenOhTwo.Feeds.Single().Kind);
        Assert.Equal(0, atTenOhTwo.NewItems);
        Assert.Equal(2, feeds.Requests.Count);
    }
}
