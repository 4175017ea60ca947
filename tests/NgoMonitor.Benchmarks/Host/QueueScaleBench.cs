using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NgoMonitor.Core.Polling;
using NgoMonitor.Host;
using NgoMonitor.Host.Functions;

namespace NgoMonitor.Benchmarks.Host;

/// <summary>
/// `queue-scale --consumers 1|2|4 [--feeds 2000]`: the scale-out path end to end on this machine. Azurite (Table and
/// Queue, in memory), a local Kestrel serving N feeds of 10 items each (ETag'd, so a second poll gets 304), and C
/// Monitor instances (the real MonitorApp, one shared FakeTimeProvider, one table prefix and one pair of queues) in
/// this process. One PollFeeds fan-out, then all C instances consume the queues at once until empty; measured:
/// wall time from fan-out to drained, feeds per minute, CPU seconds of this process and of Azurite's node processes.
/// Pass 1: every feed new (10 items stored each); pass 2, five minutes later: every feed answers 304.
/// </summary>
public static class QueueScaleBench
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var consumers = Option(args, "--consumers", 1);
        var feedCount = Option(args, "--feeds", 2000);
        using var azurite = await LocalAzurite.StartAsync();
        await using var server = await StartFeedServerAsync(feedCount);
        var port = new Uri(server.Urls.First()).Port;
        var config = WriteConfig(feedCount, port);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        var prefix = "Q" + Guid.NewGuid().ToString("N")[..12];
        var apps = new List<WebApplication>();
        for (var i = 0; i < consumers; i++)
        {
            apps.Add(await StartAppAsync(azurite.ConnectionString, prefix, config, time));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"queue-scale: {feedCount} feeds, {consumers} consumer instance(s) in one process, {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
        try
        {
            foreach (var pass in new[] { "all new (10 items each)", "all 304" })
            {
                var self = Process.GetCurrentProcess();
                var cpu = self.TotalProcessorTime;
                var storageCpu = StorageCpu(azurite);
                var watch = Stopwatch.StartNew();
                var fanOut = await apps[0].Services.GetRequiredService<MonitorFunctions>().PollFeedsAsync(CancellationToken.None);
                var consumed = await Task.WhenAll(apps.Select(a => a.Services.GetRequiredService<PollCycleRunner>().ConsumeAsync(CancellationToken.None)));
                watch.Stop();
                self.Refresh();
                var outcomes = consumed.SelectMany(c => c.Batches).SelectMany(b => b.Feeds).GroupBy(f => f.Kind).ToDictionary(g => g.Key, g => g.Count());
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {pass}: {fanOut.Enqueued} feeds in {fanOut.Batches} messages; wall {watch.Elapsed.TotalSeconds:0.0} s = {feedCount / watch.Elapsed.TotalMinutes:0} feeds/min; " +
                    $"CPU: Monitor {(self.TotalProcessorTime - cpu).TotalSeconds:0.0} s ({(self.TotalProcessorTime - cpu).TotalMilliseconds / feedCount:0.0} ms/feed), Azurite {(StorageCpu(azurite) - storageCpu).TotalSeconds:0.0} s; " +
                    $"messages per consumer {string.Join("/", consumed.Select(c => c.Batches.Count))}; " +
                    $"{string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}; load average {LoadAverage()}"));
                time.Advance(TimeSpan.FromMinutes(5));
            }
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        return 0;
    }

    private static int Option(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static TimeSpan StorageCpu(LocalAzurite azurite) =>
        azurite.Processes.Aggregate(TimeSpan.Zero, (sum, p) =>
        {
            p.Refresh();
            return sum + p.TotalProcessorTime;
        });

    private static string WriteConfig(int feedCount, int port)
    {
        var feeds = string.Join(",", Enumerable.Range(0, feedCount).Select(i =>
            $$"""{"id":"f{{i}}","name":"Feed {{i}}","url":"http://127.0.0.{{1 + i % 50}}:{{port}}/f/{{i}}","minIntervalMinutes":5,"allowPrivateNetwork":true}"""));
        var path = Path.Combine(Path.GetTempPath(), "monitor-queue-scale-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, $$"""
            {"feeds":[{{feeds}}],
             "recipients":[{"id":"desk","name":"Desk","email":"desk@example.org","channels":["email"],"timeZone":"UTC"}],
             "watchlists":[{"id":"health","name":"Attacks on health care","packs":["health-care"],"recipients":["desk"]}]}
            """);
        return path;
    }

    private static async Task<WebApplication> StartAppAsync(string connection, string prefix, string config, TimeProvider time)
    {
        string[] args =
        [
            $"--Storage:ConnectionString={connection}", $"--Storage:TablePrefix={prefix}", $"--Monitor:ConfigPath={config}",
            $"--Queues:PollQueue={prefix.ToLowerInvariant()}-poll", $"--Queues:DispatchQueue={prefix.ToLowerInvariant()}-dispatch",
            "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
        ];
        var builder = MonitorApp.CreateBuilder(args, HostMode.OneShot);
        builder.Services.AddSingleton(time);
        builder.Logging.ClearProviders();
        var app = MonitorApp.Build(builder);
        await app.StartAsync();
        return app;
    }

    /// <summary>N feeds on 50 loopback addresses (per-host connection limits apply as across real sites), 10 items each, with an ETag.</summary>
    private static async Task<WebApplication> StartFeedServerAsync(int feedCount)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = 0;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            for (var h = 1; h <= 50; h++)
            {
                k.Listen(System.Net.IPAddress.Parse($"127.0.0.{h}"), port);
            }
        });
        var app = builder.Build();
        app.MapGet("/f/{id:int}", (int id, HttpContext context) =>
        {
            const string ETag = "\"v1\"";
            if (context.Request.Headers.IfNoneMatch == ETag)
            {
                return Results.StatusCode(304);
            }

            context.Response.Headers.ETag = ETag;
            var xml = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed</title><link>http://example.org/</link><description>d</description>");
            for (var n = 0; n < 10; n++)
            {
                xml.Append(CultureInfo.InvariantCulture, $"<item><title>Council meets on budget item {n} of feed {id}</title><link>http://example.org/{id}/{n}</link><guid isPermaLink=\"false\">{id}-{n}</guid><pubDate>Tue, 24 Nov 2026 09:00:00 GMT</pubDate><description>The council discussed road repairs and school meals in the district.</description></item>");
            }

            return Results.Text(xml.Append("</channel></rss>").ToString(), "application/rss+xml");
        });
        await app.StartAsync();
        return app;
    }
}
