using NgoMonitor.Core.Alerts;

namespace NgoMonitor.Adapters.Alerts;

/// <summary>
/// SMS through Twilio. Error handling follows Twilio's error dictionary: HTTP 429 (20429) and 5xx were not
/// processed and are retried next cycle; 21610 (opted out), 21211 (invalid To), 21614/21635 (not SMS-capable),
/// 21408 (region not enabled) and 21606/21601 (bad From) never succeed on retry, so the message fails at once.
/// </summary>
public sealed class TwilioSmsChannel(TwilioClient client) : IAlertChannel
{
    public Channel Channel => Channel.Sms;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var sent = await client.SendSmsAsync(message.Address, message.Text, cancellationToken);
            return new DeliveryResult(DeliveryStatus.Sent, sent.Sid);
        }
        catch (TwilioApiException ex)
        {
            var reason = $"Twilio {ex.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "HTTP " + ex.HttpStatus}: {ex.Message}";
            var retry = ex.HttpStatus == 429 || ex.HttpStatus >= 500;
            return new DeliveryResult(retry ? DeliveryStatus.Pending : DeliveryStatus.Failed, Error: reason);
        }
    }
}
