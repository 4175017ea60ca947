using System.Globalization;
using Microsoft.Extensions.Options;
using NgoMonitor.Core.Alerts;

namespace NgoMonitor.Adapters.Alerts;

/// <summary>
/// SMS through Twilio. Error handling follows Twilio's error dictionary: HTTP 429 (20429) and 5xx were not
/// processed; the HTTP pipeline retries them with backoff and jitter (AddAlerts) and, if they persist, the row is
/// retried after the outbox back-off (Alerts:RetryDelay, doubling), or after Twilio's Retry-After if that is longer. 21610 (opted out), 21211 (invalid To), 21614/21635 (not SMS-capable) never succeed on retry:
/// the message fails at once and the number is reported unusable, so the recipient is marked and the alert goes by
/// email. 21408 (region not enabled) and 21606/21601 (bad From) are our configuration's fault: failed, number kept.
/// </summary>
public sealed class TwilioSmsChannel(TwilioClient client, IOptions<TwilioOptions> options) : IAlertChannel, IReconcilingChannel, IPacedChannel
{
    /// <summary>Twilio error codes that say the recipient's number can never receive our SMS.</summary>
    public static readonly IReadOnlySet<int> UnusableNumberCodes = new HashSet<int> { 21610, 21211, 21614, 21635 };

    public Channel Channel => Channel.Sms;

    public double SegmentsPerSecond => options.Value.SegmentsPerSecond;

    public string SenderFor(OutboxMessage message) => options.Value.Sender;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var sent = await client.SendSmsAsync(message.Address, message.Text, cancellationToken);
            return new DeliveryResult(DeliveryStatus.Sent, sent.Sid);
        }
        catch (TwilioApiException ex)
        {
            var reason = Redact.ProviderText(WithoutCredentials($"Twilio {ex.Code?.ToString(CultureInfo.InvariantCulture) ?? "HTTP " + ex.HttpStatus}: {ex.Message}"), Channel.Sms, message.Address);
            var retry = ex.HttpStatus == 429 || ex.HttpStatus >= 500;
            return new DeliveryResult(retry ? DeliveryStatus.Pending : DeliveryStatus.Failed, Error: reason, AddressUnusable: ex.Code is { } code && UnusableNumberCodes.Contains(code),
                RetryAfter: retry ? ex.RetryAfter : null);
        }
    }

    /// <summary>The text with this account's credentials (whatever their shape) replaced.</summary>
    private string WithoutCredentials(string text)
    {
        foreach (var secret in new[] { options.Value.AuthToken, options.Value.AccountSid }.Where(s => s is { Length: >= 8 }))
        {
            text = text.Replace(secret!, "[redacted]", StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>
    /// Twilio has no idempotency key, so "did our request get through?" is answered by listing the number's recent
    /// messages: one whose body is ours (bodies carry the alert's ACK code, so they differ between alerts) and that was
    /// created after <paramref name="since"/> is the one we sent.
    /// </summary>
    public async Task<string?> FindAcceptedAsync(OutboxMessage message, DateTimeOffset since, CancellationToken cancellationToken)
    {
        foreach (var listed in await client.ListRecentAsync(message.Address, 50, cancellationToken))
        {
            if (listed.Body == message.Text && (Created(listed) is not { } created || created >= since))
            {
                return listed.Sid;
            }
        }

        return null;
    }

    /// <summary>Twilio dates are RFC 2822 ("Tue, 24 Nov 2026 10:00:00 +0000").</summary>
    private static DateTimeOffset? Created(TwilioListedMessage listed) =>
        DateTimeOffset.TryParseExact(listed.DateCreated?.Replace(" +0000", " +00:00", StringComparison.Ordinal), "ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var created)
            ? created
            : null;
}
