using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using NgoMonitor.Tests.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin.Console;

/// <summary>The console's map (place search, offline layers, keyboard drawing) and feeds tab in headless Chromium.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MapAndFeedsBrowserTests(AzuriteFixture azurite, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task PackWatchlist_WithAFenceAroundAPlaceFoundBySearch_PreviewsMatchesAndNearMisses_AndSaves()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        await using var admin = await AdminHost.StartAsync(azurite, TestConfig.WithoutWatchlists(feeds.Url("desk.xml")));
        await admin.Host.PollFeedsAndDrainAsync();
        var (page, consoleErrors) = await browser.OpenConsoleAsAdminAsync(admin);

        await page.GetByLabel("Id").First.FillAsync("azaz-health");
        await page.GetByLabel("Name").First.FillAsync("Health care around Azaz");
        await page.Locator("#wl-packs input[name=pack][value='health-care']").CheckAsync();
        await page.GetByLabel("Rule 1: any of").FillAsync("evacuat*\nharvest");
        await Assertions.Expect(page.Locator("#fence-summary")).ToHaveTextAsync("(none: the watchlist is global)");

        // Find Azaz in Monitor's gazetteer, then draw a 20 km circle around it.
        await page.GetByLabel("Find a place").FillAsync("Azaz");
        await page.GetByLabel("Find a place").PressAsync("Enter");
        var result = page.Locator("#place-results button.place").Filter(new() { HasText = "town" }).First;
        await Assertions.Expect(result).ToContainTextAsync("Azaz");
        await Assertions.Expect(result).ToContainTextAsync("SY");
        await result.ClickAsync();
        await page.GetByLabel("Radius for new circles (km)").FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Circle around Azaz" }).ClickAsync();

        await Assertions.Expect(page.Locator("#fences tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#fence-summary")).ToHaveTextAsync("(1 fence: an item alerts only when placed inside one)");
        Assert.InRange(double.Parse(await page.GetByLabel("Geofence 1 lat").InputValueAsync(), CultureInfo.InvariantCulture), 36.55, 36.62);
        Assert.InRange(double.Parse(await page.GetByLabel("Geofence 1 lon").InputValueAsync(), CultureInfo.InvariantCulture), 37.0, 37.1);
        // Offline, the map labels places from the gazetteer; the circle is drawn over them.
        await Assertions.Expect(page.Locator("#map .place-label-text").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#map")).ToHaveAttributeAsync("data-tiles", "offline");
        await Assertions.Expect(page.Locator("#map path.leaflet-interactive")).ToHaveCountAsync(1);

        await page.GetByLabel("Preview over the last").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.Locator("#preview-summary")).ToContainTextAsync("1 of 2 items");
        await Assertions.Expect(page.Locator("#preview-rows")).ToContainTextAsync("Hospital in Azaz evacuated");
        var miss = page.Locator("#near-miss-rows tr").Filter(new() { HasText = "olive harvest" });
        await Assertions.Expect(miss).ToContainTextAsync("harvest");
        await Assertions.Expect(miss).ToContainTextAsync("Idlib is outside every fence");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("console-7-place-search-fence-preview"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#flash")).ToContainTextAsync("Saved watchlist Health care around Azaz");
        var stored = JsonNode.Parse((await admin.Host.RowsAsync("Watchlists")).Single(r => r.RowKey == "azaz-health").GetString("Json"))!;
        Assert.Equal("health-care", stored["packs"]![0]!.GetValue<string>());
        Assert.Equal("Azaz", stored["geofences"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(20, stored["geofences"]![0]!["radiusKm"]!.GetValue<double>());
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task Map_WithTheKeyboardAlone_DrawsACircleAndACorridor_EditsTheRadius_AndSaves()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        var (page, consoleErrors) = await browser.OpenConsoleAsAdminAsync(admin);
        await page.GetByLabel("Id").First.FillAsync("goma-roads");
        await page.GetByLabel("Rule 1: any of").FillAsync("roadblock*");
        // The world view first: countries that cross the antimeridian (Russia, Fiji) drawn without streaks.
        await page.EvaluateAsync("() => window.monitorConsole.map.setView([20, 170], 2, { animate: false })");
        await page.Locator("#map").ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("console-10-world-view") });
        await page.EvaluateAsync("() => window.monitorConsole.map.setView([-1.6792, 29.2228], 10, { animate: false })");
        var map = page.Locator("#map");

        // A circle at the map's centre: the tool and the placing button pressed with Enter.
        await page.GetByLabel("Name of the next fence").FillAsync("Goma office");
        await page.GetByRole(AriaRole.Button, new() { Name = "Draw circle" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place circle at map centre" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#fences tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#draw-status")).ToContainTextAsync("Goma office added");

        // A corridor: pan with the arrow keys between points, finish with Enter on the map.
        await page.GetByLabel("Name of the next fence").FillAsync("Road to Sake");
        await page.GetByRole(AriaRole.Button, new() { Name = "Draw corridor" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var addPoint = page.GetByRole(AriaRole.Button, new() { Name = "Add point at map centre" });
        for (var k = 0; k < 3; k++)
        {
            await addPoint.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await map.FocusAsync();
            await page.Keyboard.PressAsync("ArrowLeft");
            await page.Keyboard.PressAsync("ArrowLeft");
        }

        await Assertions.Expect(page.Locator("#draw-status")).ToContainTextAsync("3 points");
        await map.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#fences tr")).ToHaveCountAsync(2);
        var line = (await page.GetByLabel("Geofence 2 line").InputValueAsync()).Split('\n');
        Assert.Equal(3, line.Length);
        Assert.NotEqual(line[0], line[2]); // the arrow keys moved the map between the points

        // The radius edited in its labelled field, from the keyboard.
        await page.GetByLabel("Geofence 1 radiusKm").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("15");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#map path.leaflet-interactive")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("console-8-keyboard-drawing"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#flash")).ToContainTextAsync("Saved watchlist goma-roads");
        var stored = JsonNode.Parse((await admin.Host.RowsAsync("Watchlists")).Single(r => r.RowKey == "goma-roads").GetString("Json"))!;
        var circle = stored["geofences"]![0]!;
        Assert.Equal("Goma office", circle["name"]!.GetValue<string>());
        Assert.Equal(15, circle["radiusKm"]!.GetValue<double>());
        Assert.InRange(circle["lat"]!.GetValue<double>(), -1.75, -1.6);
        var corridor = stored["geofences"]![1]!;
        Assert.Equal("corridor", corridor["kind"]!.GetValue<string>());
        Assert.Equal("Road to Sake", corridor["name"]!.GetValue<string>());
        Assert.Equal(5, corridor["bufferKm"]!.GetValue<double>());
        Assert.Equal(3, corridor["geometry"]!["coordinates"]!.AsArray().Count);
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task FeedsTab_DiscoversTestsAddsEditsAndPollsAFeed_StoringItemsOnlyWhenPolled()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        feeds.ServeText("site/", """<html><head><title>Desk</title><link rel="alternate" type="application/rss+xml" title="Test Desk" href="/desk.xml"></head><body>News</body></html>""", "text/html; charset=utf-8");
        await using var admin = await AdminHost.StartAsync(azurite, TestConfig.WithoutWatchlists(feeds.Url("desk.xml")));
        (await admin.SendAsync(HttpMethod.Post, "/api/watchlists", json: """{"id":"evacuations","name":"Evacuations","rules":[{"any":["evacuat*"]}],"recipients":["azaz-officer"]}""")).Dispose();
        var (page, consoleErrors) = await browser.OpenConsoleAsAdminAsync(admin);
        await page.GetByRole(AriaRole.Button, new() { Name = "Feeds" }).ClickAsync();

        // Discovery from the site's page, then a test of the feed it announces: items and matches, nothing stored.
        await page.GetByLabel("Feed or site URL").FillAsync(feeds.Url("site/").AbsoluteUri);
        await page.GetByLabel("On a private network").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Find feeds on this site" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Use Test Desk" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Feed or site URL")).ToHaveValueAsync(feeds.Url("desk.xml").AbsoluteUri);
        await Assertions.Expect(page.GetByLabel("Name", new() { Exact = true }).Last).ToHaveValueAsync("Test Desk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Test this feed" }).ClickAsync();
        await Assertions.Expect(page.Locator("#fd-test-summary")).ToContainTextAsync("2 items");
        var row = page.Locator("#fd-test-rows tr").Filter(new() { HasText = "Hospital in Azaz evacuated" });
        await Assertions.Expect(row).ToContainTextAsync("Evacuations: evacuated");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("console-9-feed-test"), FullPage = true });
        Assert.Empty(await admin.Host.RowsAsync("Items"));

        // Added without an id (derived from the URL), in a folder; then edited.
        await page.Locator("#fd-form").GetByLabel("Folder").FillAsync("Syria/North");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add feed" }).ClickAsync();
        await Assertions.Expect(page.Locator("#flash")).ToContainTextAsync("(id 127-0-0-1-desk)");
        await Assertions.Expect(page.Locator("#feed-rows")).ToContainTextAsync("Folder: Syria/North");
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit feed 127-0-0-1-desk" }).ClickAsync();
        await Assertions.Expect(page.Locator("#fd-title")).ToHaveTextAsync("Edit Test Desk");
        await page.GetByLabel("Name", new() { Exact = true }).Last.FillAsync("Azaz desk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save feed" }).ClickAsync();
        await Assertions.Expect(page.Locator("#flash")).ToContainTextAsync("Saved feed Azaz desk");
        var stored = JsonNode.Parse((await admin.Host.RowsAsync("Feeds")).Single(r => r.RowKey == "127-0-0-1-desk").GetString("Json"))!;
        Assert.Equal("Azaz desk", stored["name"]!.GetValue<string>());
        Assert.Equal("Syria/North", stored["folder"]!.GetValue<string>());

        // Poll now: queued at once, the items stored when the poll message is taken.
        await page.GetByRole(AriaRole.Button, new() { Name = "Poll feed 127-0-0-1-desk now" }).ClickAsync();
        await Assertions.Expect(page.Locator("#flash")).ToContainTextAsync("will be polled now");
        await admin.Host.DrainQueuesAsync();
        Assert.Contains(await admin.Host.RowsAsync("Items"), r => r.GetString("Title")?.StartsWith("Hospital in Azaz", StringComparison.Ordinal) == true);
        Assert.Empty(consoleErrors);
    }
}
