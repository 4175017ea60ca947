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
}
