using NgoMonitor.Tests.Host.Alerts;
using NgoMonitor.Tests.TestKit;

namespace NgoMonitor.Tests.Host.Admin.Console;

/// <summary>One alert sent to the sample officer by SMS after a poll, and the path of the acknowledgement link it carries.</summary>
public sealed class AckLinkScenario : IAsyncDisposable
{
    private readonly FeedServer _feeds;

    private AckLinkScenario(FeedServer feeds, AdminHost admin, string path)
    {
        _feeds = feeds;
        Admin = admin;
        Path = path;
    }

    public AdminHost Admin { get; }

    /// <summary>"/a/{token}", as the SMS gives it.</summary>
    public string Path { get; }

    public static async Task<AckLinkScenario> StartAsync(AzuriteFixture azurite)
    {
        var feeds = await FeedServer.StartAsync();
        feeds.ServeText("a.xml", AlertScenario.Rss(AdminHost.Now.AddMinutes(-5), ("p-1", "Airstrike hits market in Azaz, several people wounded near the hospital", "Azaz.")));
        var admin = await AdminHost.StartAsync(azurite, AlertScenario.Config([("a", feeds.Url("a.xml"))], AlertScenario.Officer()),
            "--Alerts:PublicBaseUrl=https://monitor.example.org", "--Alerts:AckLinkKey=test-ack-key-not-a-secret");
        await admin.Host.PollFeedsAndDrainAsync();
        var sms = (await admin.Host.RowsAsync("Outbox")).Single().GetString("Text");
        return new AckLinkScenario(feeds, admin, new Uri(sms[sms.IndexOf("https://", StringComparison.Ordinal)..].Split(' ')[0]).AbsolutePath);
    }

    public async ValueTask DisposeAsync()
    {
        await Admin.DisposeAsync();
        await _feeds.DisposeAsync();
    }
}
