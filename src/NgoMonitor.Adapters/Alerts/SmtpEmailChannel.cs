using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using NgoMonitor.Core.Alerts;

namespace NgoMonitor.Adapters.Alerts;

/// <summary>
/// Email through SMTP (MailKit): a multipart/alternative message with the plain-text and HTML bodies. The
/// Message-Id is derived from the outbox id so a resend after a crash is recognisable as the same message.
/// </summary>
public sealed class SmtpEmailChannel(IOptions<SmtpOptions> options) : IAlertChannel
{
    public Channel Channel => Channel.Email;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(o.From!));
        mail.To.Add(MailboxAddress.Parse(message.Address));
        mail.Subject = message.Subject;
        mail.MessageId = $"{message.Id}@monitor.invalid";
        mail.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();

        using var smtp = new SmtpClient();
        try
        {
            await smtp.ConnectAsync(o.Host!, o.Port, Security(o.Security), cancellationToken);
            if (!string.IsNullOrEmpty(o.Username))
            {
                await smtp.AuthenticateAsync(o.Username, o.Password ?? "", cancellationToken);
            }

            await smtp.SendAsync(mail, cancellationToken);
            await smtp.DisconnectAsync(quit: true, cancellationToken);
            return new DeliveryResult(DeliveryStatus.Sent, mail.MessageId);
        }
        catch (SmtpCommandException ex) when (ex.StatusCode == SmtpStatusCode.MailboxUnavailable || ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
        {
            // 550 / recipient refused: permanent (RFC 5321 §4.2.1, 5yz replies).
            return new DeliveryResult(DeliveryStatus.Failed, Error: $"SMTP {(int)ex.StatusCode}: {ex.Message}");
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException or AuthenticationException)
        {
            return new DeliveryResult(DeliveryStatus.Pending, Error: $"SMTP: {ex.Message}");
        }
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
