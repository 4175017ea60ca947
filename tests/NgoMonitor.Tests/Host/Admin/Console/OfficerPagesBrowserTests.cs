using Microsoft.Playwright;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin.Console;

/// <summary>
/// The officer's pages on phones 320, 390 and 420 px wide in headless Chromium: the subscription page (only the
/// watchlists that concern the officer, preferences saved and shown again) and the acknowledgement page, neither
/// scrolling sideways, every touch target at least 44 × 44 px, bad links answered with the styled problem page.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class OfficerPagesBrowserTests(AzuriteFixture azurite, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Goma = "goma-officer";

    /// <summary>Visible controls (a checkbox counts by its label) smaller than 44 × 44 px, described.</summary>
    private const string SmallTargets = """
        () => [...document.querySelectorAll('a[href], button, select, input:not([type=hidden]), textarea, summary')]
          .filter(e => e.getClientRects().length > 0)
          .map(e => [e, (e.type === 'checkbox' || e.type === 'radio') ? (e.closest('label') || e) : e])
          .map(([e, t]) => [e, t.getBoundingClientRect()])
          .filter(([, r]) => r.width < 44 || r.height < 44)
          .map(([e, r]) => `${e.tagName.toLowerCase()} ${e.id || e.name || e.textContent.trim().slice(0, 40)}: ${Math.round(r.width)}x${Math.round(r.height)}`)
        """;

    [Theory]
    [InlineData(320)]
    [InlineData(390)]
    [InlineData(420)]
    public async Task SubscriptionPage_OnAPhone_ListsOnlyTheOfficersWatchlistsFitsAndSavesPreferences(int width)
    {
        await using var admin = await StartAsync();
        var page = await PhoneAsync(width);

        await page.GotoAsync(Url(admin, "/console/subscription.html#link=" + admin.LinkFor(Goma)));
        await Assertions.Expect(page.Locator("#sub-who")).ToContainTextAsync("Field security officer, Goma");
        var listed = await page.Locator("#sub-watchlists input[name=watchlist]").EvaluateAllAsync<string[]>("els => els.map(e => e.value)");
        Assert.Equal(["border-closures", "goma-office", "goma-team-briefs", "health-care"], listed.Order(StringComparer.Ordinal));
        await AssertFitsAsync(page, width);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot($"officer-subscription-{width}"), FullPage = true });

        await page.GetByLabel("Goma office").CheckAsync();
        await page.GetByLabel("Only alerts at least this serious").SelectOptionAsync("severe");
        await page.GetByLabel("From", new() { Exact = true }).FillAsync("22:00");
        await page.GetByLabel("Until", new() { Exact = true }).FillAsync("06:30");
        await page.GetByLabel("Language of my messages").SelectOptionAsync("fr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).TapAsync();
        await Assertions.Expect(page.Locator("#sub-status")).ToHaveTextAsync("Saved.");

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("Only alerts at least this serious")).ToHaveValueAsync("severe");
        await Assertions.Expect(page.GetByLabel("From", new() { Exact = true })).ToHaveValueAsync("22:00");
        await Assertions.Expect(page.GetByLabel("Until", new() { Exact = true })).ToHaveValueAsync("06:30");
        await Assertions.Expect(page.GetByLabel("Language of my messages")).ToHaveValueAsync("fr");
        await Assertions.Expect(page.GetByLabel("Goma office")).ToBeCheckedAsync();
        await AssertFitsAsync(page, width);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot($"officer-subscription-{width}-saved"), FullPage = true });
    }

    [Fact]
    public async Task SubscriptionPage_QuietHoursWithoutAnEnd_ShowsTheErrorBesideItAndKeepsWhatWasTyped()
    {
        await using var admin = await StartAsync();
        var page = await PhoneAsync(390);
        await page.GotoAsync(Url(admin, "/console/subscription.html#link=" + admin.LinkFor(Goma)));
        await Assertions.Expect(page.Locator("#sub-form")).ToBeVisibleAsync();

        await page.GetByLabel("Goma office").CheckAsync();
        await page.GetByLabel("From", new() { Exact = true }).FillAsync("22:00");
        await page.GetByLabel("Only alerts at least this serious").SelectOptionAsync("extreme");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).TapAsync();

        await Assertions.Expect(page.Locator("#err-quietHours-end")).ToContainTextAsync("give an end time");
        await Assertions.Expect(page.Locator("#sub-status")).ToContainTextAsync("Not saved");
        await Assertions.Expect(page.GetByLabel("From", new() { Exact = true })).ToHaveValueAsync("22:00");
        await Assertions.Expect(page.GetByLabel("Only alerts at least this serious")).ToHaveValueAsync("extreme");
        await Assertions.Expect(page.GetByLabel("Goma office")).ToBeCheckedAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("officer-subscription-error"), FullPage = true });
        using var stored = await admin.SendAsync(HttpMethod.Get, "/api/watchlists/goma-office");
        Assert.DoesNotContain(Goma, await stored.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscriptionPage_WithATamperedSignature_ShowsTheStyledProblemAndNoForm()
    {
        await using var admin = await StartAsync();
        var page = await PhoneAsync(320);
        var link = admin.LinkFor(Goma);
        var tampered = link[..^1] + (link[^1] == 'A' ? 'B' : 'A');

        await page.GotoAsync(Url(admin, "/console/subscription.html#link=" + tampered));

        await Assertions.Expect(page.Locator("#problem")).ToContainTextAsync("This link does not work");
        await Assertions.Expect(page.Locator("#problem")).ToContainTextAsync("Ask your security focal point for a new link");
        await Assertions.Expect(page.Locator("#problem")).ToHaveCSSAsync("border-left-color", "rgb(180, 35, 24)");
        await Assertions.Expect(page.Locator("#sub-form")).ToBeHiddenAsync();
        await AssertFitsAsync(page, 320);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("officer-subscription-bad-link-320"), FullPage = true });
    }

    [Theory]
    [InlineData(320)]
    [InlineData(420)]
    public async Task AckPage_OnAPhone_FitsWithLargeTargetsAndABadSignatureGetsTheStyledPage(int width)
    {
        await using var scenario = await AckLinkScenario.StartAsync(azurite);
        var (admin, path) = (scenario.Admin, scenario.Path);
        var page = await PhoneAsync(width);

        await page.GotoAsync(Url(admin, path));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge this alert" })).ToBeVisibleAsync();
        await AssertFitsAsync(page, width);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot($"officer-ack-{width}"), FullPage = true });

        var bad = await page.GotoAsync(Url(admin, path[..^2] + (path[^2..] == "AA" ? "BB" : "AA")));
        Assert.Equal(403, bad!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("This link does not work");
        await Assertions.Expect(page.Locator(".problem")).ToContainTextAsync("Reply ACK");
        await Assertions.Expect(page.Locator(".problem")).ToHaveCSSAsync("border-left-color", "rgb(180, 35, 24)");
        await AssertFitsAsync(page, width);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot($"officer-ack-bad-link-{width}"), FullPage = true });
        Assert.Null((await admin.Host.RowsAsync("Outbox")).Single().GetDateTimeOffset("AckedAt"));
    }

    private async Task<AdminHost> StartAsync() => await AdminHost.StartAsync(azurite, TestConfig.WithGomaOfficer(new Uri("http://127.0.0.1:9/desk.xml")));

    private async Task<IPage> PhoneAsync(int width) =>
        await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 800 }, IsMobile = true, HasTouch = true });

    private static string Url(AdminHost admin, string path) => new Uri(admin.Client.BaseAddress!, path).AbsoluteUri;

    private static async Task AssertFitsAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"the page scrolls sideways at {width} px ({scrollWidth} px wide)");
        Assert.Empty(await page.EvaluateAsync<string[]>(SmallTargets));
    }
}
