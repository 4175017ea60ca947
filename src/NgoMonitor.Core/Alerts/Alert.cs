using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Matching;

namespace NgoMonitor.Core.Alerts;

/// <summary>
/// One alert per (item, recipient): every watchlist of the recipient that the item matched, folded into one.
/// The id is derived from both, so planning the same item twice yields the same alert (idempotent outbox).
/// </summary>
public sealed record Alert(
    string Id,
    FeedItem Item,
    string SourceName,
    Recipient Recipient,
    Severity Severity,
    IReadOnlyList<WatchlistMatch> Matches,
    DateTimeOffset CreatedAt)
{
    /// <summary>The match that says most about where: the nearest fence hit, else the first with a place.</summary>
    public WatchlistMatch Lead =>
        Matches.Where(m => m.DistanceKm is not null).OrderBy(m => m.DistanceKm).FirstOrDefault()
        ?? Matches.FirstOrDefault(m => m.PlaceName is not null)
        ?? Matches[0];
}

public enum DeliveryStatus
{
    /// <summary>Waiting to be sent (again).</summary>
    Pending,

    /// <summary>Claimed by a dispatcher; the provider call may be under way.</summary>
    Sending,

    /// <summary>Accepted by the provider (Twilio queued/accepted, SMTP 250).</summary>
    Sent,

    /// <summary>No provider configured: written to the console and kept in storage.</summary>
    Printed,

    /// <summary>Given up: a permanent provider error, or too many attempts.</summary>
    Failed,
}

/// <summary>One row of the outbox: an alert on one channel to one address.</summary>
public sealed record OutboxMessage(
    string Id,
    string AlertId,
    string RecipientId,
    Channel Channel,
    string Address,
    string Subject,
    string Text,
    string? Html,
    Severity Severity,
    string ItemId,
    DateTimeOffset CreatedAt,
    DeliveryStatus Status = DeliveryStatus.Pending,
    int Attempts = 0,
    string? ProviderMessageId = null,
    string? Error = null,
    string? Version = null);

/// <summary>What a channel reports after trying to deliver one message.</summary>
/// <param name="Status">Sent, Printed, Pending (transient failure: try again) or Failed (permanent).</param>
public sealed record DeliveryResult(DeliveryStatus Status, string? ProviderMessageId = null, string? Error = null);

/// <summary>Port: one delivery channel (Twilio SMS, SMTP email, console). Fan-out is a loop over these (STYLE.md practice 10).</summary>
public interface IAlertChannel
{
    Channel Channel { get; }

    Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
