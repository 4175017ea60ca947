using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Host.Admin.Auth;
using NgoMonitor.Host.Functions;
using NgoMonitor.Tests.TestKit;

namespace NgoMonitor.Tests.Host.Admin;

/// <summary>
/// The real app on Azurite with the sample configuration loaded, an admin key, a viewer key, and officer links for
/// the sample recipient "azaz-officer" (valid, and one that expired an hour ago). Rate limits are lifted unless a
/// test sets them (the fuzz test sends more than a minute's worth).
/// </summary>
public sealed class AdminHost : IAsyncDisposable
{
    public const string SigningKey = "test-link-signing-key-0123456789abcdef";
    public const string Officer = "azaz-officer";
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private AdminHost(MonitorTestHost host) => Host = host;

    public MonitorTestHost Host { get; }

    public HttpClient Client => Host.Client;

    public string AdminKey { get; private set; } = "";

    public string ViewerKey { get; private set; } = "";

    public string OfficerLink { get; private set; } = "";

    public string ExpiredLink { get; private set; } = "";

    public static async Task<AdminHost> StartAsync(AzuriteFixture azurite, string? configPath = null, params string[] settings)
    {
        var config = configPath ?? TestConfig.FromSamples(("test-desk", new Uri("http://127.0.0.1:9/desk.xml")));
        var host = await MonitorTestHost.StartAsync(azurite, config, Now, HostMode.OneShot, [$"--Admin:LinkSigningKey={SigningKey}", "--Admin:RequestsPerMinute=1000000", "--Admin:PreviewsPerMinute=10000", .. settings]);
        var admin = new AdminHost(host);
        await host.App.Services.GetRequiredService<NgoMonitor.Adapters.Admin.ConfigSeeder>().EnsureSeededAsync(CancellationToken.None);
        admin.AdminKey = await host.CreateApiKeyAsync(MonitorRoles.Admin);
        admin.ViewerKey = await host.CreateApiKeyAsync(MonitorRoles.Viewer);
        var links = host.App.Services.GetRequiredService<OfficerLinks>();
        admin.OfficerLink = links.Create(Officer).Token;
        admin.ExpiredLink = links.Sign(Officer, Now.AddHours(-1));
        return admin;
    }

    /// <summary>A valid officer link for any recipient.</summary>
    public string LinkFor(string recipientId) => Host.App.Services.GetRequiredService<OfficerLinks>().Create(recipientId).Token;

    /// <summary>A request with one of the credentials: "none", "viewer", "admin", "officer", "expired", or "link:" and a token.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, string who = "admin", string? json = null, string? etag = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        switch (who)
        {
            case "admin": request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", AdminKey); break;
            case "viewer": request.Headers.Add("X-Api-Key", ViewerKey); break;
            case "officer": request.Headers.Add("X-Officer-Link", OfficerLink); break;
            case "expired": request.Headers.Add("X-Officer-Link", ExpiredLink); break;
            case var other when other.StartsWith("link:", StringComparison.Ordinal): request.Headers.Add("X-Officer-Link", other["link:".Length..]); break;
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string who = "admin", string? json = null, string? etag = null, string contentType = "application/json") =>
        await Client.SendAsync(Request(method, path, who, json, etag, contentType));

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
