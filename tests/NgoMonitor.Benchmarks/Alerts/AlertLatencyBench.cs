using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NgoMonitor.Host;
using NgoMonitor.Host.Functions;

using NgoMonitor.Benchmarks.Host;

namespace NgoMonitor.Benchmarks.Alerts;

/// <summary>
/// Alert latency and dispatch rate on real loopback components: Azurite (in memory), a local feed server, a fake
/// Twilio Messages endpoint, and the real app (MonitorApp) with a FakeTimeProvider so every cycle finds the feed due.
/// 1. Latency: 100 times, a new item (its own incident) appears in the feed, a cycle starts, and the time from the cycle's
///    start to the SMS request reaching the fake is recorded; p50 / p95 / max reported.
/// 2. Rate: 100 new items in one feed, provider answering in 200 ms; alerts dispatched per second, from the first SMS
///    request to the end of the cycle, for dispatch concurrency 1 and 4 (Alerts:DispatchConcurrency).
/// Run: dotnet run -c Release --project tests/NgoMonitor.Benchmarks -- bench-alerts [--items 100]
/// </summary>
public static class AlertLatencyBench
{
    private const string Sid = "AC00000000000000000000000000000001";
    private const string Token = "bench-token-not-a-secret";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var items = args.Length >= 2 && args[0] == "--items" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        using var azurite = await LocalAzurite.StartAsync();
        var connection = azurite.ConnectionString;
        var latencies = await LatencyAsync(connection, items);
        latencies.Sort();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"latency over {items} items (cycle start -> SMS request at the fake): p50 {Percentile(latencies, 50):0} ms, p95 {Percentile(latencies, 95):0} ms, max {latencies[^1]:0} ms"));
        foreach (var concurrency in new[] { 1, 4 })
        {
            var (rate, cycle) = await RateAsync(connection, items, concurrency);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"dispatch rate, {items} alerts, provider 200 ms, concurrency {concurrency}: {rate:0.0} alerts/s (whole cycle {cycle:0} ms)"));
        }

        return 0;
    }

    private static double Percentile(List<double> sorted, int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task<List<double>> LatencyAsync(string connection, int items)
    {
        var feed = new MutableFeed();
        var arrivals = new ConcurrentQueue<long>();
        await using var feedServer = await ServeAsync(app => app.MapGet("/feed.xml", () => Results.Text(feed.Xml, "application/rss+xml")));
        await using var twilio = await FakeTwilioAsync(arrivals, TimeSpan.Zero);
        var now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        await using var app = await StartAppAsync(connection, feedServer.Url, twilio.Url, now, 4);
        var time = (FakeTimeProvider)app.Services.GetRequiredService<TimeProvider>();
        var runner = app.Services.GetRequiredService<PollCycleRunner>();
        await runner.RunAsync(CancellationToken.None); // warm-up: tables, config, JIT

        var latencies = new List<double>();
        for (var n = 0; n < items; n++)
        {
            time.Advance(TimeSpan.FromMinutes(2));
            feed.Add(n, time.GetUtcNow());
            var before = arrivals.Count;
            var start = Stopwatch.GetTimestamp();
            await runner.RunAsync(CancellationToken.None);
            if (arrivals.Count != before + 1)
            {
                throw new InvalidOperationException($"item {n}: {arrivals.Count - before} SMS instead of 1");
            }

            latencies.Add(Stopwatch.GetElapsedTime(start, arrivals.Last()).TotalMilliseconds);
        }

        return latencies;
    }

    private static async Task<(double Rate, double CycleMs)> RateAsync(string connection, int items, int concurrency)
    {
        var feed = new MutableFeed();
        var now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        for (var n = 0; n < items; n++)
        {
            feed.Add(1000 + n, now);
        }

        var arrivals = new ConcurrentQueue<long>();
        await using var feedServer = await ServeAsync(app => app.MapGet("/feed.xml", () => Results.Text(feed.Xml, "application/rss+xml")));
        await using var twilio = await FakeTwilioAsync(arrivals, TimeSpan.FromMilliseconds(200));
        await using var app = await StartAppAsync(connection, feedServer.Url, twilio.Url, now, concurrency);
        var start = Stopwatch.GetTimestamp();
        await app.Services.GetRequiredService<PollCycleRunner>().RunAsync(CancellationToken.None);
        var end = Stopwatch.GetTimestamp();
        if (arrivals.Count != items)
        {
            throw new InvalidOperationException($"{arrivals.Count} SMS instead of {items}");
        }

        var dispatch = Stopwatch.GetElapsedTime(arrivals.Min(), end).TotalSeconds;
        return (items / dispatch, Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
    }

    private static async Task<WebApplication> StartAppAsync(string connection, Uri feedServer, Uri twilio, DateTimeOffset now, int concurrency)
    {
        var config = Path.Combine(Path.GetTempPath(), "monitor-bench-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(config, $$"""
            {"feeds":[{"id":"bench","name":"Bench wire","url":"{{new Uri(feedServer, "feed.xml").AbsoluteUri}}","minIntervalMinutes":1,"allowPrivateNetwork":true}],
             "recipients":[{"id":"officer","name":"Officer","phone":"+15005550006","channels":["sms"],"timeZone":"UTC"}],
             "watchlists":[{"id":"violence","name":"Violence","severity":"extreme","rules":[{"any":["airstrike*"]}],
               "geofences":[{"name":"Azaz office","lat":36.75,"lon":37.05,"radiusKm":40}],"recipients":["officer"]}]}
            """);
        string[] args =
        [
            $"--Storage:ConnectionString={connection}", "--Storage:TablePrefix=B" + Guid.NewGuid().ToString("N")[..12], $"--Monitor:ConfigPath={config}",
            "--urls=http://127.0.0.1:0", $"--Twilio:AccountSid={Sid}", $"--Twilio:AuthToken={Token}", "--Twilio:From=+15005550006",
            $"--Twilio:BaseUrl={twilio}", $"--Alerts:DispatchConcurrency={concurrency}", "--Twilio:SegmentsPerSecond=1000", "--Logging:LogLevel:Default=Warning",
        ];
        var builder = MonitorApp.CreateBuilder(args, HostMode.OneShot);
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
        builder.Logging.ClearProviders();
        var app = MonitorApp.Build(builder);
        await app.StartAsync();
        return app;
    }

    /// <summary>An RSS feed the benchmark adds items to; every item has its own words, so each is its own incident.</summary>
    private sealed class MutableFeed
    {
        private readonly StringBuilder _items = new();

        public string Xml { get; private set; } = Wrap("");

        public void Add(int n, DateTimeOffset published)
        {
            lock (_items)
            {
                _items.Append(CultureInfo.InvariantCulture, $"<item><title>Airstrike hits depot{n}a store{n}b yard{n}c gate{n}d in Azaz</title><link>http://example.org/s/{n}</link><guid isPermaLink=\"false\">bench-{n}</guid><pubDate>{published.ToString("r", CultureInfo.InvariantCulture)}</pubDate><description>Azaz.</description></item>");
                Xml = Wrap(_items.ToString());
            }
        }

        private static string Wrap(string items) => $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Bench</title><link>http://example.org/</link><description>b</description>{items}</channel></rss>";
    }

    private static Task<Server> FakeTwilioAsync(ConcurrentQueue<long> arrivals, TimeSpan delay) => ServeAsync(app =>
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", async (HttpContext context) =>
        {
            arrivals.Enqueue(Stopwatch.GetTimestamp());
            await context.Request.ReadFormAsync();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay);
            }

            return Results.Json(new { sid = "SM" + Guid.NewGuid().ToString("N"), status = "queued" }, statusCode: 201);
        }));

    private sealed class Server(WebApplication app, Uri url) : IAsyncDisposable
    {
        public Uri Url { get; } = url;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<Server> ServeAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new Server(app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/"));
    }
}
