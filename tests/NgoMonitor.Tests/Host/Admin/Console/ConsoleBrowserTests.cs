using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using NgoMonitor.Tests.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin.Console;

/// <summary>The web console in headless Chromium against the real app, Azurite and a local feed server.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsoleBrowserTests(AzuriteFixture azurite, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Console_WatchlistWithADrawnCircle_PreviewsSavesAndShowsTheAlertWithWhy()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        await using var admin = await AdminHost.StartAsync(azurite, TestConfig.WithoutWatchlists(feeds.Url("desk.xml")));
        await admin.Host.PollFeedsAndDrainAsync();
        var (page, consoleErrors) = await browser.OpenConsoleAsAdminAsync(admin);

        // Rule errors are shown inline, beside the rule, as the admin types.
        await page.GetByLabel("Id").First.FillAsync("azaz-roads");
        await page.GetByLabel("Name").First.FillAsync("Azaz roads");
        await page.GetByLabel("and none of").FillAsync("drill");
        await Assertions.Expect(page.Locator("#err-rules-0")).ToContainTextAsync("needs a query, or at least one 'any' or 'all' phrase");
        await page.GetByLabel("Rule 1: any of").FillAsync("shell*\nroadblock*");
        await Assertions.Expect(page.Locator("#err-rules-0")).ToBeEmptyAsync();

        // Draw a 25 km circle centred on Azaz: centre the map there, press Draw circle, click the map's centre.
        await page.EvaluateAsync("() => window.monitorConsole.map.setView([36.5866, 37.0463], 9, { animate: false })");
        await page.GetByLabel("Radius for new circles (km)").FillAsync("25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Draw circle" }).ClickAsync();
        await page.Locator("#map").ClickAsync();
        await Assertions.Expect(page.Locator("#fences tr")).ToHaveCountAsync(1);
        var lat = double.Parse(await page.GetByLabel("Geofence 1 lat").InputValueAsync(), CultureInfo.InvariantCulture);
        var lon = double.Parse(await page.GetByLabel("Geofence 1 lon").InputValueAsync(), CultureInfo.InvariantCulture);
        Assert.InRange(lat, 36.5, 36.7);
        Assert.InRange(lon, 36.95, 37.15);
        await Assertions.Expect(page.Locator("#map path.leaflet-interactive")).ToHaveCountAsync(1);
        await page.GetByLabel("Field security officer, Azaz").CheckAsync();

        await page.GetByLabel("Preview over the last").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.Locator("#preview-summary")).ToContainTextAsync("1 of 2 items");
        await Assertions.Expect(page.Locator("#preview-rows")).ToContainTextAsync("Hospital in Azaz evacuated");
        await Assertions.Expect(page.Locator("#preview-summary")).ToContainTextAsync("azaz-officer: 1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("console-1-preview"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#flash")).ToContainTextAsync("Saved watchlist Azaz roads");
        var stored = JsonNode.Parse((await admin.Host.RowsAsync("Watchlists")).Single(r => r.RowKey == "azaz-roads").GetString("Json"))!;
        Assert.Equal(25, stored["geofences"]![0]!["radiusKm"]!.GetValue<double>());

        // A new item arrives from the sample feed: the saved watchlist alerts the officer.
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-followup.xml"));
        admin.Host.Time.Advance(TimeSpan.FromMinutes(5));
        await admin.Host.PollFeedsAndDrainAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Alerts" }).ClickAsync();
        var alert = page.Locator("#alert-list li").Filter(new() { HasText = "Roadblock set up on the road north of Azaz" });
        await Assertions.Expect(alert).ToHaveCountAsync(1);
        await alert.GetByText("Why you got this").ClickAsync();
        await Assertions.Expect(alert).ToContainTextAsync("Azaz roads: matched Roadblock");
        await Assertions.Expect(alert).ToContainTextAsync("km from Circle 1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("console-2-alert"), FullPage = true });
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task Console_PolygonDrawnOnTheMapAndACountryPicked_AreSavedAsFences()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        var (page, consoleErrors) = await browser.OpenConsoleAsAdminAsync(admin);
        await page.GetByLabel("Id").First.FillAsync("azaz-polygon");
        await page.GetByLabel("Name").First.FillAsync("Azaz polygon");
        await page.GetByLabel("Rule 1: any of").FillAsync("shell*");

        // Three corners by mouse around the map's centre (Azaz), the fourth from the keyboard at the map's centre.
        await page.EvaluateAsync("() => window.monitorConsole.map.setView([36.5866, 37.0463], 10, { animate: false })");
        await page.GetByRole(AriaRole.Button, new() { Name = "Draw polygon" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Draw polygon" })).ToHaveAttributeAsync("aria-pressed", "true");
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        var (cx, cy) = (box.Width / 2, box.Height / 2);
        foreach (var (dx, dy) in new[] { (-120f, -90f), (120f, -90f), (120f, 90f) })
        {
            await page.Locator("#map").ClickAsync(new() { Position = new Position { X = cx + dx, Y = cy + dy } });
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Add point at map centre" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#draw-status")).ToContainTextAsync("4 corners");
        await page.GetByRole(AriaRole.Button, new() { Name = "Finish polygon" }).ClickAsync();
        await Assertions.Expect(page.Locator("#fences tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#fences tr td").First).ToHaveTextAsync("polygon");
        var corners = (await page.GetByLabel("Geofence 1 corners").InputValueAsync()).Split('\n');
        Assert.Equal(4, corners.Length);
        Assert.Equal("37.0463 36.5866", corners[3]);

        // A country from the list: its Natural Earth outline is drawn from the API.
        await Assertions.Expect(page.Locator("#new-country option[value=SY]")).ToHaveCountAsync(1);
        await page.GetByLabel("Country", new() { Exact = true }).SelectOptionAsync("SY");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add country fence" }).ClickAsync();
        await Assertions.Expect(page.Locator("#fences tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#map path.leaflet-interactive")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("console-3-polygon-and-country"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#flash")).ToContainTextAsync("Saved watchlist Azaz polygon");
        var stored = JsonNode.Parse((await admin.Host.RowsAsync("Watchlists")).Single(r => r.RowKey == "azaz-polygon").GetString("Json"))!;
        var polygon = stored["geofences"]![0]!;
        Assert.Equal("polygon", polygon["kind"]!.GetValue<string>());
        var ring = polygon["geometry"]!["coordinates"]![0]!.AsArray();
        Assert.Equal(5, ring.Count);
        Assert.Equal(ring[0]!.ToJsonString(), ring[4]!.ToJsonString());
        Assert.All(ring, p => Assert.InRange(p![1]!.GetValue<double>(), 36.2, 37.0));
        Assert.Equal("SY", stored["geofences"]![1]!["country"]!.GetValue<string>());
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task SubscriptionPage_OnAPhoneByOfficerLink_SavesTheChoice()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });

        await page.GotoAsync(new Uri(admin.Client.BaseAddress!, "/console/subscription.html#link=" + admin.OfficerLink).AbsoluteUri);
        await Assertions.Expect(page.Locator("#sub-who")).ToContainTextAsync("Field security officer, Azaz");
        await page.GetByLabel("Attacks on health care").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sub-status")).ToHaveTextAsync("Saved.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("subscription-phone"), FullPage = true });

        var health = JsonNode.Parse((await admin.Host.RowsAsync("Watchlists")).Single(r => r.RowKey == "health-care").GetString("Json"))!;
        Assert.Contains("azaz-officer", health["recipients"]!.AsArray().Select(r => r!.GetValue<string>()));
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"the page scrolls sideways on a phone ({scrollWidth}px)");
    }

    [Fact]
    public async Task SubscriptionPage_WithAnExpiredLink_SaysSoAndShowsNothing()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(admin.Client.BaseAddress!, "/console/subscription.html#link=" + admin.ExpiredLink).AbsoluteUri);

        await Assertions.Expect(page.Locator("#problem")).ToContainTextAsync("This link has expired");
        await Assertions.Expect(page.Locator("#sub-form")).ToBeHiddenAsync();
    }
}
