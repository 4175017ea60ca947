using System.Text;
using NgoMonitor.Core.Alerts;

namespace NgoMonitor.Adapters.Alerts;

/// <summary>
/// Stands in for a channel that is not configured: prints the alert to standard output (address masked) and
/// reports it Printed, so it stays stored in the outbox with that status.
/// </summary>
public sealed class ConsoleAlertChannel(Channel channel, TextWriter output) : IAlertChannel
{
    private static readonly Lock Gate = new();

    public Channel Channel => channel;

    public Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var block = new StringBuilder()
            .AppendLine()
            .AppendLine($"==== ALERT {message.Severity.ToString().ToUpperInvariant()} - {(channel == Channel.Sms ? "SMS" : "email")} to {Redact.Address(channel, message.Address)} (printed: no {(channel == Channel.Sms ? "Twilio" : "SMTP")} configured) ====")
            .AppendLine(channel == Channel.Sms ? message.Text : message.Subject + "\n" + message.Text.TrimEnd())
            .AppendLine(new string('=', 60))
            .ToString();
        lock (Gate)
        {
            output.Write(block);
            output.Flush();
        }

        return Task.FromResult(new DeliveryResult(DeliveryStatus.Printed));
    }
}
