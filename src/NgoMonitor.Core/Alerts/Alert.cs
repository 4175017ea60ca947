using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Matching;

namespace NgoMonitor.Core.Alerts;

/// <summary>
/// One alert per (incident, recipient, severity): every watchlist of the recipient that the incident matched, folded
/// into one. The id is derived from all three, so planning it twice yields the same alert (idempotent outbox), and a
/// more severe report of the same incident yields a new alert that is an update (<see cref="IsUpdate"/>).
/// <see cref="Matches"/> are the incident's own; <see cref="Watchlists"/> holds the current watchlist each names.
/// </summary>
public sealed record Alert(
    string Id,
    FeedItem Item,
    string SourceName,
    Recipient Recipient,
    Severity Severity,
    IReadOnlyList<WatchlistMatch> Matches,
    IReadOnlyDictionary<string, Watchlist> Watchlists,
    DateTimeOffset CreatedAt)
{
    /// <summary>Names of the feeds carrying the incident (at least the one of <see cref="SourceName"/>).</summary>
    public IReadOnlyList<string> SourceNames { get; init; } = [SourceName];

    /// <summary>The incident this alert is about; null for an alert planned from a single item.</summary>
    public string? IncidentId { get; init; }

    /// <summary>True when the recipient was already alerted about the incident at a lower severity.</summary>
    public bool IsUpdate { get; init; }

    /// <summary>Every report of the incident (feed name, title, link), first report first; empty for an alert planned
    /// from a single item. The email links the other sources and updates from these.</summary>
    public IReadOnlyList<IncidentSource> Sources { get; init; } = [];

    /// <summary>The code an officer replies with ("ACK 4821"): four digits derived from the alert id.</summary>
    public string AckCode => AckCodes.For(Id);

    /// <summary>The match that says most about where: the nearest fence hit of a precise placement
    /// (<see cref="Geo.Placement.SupportsCloseRange"/>), else the nearest fence hit, else the first with a place.</summary>
    public WatchlistMatch Lead =>
        Matches.Where(m => m.DistanceKm is not null).OrderByDescending(m => m.Placement?.SupportsCloseRange == true).ThenBy(m => m.DistanceKm).FirstOrDefault()
        ?? Matches.FirstOrDefault(m => m.PlaceName is not null)
        ?? Matches[0];
}

/// <summary>Acknowledgement codes: short enough to type on a phone; unique enough among one recipient's open alerts.</summary>
public static class AckCodes
{
    public static string For(string alertId) =>
        (1000 + (int)(BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(alertId)), 0) % 9000)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"ACK 4821", "ack4821", " Ack  4821 " → "4821"; anything else → null.</summary>
    public static string? Parse(string? body)
    {
        var text = (body ?? "").Trim();
        if (!text.StartsWith("ACK", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var code = text[3..].Trim();
        return code.Length == 4 && code.All(char.IsAsciiDigit) ? code : null;
    }
}

/// <summary>The ways an alert is acknowledged, as recorded on its rows and in the audit log.</summary>
public static class AckVia
{
    /// <summary>A reply "ACK 4821" to the SMS.</summary>
    public const string SmsReply = "sms-reply";

    /// <summary>The confirm button of the acknowledgement page, opened from the SMS's link.</summary>
    public const string SmsLink = "sms-link";

    /// <summary>The confirm button of the acknowledgement page, opened from the email's link.</summary>
    public const string EmailLink = "email-link";

    /// <summary>The page's "via" hint (the link says which message it came in) → a recorded value; anything else → web.</summary>
    public static string FromLink(string? hint) => hint switch
    {
        "sms" => SmsLink,
        "email" => EmailLink,
        _ => "web-link",
    };
}

/// <summary>What a channel reports after trying to deliver one message.</summary>
/// <param name="Status">Sent, Printed, Pending (transient failure: try again) or Failed (permanent).</param>
/// <param name="AddressUnusable">The provider says the address can never receive on this channel (opted out, invalid):
/// the recipient is marked and the alert falls back to email.</param>
/// <param name="RetryAfter">For a transient failure: how long the provider asked us to wait (HTTP Retry-After on a 429
/// or 503, RFC 9110 §10.2.3), or null. The next attempt waits the longer of this and the back-off.</param>
public sealed record DeliveryResult(DeliveryStatus Status, string? ProviderMessageId = null, string? Error = null, bool AddressUnusable = false, TimeSpan? RetryAfter = null);

/// <summary>Port: one delivery channel (Twilio SMS, SMTP email, console). Fan-out is a loop over these, not a branch per provider.</summary>
public interface IAlertChannel
{
    Channel Channel { get; }

    Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Optional port of a channel whose provider can be asked what it already accepted. A row left "Sending" by a dispatcher
/// that died may or may not have reached the provider; the dispatcher asks before sending again, so a crash neither
/// loses nor duplicates the message (Twilio's Messages API has no idempotency key).
/// </summary>
public interface IReconcilingChannel
{
    /// <summary>The provider's id of an accepted message with this address and body created since <paramref name="since"/>, or null.</summary>
    Task<string?> FindAcceptedAsync(OutboxMessage message, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>
/// Optional port of a channel whose provider sends at a limited rate per sender (an SMS number): the dispatcher paces
/// each sender through <see cref="SenderPacing"/>.
/// </summary>
public interface IPacedChannel
{
    /// <summary>The sender a message goes out from (a phone number, a messaging service).</summary>
    string SenderFor(OutboxMessage message);

    /// <summary>Message segments the provider sends per second from one sender.</summary>
    double SegmentsPerSecond { get; }
}
