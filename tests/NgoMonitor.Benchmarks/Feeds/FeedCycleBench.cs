using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Feeds;
using NgoMonitor.Adapters.Geo;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Polling;
using NgoMonitor.Core.Storage;
using NgoMonitor.TestKit;

namespace NgoMonitor.Benchmarks.Feeds;

/// <summary>
/// `dotnet run -c Release --project tests/NgoMonitor.Benchmarks -- feed-cycle [feeds] [concurrency]`: the real
/// <see cref="PollFeedBatch"/> (one batch of every feed) (real fetcher, parser, matcher with the sample watchlists, planner) against a local
/// Kestrel serving N feeds (default 2,000) on 50 loopback addresses (127.0.0.1–50, 40 feeds each, so per-host limits
/// apply as they would across real sites). Stores are in memory: this measures ingestion, not Azurite; the item store
/// keeps ids only, as the Table store holds nothing in the process, so 50,000 stored items do not count as ingestion memory.
/// Mix per 20 feeds: 15 answer 304 (75%), 2 answer 200 with a 20-item RSS body that changes every cycle, 1 answers
/// 429 with Retry-After, 1 answers 500, 1 is slow (400 ms, then 304). Server and client share the process, so the
/// CPU and memory figures include the server: they are upper bounds for the client.
/// </summary>
public static class FeedCycleBench
{
    private const int Hosts = 50;

    public static async Task RunAsync(string[] args)
    {
        var feedCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 32;
        var cycle = 0;
        await using var server = await StartServerAsync(() => cycle);
        var port = server.Urls.Select(u => new Uri(u).Port).First();

        var feeds = Enumerable.Range(0, feedCount)
            .Select(i => new FeedSource("f" + i.ToString(CultureInfo.InvariantCulture), "Feed " + i, new Uri($"http://127.0.0.{1 + i % Hosts}:{port}/f/{i}"), TimeSpan.FromMinutes(5), AllowPrivateNetwork: true))
            .ToList();
        var config = ConfigFile.Load(Path.Combine(FindRepo(), "samples", "monitor.config.json")).Config with { Feeds = feeds };
        var states = new InMemoryFeedStateStore();
        var outbox = new InMemoryOutbox();
        var alerts = new AlertsOptions();
        var polling = new PollingOptions { MaxConcurrentFeeds = concurrency };
        var fetcher = HttpFeedFetcher.Create(new FeedsOptions());
        var places = new Geoparser(Gazetteer.Load(Gazetteer.DefaultPath)); // the production place finder
        var incidents = new InMemoryIncidentStore();
        var recipientStates = new InMemoryRecipientStateStore();
        using var grouper = new IncidentGrouper(incidents, alerts);
        var alerter = new IncidentAlerter(incidents, outbox, recipientStates, new AlertPlanner(new AlertComposer(alerts), alerts), new AlertComposer(alerts), alerts);
        var poll = new PollFeedBatch(new InMemoryConfigStore(config), states, fetcher, new FeedReaderParser(), new SeenItemIds(), new InMemoryMatchStore(), outbox,
            places, grouper, alerter, new DispatchQueue(outbox, new InMemoryWorkQueues(), alerts), polling, alerts);

        Console.WriteLine($"feeds {feedCount}, global concurrency {concurrency}, per-host connections {new FeedsOptions().MaxConnectionsPerHost}, {Environment.ProcessorCount} cores");
        var now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

        // Cycle 0 fills the validators (every feed answers 200 once); then measured cycles with every feed due.
        for (cycle = 0; cycle <= 3; cycle++)
        {
            states.MakeAllDue();
            GC.Collect();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes();
            var watch = Stopwatch.StartNew();
            var report = await poll.RunAsync(new PollBatch("bench", [.. feeds.Select(f => f.Id)]), now, CancellationToken.None);
            watch.Stop();
            process.Refresh();
            var kinds = report.Feeds.GroupBy(f => f.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cycle {cycle}{(cycle == 0 ? " (warm-up, all 200)" : "")}: wall {watch.Elapsed.TotalSeconds:0.00} s, CPU {(process.TotalProcessorTime - cpu).TotalSeconds:0.00} s, allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0:0} MiB, peak working set {process.PeakWorkingSet64 / 1048576.0:0} MiB, {feedCount / watch.Elapsed.TotalMinutes:0} feeds/min; {string.Join(", ", kinds)}; {report.Feeds.Sum(f => f.NewItems)} new items"));
            now = now.AddMinutes(5);
        }

        // Round-trip baseline: the same 304 requests with a bare HttpClient, same concurrency, no pipeline.
        using var bare = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = new FeedsOptions().MaxConnectionsPerHost, UseProxy = false });
        var notModified = feeds.Where((_, i) => i % 20 < 15).ToList();
        foreach (var pass in new[] { "warm", "measured" })
        {
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(notModified, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (feed, token) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, feed.Url);
                request.Headers.TryAddWithoutValidation("If-None-Match", "\"v1\"");
                using var response = await bare.SendAsync(request, token);
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bare 304 round trips ({pass}): {notModified.Count} in {watch.Elapsed.TotalSeconds:0.00} s, {watch.Elapsed.TotalMilliseconds / notModified.Count * concurrency:0.00} ms per request at concurrency {concurrency}"));
        }

        // Pipeline cost of a 304 feed: an all-304 cycle over the same feeds.
        states.MakeAllDue();
        var w = Stopwatch.StartNew();
        await poll.RunAsync(new PollBatch("bench-304", [.. notModified.Select(f => f.Id)]), now, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pipeline all-304 cycle: {notModified.Count} in {w.Elapsed.TotalSeconds:0.00} s, {w.Elapsed.TotalMilliseconds / notModified.Count * concurrency:0.00} ms per feed at concurrency {concurrency}"));
    }

    private static string FindRepo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private static async Task<WebApplication> StartServerAsync(Func<int> cycle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = FreePort();
        builder.WebHost.ConfigureKestrel(k =>
        {
            for (var h = 1; h <= Hosts; h++)
            {
                k.Listen(IPAddress.Parse($"127.0.0.{h}"), port);
            }
        });
        var app = builder.Build();
        app.MapGet("/f/{i:int}", async (int i, HttpContext context) =>
        {
            var kind = i % 20;
            var c = cycle();
            if (kind == 17 && c > 0)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "600";
                return;
            }

            if (kind == 18 && c > 0)
            {
                context.Response.StatusCode = 500;
                return;
            }

            if (kind == 19 && c > 0)
            {
                await Task.Delay(400, context.RequestAborted);
            }

            var fresh = kind is 15 or 16;
            if (!fresh && context.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                context.Response.StatusCode = 304;
                return;
            }

            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            context.Response.Headers.ETag = fresh ? $"\"c{c}\"" : "\"v1\"";
            await context.Response.WriteAsync(Rss(i, c), context.RequestAborted);
        });
        await app.StartAsync();
        return app;
    }

    private static string Rss(int feed, int cycle)
    {
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Feed</title><link>https://news.example.org/</link>");
        for (var j = 0; j < 20; j++)
        {
            text.Append(CultureInfo.InvariantCulture, $"<item><title>Story {feed}-{cycle}-{j}: roads closed after flooding near the river, officials say</title><link>https://news.example.org/{feed}/{cycle}/{j}</link><guid>https://news.example.org/{feed}/{cycle}/{j}</guid><pubDate>Tue, 24 Nov 2026 09:{j:00}:00 GMT</pubDate><description>&lt;p&gt;Residents of several districts reported water levels rising through the night; aid groups moved supplies.&lt;/p&gt;</description></item>");
        }

        return text.Append("</channel></rss>").ToString();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The item store as the process sees the Table store: which ids exist, not the items themselves.</summary>
    private sealed class SeenItemIds : IItemStore
    {
        private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);

        public Task<IReadOnlyList<FeedItem>> WhereNewAsync(IReadOnlyList<FeedItem> items, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<FeedItem>>([.. items.Where(i => !_ids.ContainsKey(i.Id))]);

        public Task AddAsync(IReadOnlyList<FeedItem> items, DateTimeOffset seenAt, CancellationToken cancellationToken)
        {
            foreach (var item in items)
            {
                _ids.TryAdd(item.Id, 0);
            }

            return Task.CompletedTask;
        }
    }
}
