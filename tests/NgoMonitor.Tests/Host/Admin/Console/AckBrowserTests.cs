using Microsoft.Playwright;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin.Console;

/// <summary>An officer acknowledges from a phone-width page in headless Chromium; the admin sees it in the console's alerts list.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AckBrowserTests(AzuriteFixture azurite, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AckPage_OnA390PxPhone_AcknowledgesWithTheConfirmButtonAndTheAdminSeesWhoAndHow()
    {
        await using var scenario = await AckLinkScenario.StartAsync(azurite);
        var (admin, path) = (scenario.Admin, scenario.Path);

        var phone = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await phone.GotoAsync(new Uri(admin.Client.BaseAddress!, path).AbsoluteUri);
        var button = phone.GetByRole(AriaRole.Button, new() { Name = "Acknowledge this alert" });
        await Assertions.Expect(button).ToBeVisibleAsync();
        var box = (await button.BoundingBoxAsync())!;
        Assert.InRange(box.Height, 44, 200);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 390 px");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("ack-1-phone-confirm"), FullPage = true });
        Assert.Null((await admin.Host.RowsAsync("Outbox")).Single().GetDateTimeOffset("AckedAt"));

        await button.TapAsync();
        await Assertions.Expect(phone.Locator(".done")).ToContainTextAsync("Acknowledged by Field officer");
        await Assertions.Expect(phone.Locator(".done")).ToContainTextAsync("from the SMS link");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("ack-2-phone-done"), FullPage = true });

        var (page, consoleErrors) = await browser.OpenConsoleAsAdminAsync(admin);
        await page.GetByRole(AriaRole.Button, new() { Name = "Alerts" }).ClickAsync();
        var alert = page.Locator("#alert-list li").Filter(new() { HasText = "Airstrike hits market in Azaz" });
        await Assertions.Expect(alert.Locator(".ack-done")).ToContainTextAsync("Acknowledged by officer");
        await Assertions.Expect(alert.Locator(".ack-done")).ToContainTextAsync("from the SMS link");
        await alert.GetByText("Incident", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(alert.Locator(".incident-body")).ToContainTextAsync("Reports (1)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("ack-3-admin-alerts"), FullPage = true });
        Assert.Empty(consoleErrors);
    }
}
