using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NgoMonitor.Adapters.Telemetry;

/// <summary>
/// Monitor's own traces and metrics (System.Diagnostics, exported by OpenTelemetry from the host). Instrument names
/// follow the OpenTelemetry semantic-convention style: lower case, dot-separated, unit in the metadata.
/// </summary>
public sealed class MonitorMetrics : IDisposable
{
    public const string Name = "NgoMonitor";

    private readonly Meter _meter = new(Name);

    public MonitorMetrics()
    {
        CycleDuration = _meter.CreateHistogram<double>("monitor.cycle.duration", "s", "Wall time of one poll cycle");
        Feeds = _meter.CreateCounter<long>("monitor.feeds", "{feed}", "Feeds polled, by outcome (fetched, not_modified, failed)");
        NewItems = _meter.CreateCounter<long>("monitor.items.new", "{item}", "Items seen for the first time");
        Matches = _meter.CreateCounter<long>("monitor.matches", "{match}", "Item-watchlist matches");
        Alerts = _meter.CreateCounter<long>("monitor.alerts", "{message}", "Alert messages by outcome (sent, printed, retrying, failed)");
        DeliveryBacklog = _meter.CreateHistogram<double>("monitor.dispatch.expected_delivery", "s", "How long after a dispatch the provider should have sent its last paced SMS (the burst's expected delivery time)");
        Deferred = _meter.CreateCounter<long>("monitor.dispatch.deferred", "{message}", "SMS sent back to the dispatch queue to respect a sender's pace");
        ProviderLatency = _meter.CreateHistogram<double>("monitor.provider.duration", "s", "Time a delivery provider took to answer, by channel");
    }

    public static ActivitySource Tracing { get; } = new(Name);

    public Histogram<double> CycleDuration { get; }

    public Counter<long> Feeds { get; }

    public Counter<long> NewItems { get; }

    public Counter<long> Matches { get; }

    public Counter<long> Alerts { get; }

    public Histogram<double> ProviderLatency { get; }

    public Histogram<double> DeliveryBacklog { get; }

    public Counter<long> Deferred { get; }

    public void Dispose() => _meter.Dispose();
}
