using NgoMonitor.Core.Matching;

namespace NgoMonitor.Core.Alerts;

/// <summary>
/// One row of the outbox: an alert on one channel to one address. The positional fields and <see cref="Placement"/>
/// are the message, fixed when it is planned; <see cref="Delivery"/> is where it is on its way to the provider (a
/// state machine); <see cref="FollowUp"/> is what became of the alert afterwards; <see cref="Version"/> is the
/// storage's concurrency token.
/// </summary>
/// <param name="FallbackEmail">Where an SMS goes by email if the number proves unusable (Twilio 21610, 21211, 21614).</param>
/// <param name="IncidentId">The incident the alert is about; null for digests and admin notices.</param>
/// <param name="AckCode">The code an officer replies with ("ACK 4821"); null for messages that need no acknowledgement.</param>
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
    string? FallbackEmail = null,
    string? IncidentId = null,
    string? AckCode = null)
{
    /// <summary>How the alert's place was read (its lead match's placement), kept with the row for the admin API;
    /// null for digests and rows stored without it.</summary>
    public Geo.Placement? Placement { get; init; }

    /// <summary>Where the row is on its way to the provider; a new row is <see cref="Delivery.New"/>.</summary>
    public Delivery Delivery { get; init; } = Delivery.New;

    /// <summary>Acknowledgement and escalation of the alert the row carries.</summary>
    public AlertFollowUp FollowUp { get; init; } = AlertFollowUp.None;

    /// <summary>Storage concurrency token (ETag); null for a row not stored yet.</summary>
    public string? Version { get; init; }

    /// <summary>Shorthand for <see cref="Delivery"/>'s status.</summary>
    public DeliveryStatus Status => Delivery.Status;

    /// <summary>
    /// The same message as a row never sent, created at <paramref name="createdAt"/>: a new delivery, no follow-up,
    /// not stored. The copies of a row (an escalation to the backup, the email that replaces a refused SMS) start from
    /// this, so nothing of the original's delivery carries over.
    /// </summary>
    public OutboxMessage Unsent(DateTimeOffset createdAt) => this with
    {
        CreatedAt = createdAt,
        Delivery = Delivery.New,
        FollowUp = AlertFollowUp.None,
        Version = null,
    };
}

/// <summary>What became of an alert after delivery: its acknowledgement and its escalation to the backup.</summary>
/// <param name="AckedAt">When it was acknowledged; null while unacknowledged.</param>
/// <param name="AckedBy">Who acknowledged it (the recipient id of the officer, or of the backup who had the escalated
/// copy); null while unacknowledged or for rows acknowledged before it was recorded.</param>
/// <param name="AckedVia">How it was acknowledged (<see cref="AckVia"/>); null while unacknowledged.</param>
/// <param name="Escalated">A copy went to the recipient's backup (<see cref="IncidentAlerter"/>).</param>
public sealed record AlertFollowUp(DateTimeOffset? AckedAt = null, string? AckedBy = null, string? AckedVia = null, bool Escalated = false)
{
    /// <summary>Neither acknowledged nor escalated.</summary>
    public static AlertFollowUp None { get; } = new();
}
