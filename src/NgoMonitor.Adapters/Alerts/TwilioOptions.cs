using System.ComponentModel.DataAnnotations;

namespace NgoMonitor.Adapters.Alerts;

/// <summary>
/// Twilio Messages API settings (configuration section "Twilio"). SMS goes through Twilio only when
/// <see cref="IsConfigured"/>; otherwise alerts are printed and stored.
/// </summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    /// <summary>Account SID (AC…), also the Basic auth user name. Default: unset.</summary>
    public string? AccountSid { get; set; }

    /// <summary>Auth token (secret: Key Vault in Azure, user secrets or environment locally). Default: unset.</summary>
    public string? AuthToken { get; set; }

    /// <summary>Sender number in E.164 or alphanumeric sender id. Either this or <see cref="MessagingServiceSid"/>.</summary>
    public string? From { get; set; }

    /// <summary>Messaging service (MG…), used instead of <see cref="From"/> when set.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>API base address. Default https://api.twilio.com; tests point it at a local fake.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.twilio.com");

    /// <summary>Public URL of Monitor's status callback endpoint, sent as StatusCallback. Default: unset (no callbacks).</summary>
    public Uri? StatusCallbackUrl { get; set; }

    /// <summary>
    /// Public base URL Twilio calls our webhooks at (https://monitor.example.org), used to rebuild the signed URL for
    /// X-Twilio-Signature behind a proxy. Default: unset (the request's own scheme, host and path).
    /// </summary>
    public Uri? WebhookBaseUrl { get; set; }

    /// <summary>Retries of a 429 or 5xx answer inside one send, with exponential backoff and jitter. Default 3; range 0–10.</summary>
    [Range(0, 10)]
    public int RetryAttempts { get; set; } = 3;

    /// <summary>First retry delay (doubles each retry, jittered). Default 1 second; range 0–1 minute (tests use milliseconds).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Message segments Twilio sends per second from <see cref="From"/> (or the messaging service): the dispatcher
    /// paces each sender at this rate. Default 1 (a long code; Twilio: about 1 segment/s per US/Canada long code,
    /// 10DLC by brand trust score, toll-free 3/s, short code 100/s, a messaging service the sum of its senders);
    /// range 0.1–1000.
    /// </summary>
    [Range(0.1, 1000)]
    public double SegmentsPerSecond { get; set; } = 1;

    /// <summary>The sender Twilio paces by: the messaging service when set, else the From number.</summary>
    public string Sender => !string.IsNullOrWhiteSpace(MessagingServiceSid) ? MessagingServiceSid : From ?? "";

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken)
        && (!string.IsNullOrWhiteSpace(From) || !string.IsNullOrWhiteSpace(MessagingServiceSid));
}
