using System.Text.Json.Nodes;
using Microsoft.Playwright;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin.Console;

/// <summary>The console's recipient form with every alerting setting, in headless Chromium against the real app.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RecipientFormBrowserTests(AzuriteFixture azurite, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task RecipientForm_NationalNumberCountryQuietHoursAndBackup_AreSavedAndShownAgain()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        var (page, consoleErrors) = await browser.OpenConsoleAsAdminAsync(admin);
        await page.GetByRole(AriaRole.Button, new() { Name = "Recipients" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New recipient" }).ClickAsync();
        var form = page.Locator("#rc-form");
        await form.GetByLabel("Id").FillAsync("goma-officer");
        await form.GetByLabel("Name").FillAsync("Goma officer");
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Phone" }).FillAsync("081 234 5678");
        await form.GetByLabel("Country (ISO code, e.g. CD)").FillAsync("cd");
        await form.GetByLabel("SMS", new() { Exact = true }).CheckAsync();
        await form.GetByLabel("Time zone (IANA)").FillAsync("Africa/Lubumbashi");
        await form.GetByLabel("Minimum severity").SelectOptionAsync("moderate");
        await form.GetByLabel("Backup (gets unacknowledged alerts)").SelectOptionAsync("security-desk");
        await form.GetByLabel("Quiet hours from").FillAsync("22:00");
        await form.GetByLabel("to", new() { Exact = true }).FillAsync("06:00");
        await form.GetByLabel("Language").SelectOptionAsync("fr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator("#flash")).ToContainTextAsync("Saved recipient goma-officer");
        await Assertions.Expect(form.GetByRole(AriaRole.Textbox, new() { Name = "Phone" })).ToHaveValueAsync("+243812345678");
        await Assertions.Expect(form.GetByLabel("Quiet hours from")).ToHaveValueAsync("22:00");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("recipient-form-saved"), FullPage = true });
        var stored = JsonNode.Parse((await admin.Host.RowsAsync("Recipients")).Single(r => r.RowKey == "goma-officer").GetString("Json"))!;
        Assert.Equal("+243812345678", stored["phone"]!.GetValue<string>());
        Assert.Equal("security-desk", stored["backup"]!.GetValue<string>());
        Assert.Equal("moderate", stored["minSeverity"]!.GetValue<string>());
        Assert.Equal("fr", stored["language"]!.GetValue<string>());
        Assert.Empty(consoleErrors);
    }
}
