using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Adapters.Telemetry;
using NgoMonitor.Host.Functions;
using NgoMonitor.Tests.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Telemetry;

[Collection(AzuriteCollection.Name)]
public sealed class CycleMetricsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PollFeeds_OneCycle_RecordsFeedsItemsMatchesAndAlerts()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        var config = TestConfig.FromSamples(("test-desk", feeds.Url("desk.xml")), ("gone", feeds.Url("gone.xml")));
        await using var host = await MonitorTestHost.StartAsync(azurite, config, new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        var metrics = host.App.Services.GetRequiredService<MonitorMetrics>();
        var totals = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument == metrics.NewItems || instrument == metrics.Matches || instrument == metrics.Feeds || instrument == metrics.Alerts)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var outcome = tags.ToArray().FirstOrDefault(t => t.Key == "outcome").Value;
            var key = instrument.Name + (outcome is null ? "" : "/" + outcome);
            lock (totals)
            {
                totals[key] = totals.GetValueOrDefault(key) + value;
            }
        });
        listener.Start();

        await host.PollFeedsAndDrainAsync();

        Assert.Equal(2, totals["monitor.items.new"]);
        Assert.Equal(3, totals["monitor.matches"]); // the Azaz hospital: health care (global), Azaz office (circle), Syria (country)
        Assert.Equal(1, totals["monitor.feeds/fetched"]);
        Assert.Equal(1, totals["monitor.feeds/failed"]);
        Assert.Equal(2, totals["monitor.alerts/printed"]);
    }
}
