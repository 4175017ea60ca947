using System.Net;
using System.Text.Json.Nodes;
using NgoMonitor.Tests.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin;

/// <summary>What the console's watchlist editor reads from the API: the shipped packs, and where a rule query's syntax error is.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WatchlistEditorApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Packs_ForAViewer_ListEveryShippedPackWithScopeExampleAndRules()
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        using var response = await admin.SendAsync(HttpMethod.Get, "/api/packs", "viewer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var packs = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal(12, packs.Count);
        var health = packs.Single(p => p!["id"]!.GetValue<string>() == "health-care")!;
        Assert.Equal("Attacks on health care", health["name"]!.GetValue<string>());
        Assert.Equal("health-care", health["category"]!.GetValue<string>());
        Assert.Equal("severe", health["severity"]!.GetValue<string>());
        Assert.Contains("looted", health["scope"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("hospital", health["example"]!.GetValue<string>(), StringComparison.Ordinal);
        var shipped = NgoMonitor.Core.Matching.Rules.RulePacks.Get("health-care").Rules.Count;
        Assert.Equal(shipped, health["ruleCount"]!.GetValue<int>());
        Assert.Equal(shipped, health["rules"]!.AsArray().Count);
        Assert.Equal(["ar", "en", "fr"], health["languages"]!.AsArray().Select(l => l!.GetValue<string>()).Order());
        Assert.All(packs, p => Assert.False(string.IsNullOrEmpty(p!["example"]!.GetValue<string>()), $"{p["id"]} has no documented example"));
    }

    [Theory]
    [InlineData("/api/watchlists")]
    [InlineData("/api/watchlists/validate")]
    public async Task WatchlistWithABadQuery_ProblemCarriesTheErrorsColumn(string path)
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        using var response = await admin.SendAsync(HttpMethod.Post, path, json: """{"id":"w1","rules":[{"any":["flood*"]},{"query":"hospital AND NEAR x"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("at column 14", problem["errors"]!["rules[1]"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var at = problem["ruleSyntax"]!["rules[1]"]!;
        Assert.Equal(1, at["line"]!.GetValue<int>());
        Assert.Equal(14, at["column"]!.GetValue<int>());
        Assert.Equal(13, at["position"]!.GetValue<int>());
        Assert.StartsWith("NEAR needs a number", at["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(problem["ruleSyntax"]!["rules[0]"]);
    }

    [Fact]
    public async Task PreviewWithABadQuery_ProblemCarriesTheErrorsColumn()
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/watchlists/preview", json: """{"watchlist":{"id":"w1","packs":["health-care"],"rules":[{"query":"(hospital OR clinic"}]},"days":3}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var at = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["ruleSyntax"]!["rules[0]"]!;
        Assert.Equal(1, at["column"]!.GetValue<int>());
        Assert.StartsWith("Missing ')'", at["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
