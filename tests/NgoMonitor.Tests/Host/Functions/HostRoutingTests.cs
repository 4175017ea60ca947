using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Functions;

/// <summary>
/// In Azure a request reaches Monitor only when an HTTP function's route covers it (host.json sets routePrefix "").
/// The host's routing is read from the generated functions.metadata, the file the host loads, and every route the
/// app documents, links to or serves must be on it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostRoutingTests(AzuriteFixture azurite)
{
    private static IReadOnlyList<string> HostRoutes() => FunctionsMetadata.HttpRoutes();

    /// <summary>Whether the host routes this path: a catch-all template by its literal prefix, any other exactly.</summary>
    private static bool HostServes(string path)
    {
        var trimmed = path.TrimStart('/');
        return HostRoutes().Any(route => route.EndsWith("/{*path}", StringComparison.Ordinal)
            ? trimmed.StartsWith(route[..^"{*path}".Length], StringComparison.OrdinalIgnoreCase)
            : string.Equals(trimmed, route, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("/api/feeds")]
    [InlineData("/api/subscriptions/azaz-officer")]
    [InlineData("/console/")]
    [InlineData("/console/subscription.html")]
    [InlineData("/twilio/status")]
    [InlineData("/twilio/inbound")]
    [InlineData("/a/0123456789abcdef0123456789abcdef.AAAAAAAAAAAAAAAA")]
    [InlineData("/cap/alerts.atom")]
    public void DocumentedOrLinkedRoute_IsRoutedByAnHttpFunction(string path) =>
        Assert.True(HostServes(path), $"no HTTP function routes {path}; routes: {string.Join(", ", HostRoutes())}");

    [Fact]
    public void AckLinkInAlertEmails_IsRoutedByAnHttpFunction()
    {
        var link = NgoMonitor.Core.Alerts.AckLinks.Create(new NgoMonitor.Core.Alerts.AlertsOptions { PublicBaseUrl = "https://monitor.example.org", AckLinkKey = new string('k', 32) }, "azaz-officer", "a1", NgoMonitor.Core.Alerts.Channel.Sms);

        Assert.True(HostServes(new Uri(link!).AbsolutePath), link);
    }

    [Fact]
    public async Task EveryHttpRouteTheAppServes_IsRoutedByAnHttpFunction()
    {
        await using var host = await MonitorTestHost.StartAsync(azurite, TestConfig.FromSamples(), new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        var patterns = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            // Standalone's readiness answer at "/" and the bundled demo feeds exist for `run` only.
            .Where(p => p != "/" && !p.StartsWith("/samples/", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.NotEmpty(patterns);
        Assert.All(patterns, p => Assert.True(HostServes(p.Split('{')[0]), $"no HTTP function routes {p}"));
    }
}
