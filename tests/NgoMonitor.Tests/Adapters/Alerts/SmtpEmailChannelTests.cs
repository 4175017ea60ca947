using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Alerts;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Matching;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Alerts;

public sealed class SmtpEmailChannelTests
{
    private static OutboxMessage Email() =>
        new("alert-1-email", "alert-1", "desk", Channel.Email, "desk@example.org", "[Severe] Hôpital bombardé à Idleb", "Plain text body\nWhy you got this", "<p>HTML body</p>", Severity.Severe, "item", default);

    [Fact]
    public async Task Send_ToListener_DeliversTextAndHtmlWithAStableMessageId()
    {
        await using var smtp = SmtpListener.Start();
        var channel = new SmtpEmailChannel(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Security = SmtpSecurity.None, From = "Monitor <alerts@monitor.test>" }));

        var result = await channel.SendAsync(Email(), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(["desk@example.org"], mail.RcptTo);
        Assert.Equal("[Severe] Hôpital bombardé à Idleb", mail.Message.Subject);
        Assert.Contains("Why you got this", mail.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>HTML body</p>", mail.Message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("alert-1-email@monitor.invalid", mail.Message.MessageId);
    }

    [Fact]
    public async Task Send_NoServer_IsRetriedLater()
    {
        var channel = new SmtpEmailChannel(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = AzuriteFixture.FreePort(), Security = SmtpSecurity.None, From = "alerts@monitor.test" }));

        var result = await channel.SendAsync(Email(), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Pending, result.Status);
        Assert.StartsWith("SMTP", result.Error, StringComparison.Ordinal);
    }
}
