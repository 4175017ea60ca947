using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin;

/// <summary>GET /api/config/problems against the real app and Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConfigProblemsApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Problems_StoredWatchlistThatFailsValidation_IsListedForViewers()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        var tables = admin.Host.App.Services.GetRequiredService<MonitorTables>();
        await tables.EnsureCreatedAsync();
        await tables.Watchlists.AddEntityAsync(ConfigRows.Edited("broken", new WatchlistEntry { Id = "broken", Rules = [new RuleEntry { Query = "NOT film" }], Recipients = ["security-desk"] }));

        using var response = await admin.SendAsync(HttpMethod.Get, "/api/config/problems", "viewer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var problems = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["problems"]!.AsArray();
        Assert.Contains(problems, p => p!.GetValue<string>().StartsWith("watchlists 'broken'", StringComparison.Ordinal));
    }
}
