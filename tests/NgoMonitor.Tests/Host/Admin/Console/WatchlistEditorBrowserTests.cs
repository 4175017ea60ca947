using System.Text.Json.Nodes;
using Microsoft.Playwright;
using NgoMonitor.Tests.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin.Console;

/// <summary>The console's watchlist editor in headless Chromium: packs, rules in the rule language, preview, errors at their column.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WatchlistEditorBrowserTests(AzuriteFixture azurite, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SeededPackWatchlist_ShowsItsPackAndRules_AndSavesUnchanged()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        using var before = await admin.SendAsync(HttpMethod.Get, "/api/watchlists/health-care", "admin");
        var stored = await before.Content.ReadAsStringAsync();
        var (page, consoleErrors) = await browser.OpenConsoleAsAdminAsync(admin);

        await page.GetByRole(AriaRole.Button, new() { Name = "Attacks on health care" }).ClickAsync();
        await Assertions.Expect(page.Locator("#wl-title")).ToHaveTextAsync("Edit Attacks on health care");
        var pack = page.Locator("#wl-packs li[data-pack='health-care']");
        await Assertions.Expect(pack.Locator("input[name=pack]")).ToBeCheckedAsync();
        await Assertions.Expect(pack).ToContainTextAsync("looted");
        await Assertions.Expect(page.Locator("#rules .rule")).ToHaveCountAsync(0);
        var shipped = NgoMonitor.Core.Matching.Rules.RulePacks.Get("health-care").Rules.Count;
        await pack.GetByText($"{shipped} rules of Attacks on health care").ClickAsync();
        await Assertions.Expect(pack.Locator(".pack-rules li")).ToHaveCountAsync(shipped);
        await Assertions.Expect(pack.Locator(".pack-rules li").First.Locator(".tok-near").First).ToHaveTextAsync("NEAR/10");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("console-4-pack-watchlist"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator("#flash")).ToContainTextAsync("Saved watchlist Attacks on health care");
        using var after = await admin.SendAsync(HttpMethod.Get, "/api/watchlists/health-care", "admin");
        Assert.Equal(stored, await after.Content.ReadAsStringAsync());
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task NewPackWatchlistWithAQueryRule_PreviewsTheItemItWouldHaveAlertedOn_AndSaves()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        await using var admin = await AdminHost.StartAsync(azurite, TestConfig.WithoutWatchlists(feeds.Url("desk.xml")));
        await admin.Host.PollFeedsAndDrainAsync();
        var (page, consoleErrors) = await browser.OpenConsoleAsAdminAsync(admin);

        await page.GetByLabel("Id").First.FillAsync("health-azaz");
        await page.GetByLabel("Name").First.FillAsync("Health care, Azaz");
        await page.Locator("#wl-packs input[name=pack][value='health-care']").CheckAsync();
        await page.GetByLabel("Rule 1 query").FillAsync("hospital NEAR/5 evacuat* NOT title:drill");
        await Assertions.Expect(page.Locator("#rules .rule .hl .tok-near")).ToHaveTextAsync("NEAR/5");
        await Assertions.Expect(page.Locator("#rules .rule .hl .tok-prefix")).ToHaveTextAsync("evacuat*");
        await Assertions.Expect(page.Locator("#rules .rule .hl .tok-field")).ToHaveTextAsync("title:");
        await Assertions.Expect(page.GetByLabel("Rule 1: any of")).ToBeHiddenAsync();

        await page.GetByLabel("Preview over the last").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.Locator("#preview-summary")).ToContainTextAsync("of 2 items");
        var row = page.Locator("#preview-rows tr").Filter(new() { HasText = "Hospital in Azaz evacuated" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("evacuated");
        await Assertions.Expect(page.Locator("#preview-rows")).Not.ToContainTextAsync("olive harvest");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("console-5-query-rule-preview"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#flash")).ToContainTextAsync("Saved watchlist Health care, Azaz");
        var stored = JsonNode.Parse((await admin.Host.RowsAsync("Watchlists")).Single(r => r.RowKey == "health-azaz").GetString("Json"))!;
        Assert.Equal("health-care", stored["packs"]![0]!.GetValue<string>());
        Assert.Equal("hospital NEAR/5 evacuat* NOT title:drill", stored["rules"]![0]!["query"]!.GetValue<string>());
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task QueryRuleWithASyntaxError_IsMarkedAtItsColumn_AndLeavesNoStaleSuccessBanner()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        var (page, consoleErrors) = await browser.OpenConsoleAsAdminAsync(admin);
        await page.GetByLabel("Id").First.FillAsync("clinic-raids");
        await page.GetByLabel("Rule 1: any of").FillAsync("clinic*\nhospital");
        await Assertions.Expect(page.GetByLabel("Rule 1 query")).ToHaveValueAsync("(clinic* OR \"hospital\")");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#flash")).ToContainTextAsync("Saved watchlist clinic-raids");

        await page.GetByLabel("Rule 1 query").FillAsync("hospital AND NEAR x");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator("#flash")).ToContainTextAsync("Not saved");
        await Assertions.Expect(page.Locator("#flash")).Not.ToContainTextAsync("Saved watchlist");
        await Assertions.Expect(page.Locator("#err-rules-0")).ToContainTextAsync("NEAR needs a number, as in NEAR/5, at column 14");
        var mark = page.Locator("#rules .rule .hl mark.err-at");
        await Assertions.Expect(mark).ToHaveTextAsync("N");
        await Assertions.Expect(mark).ToHaveAttributeAsync("title", "column 14");
        await Assertions.Expect(page.GetByLabel("Rule 1 query")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("console-6-rule-error-column"), FullPage = true });

        await page.GetByLabel("Rule 1 query").FillAsync("hospital NEAR/3 raid*");
        await Assertions.Expect(mark).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#err-rules-0")).ToBeEmptyAsync();
        Assert.Empty(consoleErrors);
    }
}
