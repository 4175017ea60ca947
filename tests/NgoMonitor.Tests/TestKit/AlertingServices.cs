using Xunit;

namespace NgoMonitor.Tests.TestKit;

/// <summary>
/// The loopback components an alerting test talks to besides Azurite, started before each test and stopped after
/// it: a feed server for the stories, the fake Twilio API for SMS and an SMTP listener for email.
/// </summary>
public abstract class AlertingServices : IAsyncLifetime
{
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
}
