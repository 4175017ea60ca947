using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Host;
using NgoMonitor.Host.Admin.Auth;
using NgoMonitor.Host.Functions;

namespace NgoMonitor.Benchmarks.Host;

/// <summary>
/// `tti [runs]`: time to interactive of the console's first load and of the officer's subscription page on a slow
/// link, in Debian Chromium (/usr/bin/chromium) driven by Playwright, the link emulated by Chromium's DevTools
/// (CDP Network.emulateNetworkConditions: 400 ms latency, 50 KB/s down and up), and the same loads unthrottled on
/// loopback as the baseline. The real app runs on Azurite (in memory) with the sample configuration; every run is a
/// new browser context (empty cache). Interactive means: the load event has fired and the page's own ready signal is
/// shown: the console names the signed-in admin (it does so once the watchlist editor and its lists are loaded; the
/// API key is in the tab's sessionStorage as after signing in), the officer page shows its form. "All loaded" is
/// when the last response (map outlines, the officer's alert list) finished. Bytes are as sent on the wire
/// (compressed), from CDP Network.loadingFinished.
/// </summary>
public static class TimeToInteractiveBench
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string SigningKey = "tti-bench-link-signing-key-0123456789";

    private sealed record Page(string Name, string Path, string ReadyWhen);

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        using var azurite = await LocalAzurite.StartAsync();
        await using var app = await StartAppAsync(azurite.ConnectionString);
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var key = (await app.Services.GetRequiredService<ApiKeyStore>().CreateAsync("tti bench", MonitorRoles.Admin, CancellationToken.None)).Key;
        var link = app.Services.GetRequiredService<OfficerLinks>().Create("azaz-officer").Token;
        Page[] pages =
        [
            new("console, first load (watchlists tab)", "/console/", "() => document.readyState === 'complete' && document.getElementById('whoami').textContent.includes('(admin)')"),
            new("officer subscription page", "/console/subscription.html#link=" + link, "() => document.readyState === 'complete' && !document.getElementById('sub-form').hidden"),
        ];

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });

        output.WriteLine($"tti: {runs} run(s) per page and link; {Environment.ProcessorCount} cores; Chromium {browser.Version}");
        output.WriteLine("| page | link | interactive (median, min-max) | all loaded (median) | requests | bytes on the wire |");
        output.WriteLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var page in pages)
        {
            foreach (var throttled in new[] { true, false })
            {
                var results = new List<Load>();
                for (var i = 0; i < runs; i++)
                {
                    results.Add(await LoadAsync(browser, baseUrl, key, page, throttled));
                }

                var ready = results.Select(r => r.InteractiveMs).Order().ToList();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {page.Name} | {(throttled ? "400 ms, 50 KB/s" : "loopback")} | {Median(ready) / 1000:0.00} s ({ready[0] / 1000:0.00}-{ready[^1] / 1000:0.00}) | {Median([.. results.Select(r => r.AllLoadedMs)]) / 1000:0.00} s | {results[0].Requests} | {results[0].Bytes / 1024.0:0} KB |"));
            }
        }

        return 0;
    }

    private sealed record Load(double InteractiveMs, double AllLoadedMs, int Requests, long Bytes);

    private static async Task<Load> LoadAsync(IBrowser browser, string baseUrl, string key, Page target, bool throttled)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        // Offline web tiles, as with no internet: the console then draws its bundled outlines.
        await page.RouteAsync("https://tile.openstreetmap.org/**", route => route.AbortAsync("internetdisconnected"));
        await page.AddInitScriptAsync($"sessionStorage.setItem('monitor.key', {JsonSerializer.Serialize(key)})");
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        if (throttled)
        {
            await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
            {
                ["offline"] = false,
                ["latency"] = 400,
                ["downloadThroughput"] = 50 * 1024,
                ["uploadThroughput"] = 50 * 1024,
            });
        }

        long bytes = 0;
        var requests = 0;
        double lastFinished = 0;
        var clock = Stopwatch.StartNew();
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            Interlocked.Add(ref bytes, (long)e!.Value.GetProperty("encodedDataLength").GetDouble());
            Interlocked.Increment(ref requests);
            lastFinished = clock.Elapsed.TotalMilliseconds;
        };

        await page.GotoAsync(baseUrl + target.Path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync(target.ReadyWhen, null, new PageWaitForFunctionOptions { PollingInterval = 20 });
        var interactive = await page.EvaluateAsync<double>("() => performance.now()");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // Network idle is declared 500 ms after the last response; the time of that response is what counts.
        var offset = clock.Elapsed.TotalMilliseconds - await page.EvaluateAsync<double>("() => performance.now()");
        return new Load(interactive, lastFinished - offset, requests, Interlocked.Read(ref bytes));
    }

    private static double Median(List<double> sorted) => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private static async Task<WebApplication> StartAppAsync(string connection)
    {
        var config = Path.Combine(AppContext.BaseDirectory, "samples", "monitor.config.json");
        string[] args =
        [
            $"--Storage:ConnectionString={connection}", "--Storage:TablePrefix=tti", $"--Monitor:ConfigPath={config}",
            $"--Admin:LinkSigningKey={SigningKey}", "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
        ];
        var builder = MonitorApp.CreateBuilder(args, HostMode.OneShot);
        builder.Logging.ClearProviders();
        var app = MonitorApp.Build(builder);
        await app.StartAsync();
        await app.Services.GetRequiredService<ConfigSeeder>().EnsureSeededAsync(CancellationToken.None);
        return app;
    }
}
