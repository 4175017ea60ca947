using System.Net;
using System.Text.Json.Nodes;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin;

/// <summary>Recipients' phones typed the way officers write them, stored in E.164, with the full set of alerting preferences.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RecipientPhoneApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CreateRecipient_NationalNumberWithTheirCountryAndEveryPreference_IsStoredInE164()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        const string body = """
            {"id":"goma-officer","name":"Goma officer","phone":"081 234 5678","country":"CD","email":"goma@example.org","channels":["sms","email"],
             "timeZone":"Africa/Lubumbashi","backup":"security-desk","minSeverity":"moderate","quietHours":{"start":"22:00","end":"06:00","overrideSeverity":"severe"},
             "smsPerHour":4,"digest":"daily","language":"fr"}
            """;

        using var created = await admin.SendAsync(HttpMethod.Post, "/api/recipients", json: body);
        var stored = JsonNode.Parse((await admin.Host.RowsAsync("Recipients")).Single(r => r.RowKey == "goma-officer").GetString("Json"))!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("+243812345678", stored["phone"]!.GetValue<string>());
        Assert.Equal("CD", stored["country"]!.GetValue<string>());
        Assert.Equal("22:00", stored["quietHours"]!["start"]!.GetValue<string>());
        Assert.Equal("daily", stored["digest"]!.GetValue<string>());
        var audit = (await admin.Host.RowsAsync("Audit")).Single(a => a.GetString("EntityId") == "goma-officer");
        Assert.DoesNotContain("081 234 5678", audit.GetString("After"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("national number without a country", """{"id":"r1","phone":"0812345678","channels":["sms"]}""", "phone")]
    [InlineData("national number not valid in the country", """{"id":"r2","phone":"0812","country":"CD","channels":["sms"]}""", "phone")]
    [InlineData("not a country", """{"id":"r3","phone":"0812345678","country":"Congo","channels":["sms"]}""", "country")]
    public async Task CreateRecipient_PhoneThatCannotBeRead_NamesTheField(string label, string body, string field)
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/recipients", json: body);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, label);
        Assert.True(problem["errors"]!.AsObject().Any(e => e.Key.EndsWith(field, StringComparison.Ordinal)), $"{label}: {problem}");
    }
}
