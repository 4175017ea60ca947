using Microsoft.Playwright;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin.Console;

/// <summary>
/// One headless Debian Chromium per test class, driven by Playwright for .NET with the system browser
/// (/usr/bin/chromium; no browser is ever downloaded). A missing browser fails the tests with the command to fix it.
/// Screenshots go to TestResults/screenshots at the repository root.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Playwright's action timeout on the tests' pages, in milliseconds.</summary>
    public const float Timeout = 15_000;

    /// <summary>A 1×1 PNG: what the stand-in tile server answers for every OpenStreetMap tile.</summary>
    public static readonly byte[] Tile = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotDir { get; } = RepoPaths.Combine("TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: install it with `apt-get update && apt-get install -y chromium` (.ci/run does this).");
        }

        Directory.CreateDirectory(ScreenshotDir);

        // The machine is shared (2 cores, tests in parallel): generous waits, which end as soon as the page is ready.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    public static string Screenshot(string name) => Path.Combine(ScreenshotDir, name + ".png");

    /// <summary>
    /// A new page with the tests' action timeout. Tests reach loopback only: OpenStreetMap tile requests never leave
    /// the browser. Offline (the default) they fail as with no internet; <paramref name="online"/> answers them with a
    /// stand-in tile.
    /// </summary>
    public async Task<IPage> NewPageAsync(BrowserNewPageOptions? options = null, bool online = false)
    {
        var page = await Browser.NewPageAsync(options);
        page.SetDefaultTimeout(Timeout);
        await page.RouteAsync("https://tile.openstreetmap.org/**", route => online
            ? route.FulfillAsync(new() { Status = 200, ContentType = "image/png", BodyBytes = Tile })
            : route.AbortAsync("internetdisconnected"));
        return page;
    }

    /// <summary>The console in a desktop-sized page (<see cref="NewPageAsync"/>), signed in with the admin key;
    /// browser console errors are collected.</summary>
    public async Task<(IPage Page, List<string> ConsoleErrors)> OpenConsoleAsAdminAsync(AdminHost admin, bool online = false)
    {
        var page = await NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1100 } }, online);
        var consoleErrors = new List<string>();
        // The API's own 400 (validation as you type) and 401 (before the key is entered) are expected, and so is the
        // map's one tile probe failing offline; anything else is not.
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Text.Contains("status of 400", StringComparison.Ordinal) && !m.Text.Contains("status of 401", StringComparison.Ordinal)
                && !m.Text.Contains("ERR_INTERNET_DISCONNECTED", StringComparison.Ordinal))
            {
                consoleErrors.Add(m.Text);
            }
        };

        await page.GotoAsync(new Uri(admin.Client.BaseAddress!, "/console/").AbsoluteUri);
        await page.GetByLabel("API key").FillAsync(admin.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
        await Assertions.Expect(page.Locator("#whoami")).ToContainTextAsync("(admin)");
        return (page, consoleErrors);
    }
}
