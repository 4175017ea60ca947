using System.Globalization;
using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Telemetry;
using NgoMonitor.Core.Alerts;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace NgoMonitor.Adapters.Alerts;

/// <summary>
/// SMS through the Twilio SDK (Messages resource). Error handling follows Twilio's error dictionary: HTTP 429 (20429)
/// and 5xx were not processed; the HTTP pipeline retries them with backoff and jitter (AddAlerts) and, if they
/// persist, the row is retried after the outbox back-off (Alerts:RetryDelay, doubling), or after Twilio's Retry-After
/// if that is longer. 21610 (opted out), 21211 (invalid To), 21614/21635 (not SMS-capable) never succeed on retry:
/// the message fails at once and the number is reported unusable, so the recipient is marked and the alert goes by
/// email. 21408 (region not enabled) and 21606/21601 (bad From) are our configuration's fault: failed, number kept.
/// A timeout or lost connection is an exception (outcome unknown): the dispatcher reconciles before sending again.
/// </summary>
public sealed class TwilioSmsChannel(TwilioApi twilio, IOptions<TwilioOptions> options, MonitorMetrics? metrics = null) : IAlertChannel, IReconcilingChannel, IPacedChannel
{
    /// <summary>Twilio error codes that say the recipient's number can never receive our SMS.</summary>
    public static readonly IReadOnlySet<int> UnusableNumberCodes = new HashSet<int> { 21610, 21211, 21614, 21635 };

    public Channel Channel => Channel.Sms;

    public double SegmentsPerSecond => options.Value.SegmentsPerSecond;

    public string SenderFor(OutboxMessage message) => options.Value.Sender;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var create = new CreateMessageOptions(new PhoneNumber(message.Address)) { Body = message.Text, StatusCallback = o.StatusCallbackUrl };
        if (string.IsNullOrWhiteSpace(o.MessagingServiceSid))
        {
            create.From = new PhoneNumber(o.From);
        }
        else
        {
            create.MessagingServiceSid = o.MessagingServiceSid;
        }

        var call = twilio.Start();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            // The SDK takes no cancellation token; the HttpClient's timeout bounds the request.
            var sent = await MessageResource.CreateAsync(create, call.Client).WaitAsync(cancellationToken);
            return new DeliveryResult(DeliveryStatus.Sent, sent.Sid);
        }
        catch (ApiException ex)
        {
            // The SDK reads Twilio's JSON error body; a body that is not Twilio's (a proxy's page) leaves only the HTTP status.
            var status = ex.Status > 0 ? ex.Status : call.HttpStatus;
            int? code = ex.Code > 0 ? ex.Code : null;
            var reason = Redact.ProviderText(WithoutCredentials($"Twilio {code?.ToString(CultureInfo.InvariantCulture) ?? "HTTP " + status.ToString(CultureInfo.InvariantCulture)}: {ex.Message}"), Channel.Sms, message.Address);
            var retry = status == 429 || status >= 500;
            return new DeliveryResult(retry ? DeliveryStatus.Pending : DeliveryStatus.Failed, Error: reason, AddressUnusable: code is { } c && UnusableNumberCodes.Contains(c),
                RetryAfter: retry ? call.RetryAfter : null);
        }
        finally
        {
            metrics?.ProviderLatency.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("channel", "sms"));
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
    /// messages (newest first, one page of 50): one whose body is ours (bodies carry the alert's ACK code, so they
    /// differ between alerts) and that was created after <paramref name="since"/> is the one we sent. No DateSent
    /// filter on purpose: a message still queued has no date_sent yet and would be missed.
    /// </summary>
    public async Task<string?> FindAcceptedAsync(OutboxMessage message, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var read = new ReadMessageOptions { To = new PhoneNumber(message.Address), PageSize = 50, Limit = 50 };
        var page = await MessageResource.ReadAsync(read, twilio.Start().Client).WaitAsync(cancellationToken);
        page.AutoPaging = false;
        foreach (var listed in page)
        {
            if (listed.Body == message.Text && (listed.DateCreated is not { } created || Utc(created) >= since))
            {
                return listed.Sid;
            }
        }

        return null;
    }

    /// <summary>The SDK reads Twilio's RFC 2822 dates (always GMT) into a DateTime; an unspecified kind is UTC.</summary>
    private static DateTimeOffset Utc(DateTime created) =>
        created.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(created, TimeSpan.Zero) : new DateTimeOffset(created.ToUniversalTime(), TimeSpan.Zero);
}
