using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Host.Functions;
using NgoMonitor.Tests.Host.Alerts;
using Xunit;

namespace NgoMonitor.Tests.TestKit;

/// <summary>
/// The loopback components an alerting test talks to besides Azurite, started before each test and stopped after
/// it: a feed server for the stories, the fake Twilio API for SMS and an SMTP listener for email; and the steps
/// alerting tests share: start the app wired to them, serve a feed, run a poll cycle, post a signed Twilio webhook.
/// </summary>
public abstract class AlertingServices(AzuriteFixture azurite) : IAsyncLifetime
{
    protected AzuriteFixture Azurite => azurite;

    protected FeedServer Feeds { get; private set; } = null!;

    protected FakeTwilioApi Twilio { get; private set; } = null!;

    protected SmtpListener Smtp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Feeds = await FeedServer.StartAsync();
        Twilio = await FakeTwilioApi.StartAsync();
        Smtp = SmtpListener.Start();
    }

    public async Task DisposeAsync()
    {
        await Feeds.DisposeAsync();
        await Twilio.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// <summary>The app (one-shot, clock at <paramref name="now"/>) sending SMS to the fake Twilio API without
    /// retries and email to the SMTP listener, plus the test's own settings.</summary>
    protected Task<MonitorTestHost> StartHostAsync(string config, DateTimeOffset now, params string[] settings) =>
        MonitorTestHost.StartAsync(azurite, config, now, HostMode.OneShot, [.. Twilio.Settings(), .. Smtp.Settings(), "--Twilio:RetryAttempts=0", .. settings]);

    /// <summary>One poll cycle, as the timer runs it.</summary>
    protected static Task PollAsync(MonitorTestHost host) => host.App.Services.GetRequiredService<PollCycleRunner>().RunAsync(CancellationToken.None);

    /// <summary>Serves <c>{feed}.xml</c> as an RSS feed of the items, all published at <paramref name="published"/>.</summary>
    protected void Serve(string feed, DateTimeOffset published, params (string Guid, string Title, string Summary)[] items) =>
        Feeds.ServeText(feed + ".xml", AlertScenario.Rss(published, items));

    /// <summary>Posts a Twilio webhook form with the signature given, or by default one signed with the fake
    /// Twilio API's token for the URL the app sees.</summary>
    protected static async Task<HttpResponseMessage> PostSignedAsync(MonitorTestHost host, string path, Dictionary<string, string> form, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature ?? FakeTwilioApi.Sign(new Uri(host.Client.BaseAddress!, path).AbsoluteUri, form));
        return await host.Client.SendAsync(request);
    }
}
