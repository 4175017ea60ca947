using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin;

/// <summary>
/// Every admin API route × {no key, viewer, admin, officer link, expired link}. "Allowed" means neither 401 nor 403
/// (the call may still fail validation: writes here carry empty bodies or stale ETags so nothing changes).
/// The route list is checked against the app's own endpoints, so a new route without a row here fails.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AuthorizationMatrixTests(AzuriteFixture azurite)
{
    private enum Access
    {
        /// <summary>admin and viewer.</summary>
        Read,

        /// <summary>admin only.</summary>
        Write,

        /// <summary>admin, viewer, and the officer whose recipient it is.</summary>
        OwnRead,

        /// <summary>admin, and the officer whose recipient it is.</summary>
        OwnWrite,

        /// <summary>admin, viewer, officer.</summary>
        Anyone,
    }

    private static readonly (string Method, string Pattern, string Path, Access Access)[] Routes =
    [
        ("GET", "/api/me", "/api/me", Access.Anyone),
        ("GET", "/api/feeds", "/api/feeds", Access.Read),
        ("GET", "/api/feeds/{id}", "/api/feeds/test-desk", Access.Read),
        ("POST", "/api/feeds", "/api/feeds", Access.Write),
        ("PUT", "/api/feeds/{id}", "/api/feeds/test-desk", Access.Write),
        ("DELETE", "/api/feeds/{id}", "/api/feeds/test-desk", Access.Write),
        ("GET", "/api/feeds/health", "/api/feeds/health", Access.Read),
        ("GET", "/api/incidents/{id}", "/api/incidents/0123456789abcdef0123456789abcdef", Access.Read),
        ("POST", "/api/cap/link", "/api/cap/link", Access.Write),
        ("GET", "/api/config/problems", "/api/config/problems", Access.Read),
        ("POST", "/api/import/opml", "/api/import/opml", Access.Write),
        ("GET", "/api/export/opml", "/api/export/opml", Access.Read),
        ("POST", "/api/feeds/test", "/api/feeds/test", Access.Write),
        ("POST", "/api/feeds/discover", "/api/feeds/discover", Access.Write),
        ("POST", "/api/feeds/{id}/poll", "/api/feeds/test-desk/poll", Access.Write),
        ("GET", "/api/places", "/api/places?q=goma", Access.Read),
        ("GET", "/api/places/labels", "/api/places/labels?west=28&south=-2&east=30&north=-1", Access.Read),
        ("GET", "/api/watchlists", "/api/watchlists", Access.Read),
        ("GET", "/api/watchlists/{id}", "/api/watchlists/azaz-office", Access.Read),
        ("POST", "/api/watchlists", "/api/watchlists", Access.Write),
        ("PUT", "/api/watchlists/{id}", "/api/watchlists/azaz-office", Access.Write),
        ("DELETE", "/api/watchlists/{id}", "/api/watchlists/azaz-office", Access.Write),
        ("POST", "/api/watchlists/validate", "/api/watchlists/validate", Access.Write),
        ("POST", "/api/watchlists/preview", "/api/watchlists/preview", Access.Write),
        ("POST", "/api/watchlists/{id}/geofences", "/api/watchlists/azaz-office/geofences", Access.Write),
        ("GET", "/api/watchlists/{id}/geofences", "/api/watchlists/azaz-office/geofences", Access.Read),
        ("GET", "/api/countries", "/api/countries", Access.Read),
        ("GET", "/api/packs", "/api/packs", Access.Read),
        ("GET", "/api/countries/{code}", "/api/countries/SY", Access.Read),
        ("GET", "/api/recipients", "/api/recipients", Access.Read),
        ("GET", "/api/recipients/{id}", "/api/recipients/azaz-officer", Access.Read),
        ("POST", "/api/recipients", "/api/recipients", Access.Write),
        ("PUT", "/api/recipients/{id}", "/api/recipients/azaz-officer", Access.Write),
        ("DELETE", "/api/recipients/{id}", "/api/recipients/azaz-officer", Access.Write),
        ("GET", "/api/subscriptions/{recipientId}", "/api/subscriptions/azaz-officer", Access.OwnRead),
        ("PUT", "/api/subscriptions/{recipientId}", "/api/subscriptions/azaz-officer", Access.OwnWrite),
        ("POST", "/api/subscriptions/{recipientId}/link", "/api/subscriptions/azaz-officer/link", Access.Write),
        ("GET", "/api/items", "/api/items", Access.Read),
        ("GET", "/api/matches", "/api/matches", Access.Read),
        ("GET", "/api/alerts", "/api/alerts?recipient=azaz-officer", Access.OwnRead),
        ("GET", "/api/audit", "/api/audit", Access.Read),
        ("GET", "/api/admin/poison", "/api/admin/poison", Access.Read),
        ("GET", "/api/sms-blocks", "/api/sms-blocks", Access.Read),
        ("POST", "/api/sms-blocks/{recipientId}/clear", "/api/sms-blocks/azaz-officer/clear", Access.Write),
    ];

    private static readonly string[] Callers = ["none", "viewer", "admin", "officer", "expired"];

    [Fact]
    public async Task EveryRouteAndCaller_AnswersAsTheRolesSay()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        var failures = new List<string>();
        foreach (var route in Routes)
        {
            foreach (var who in Callers)
            {
                using var response = await admin.SendAsync(new HttpMethod(route.Method), route.Path, who, route.Method is "GET" or "DELETE" ? null : "{}", etag: "\"stale\"");
                var expected = Expected(route.Access, who);
                var actual = (int)response.StatusCode switch
                {
                    401 => "401",
                    403 => "403",
                    >= 500 => "5xx",
                    _ => "allowed",
                };
                if (actual != expected)
                {
                    failures.Add($"{route.Method} {route.Path} as {who}: expected {expected}, got {(int)response.StatusCode}");
                }
            }
        }

        // The officer's link covers only their own recipient.
        using var other = await admin.SendAsync(HttpMethod.Get, "/api/subscriptions/security-desk", "officer");
        using var otherAlerts = await admin.SendAsync(HttpMethod.Get, "/api/alerts?recipient=security-desk", "officer");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherAlerts.StatusCode);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task RouteTable_HasARowForEveryApiEndpoint()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        var endpoints = admin.Host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Order()
            .ToList();

        Assert.Equal(Routes.Select(r => $"{r.Method} {r.Pattern}").Order(), endpoints);
    }

    private static string Expected(Access access, string who) => (access, who) switch
    {
        (_, "none" or "expired") => "401",
        (_, "admin") => "allowed",
        (Access.Read or Access.OwnRead or Access.Anyone, "viewer") => "allowed",
        (Access.OwnRead or Access.OwnWrite or Access.Anyone, "officer") => "allowed",
        _ => "403",
    };
}
