namespace NgoMonitor.Core.Alerts;

/// <summary>Where an outbox row is on its way to the provider; <see cref="Delivery"/> holds the moves between them.</summary>
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

    /// <summary>Held for the recipient's next digest (quiet hours, SMS throttle).</summary>
    Held,

    /// <summary>Summarised in a digest that went into the outbox.</summary>
    Digested,
}

/// <summary>
/// The delivery state of one outbox row, apart from the message it delivers (<see cref="OutboxMessage"/>): a small
/// state machine whose only moves are its methods, each made by one component.
/// <code>
///   planned ──▶ Pending ──Claim──▶ Sending ──Complete──▶ Sent | Printed | Failed
///         │        ▲                 │  ▲
///         │        └────Complete─────┘  └─Claim (the claim outlived the lease: its dispatcher died)
///         └──▶ Held ──Digest──▶ Digested
/// </code>
/// Planning (<see cref="IncidentAlerter"/>) starts a row <see cref="New"/> or <see cref="HeldFor"/>; the dispatcher
/// (<see cref="AlertDispatcher"/>, through <see cref="Storage.IOutbox"/>) claims and completes it: a transient failure
/// goes back to Pending with a back-off until the attempts run out, then Failed; the alerter digests held rows.
/// Two facts change without a move: when the row's dispatch message appears (<see cref="Queued"/>, kept by
/// <see cref="DispatchQueue"/>) and the provider's later report (<see cref="Reported"/>: delivered, read, ...).
/// A move not in the diagram is a bug and throws <see cref="InvalidOperationException"/>.
/// </summary>
public sealed record Delivery
{
    /// <summary>A row never tried: Pending, due now.</summary>
    public static Delivery New { get; } = new();

    public DeliveryStatus Status { get; private init; } = DeliveryStatus.Pending;

    /// <summary>Attempts at the provider so far.</summary>
    public int Attempts { get; private init; }

    /// <summary>The provider's id of the accepted message (Twilio's message SID).</summary>
    public string? ProviderMessageId { get; private init; }

    /// <summary>The last attempt's failure, or the provider's delivery error, masked.</summary>
    public string? Error { get; private init; }

    /// <summary>When the row was last claimed: a row Sending for longer than the lease is claimed again and reconciled.</summary>
    public DateTimeOffset? ClaimedAt { get; private init; }

    /// <summary>When the dispatch message last queued for the row becomes visible (<see cref="DispatchQueue"/>); null when
    /// nobody promised one, so the sweep queues it at once. <see cref="DispatchQueue.AwaitsMessage"/> says how the sweep
    /// reads it.</summary>
    public DateTimeOffset? QueuedAt { get; private init; }

    /// <summary>After a transient failure: not tried again before this time (the growing back-off,
    /// <see cref="AlertsOptions.RetryDelayAfter"/>); null when no attempt failed yet: due now.</summary>
    public DateTimeOffset? NextAttemptAt { get; private init; }

    /// <summary>The provider's last reported delivery state (Twilio status callback: delivered, undelivered, ...),
    /// ordered by <see cref="DeliveryProgress"/>.</summary>
    public string? ProviderState { get; private init; }

    /// <summary>For a Held row: the digest period it belongs to (<see cref="SubscriptionPolicy.DigestPeriod"/>).</summary>
    public string? DigestPeriod { get; private init; }

    /// <summary>A row planned into the recipient's digest of <paramref name="digestPeriod"/> instead of being sent.</summary>
    public static Delivery HeldFor(string digestPeriod) => new() { Status = DeliveryStatus.Held, DigestPeriod = digestPeriod };

    /// <summary>A state as stored, read back by a storage adapter: every field as it was written.</summary>
    public static Delivery Restore(
        DeliveryStatus status, int attempts, string? providerMessageId, string? error, DateTimeOffset? claimedAt,
        DateTimeOffset? queuedAt, DateTimeOffset? nextAttemptAt, string? providerState, string? digestPeriod) => new()
    {
        Status = status,
        Attempts = attempts,
        ProviderMessageId = providerMessageId,
        Error = error,
        ClaimedAt = claimedAt,
        QueuedAt = queuedAt,
        NextAttemptAt = nextAttemptAt,
        ProviderState = providerState,
        DigestPeriod = digestPeriod,
    };

    /// <summary>True for the moves in the diagram above.</summary>
    public static bool CanMove(DeliveryStatus from, DeliveryStatus to) => (from, to) switch
    {
        (DeliveryStatus.Pending, DeliveryStatus.Sending) => true,
        (DeliveryStatus.Sending, DeliveryStatus.Sending or DeliveryStatus.Sent or DeliveryStatus.Printed or DeliveryStatus.Failed or DeliveryStatus.Pending) => true,
        (DeliveryStatus.Held, DeliveryStatus.Digested) => true,
        _ => false,
    };

    /// <summary>True when no back-off holds the row: it has never failed, or its wait is over.</summary>
    public bool IsDue(DateTimeOffset now) => NextAttemptAt is not { } next || next <= now;

    /// <summary>True when a dispatcher may take the row now: Pending and due, or Sending under a claim older than
    /// <paramref name="lease"/> (its dispatcher died; the outcome is unknown and is reconciled first).</summary>
    public bool IsClaimable(DateTimeOffset now, TimeSpan lease) =>
        Status == DeliveryStatus.Pending && IsDue(now) || Status == DeliveryStatus.Sending && ClaimedAt <= now - lease;

    /// <summary>True when an earlier attempt may have reached the provider: the row was left Sending, or an attempt
    /// ended in an error (a timeout may have been accepted).</summary>
    public bool OutcomeUnknown => Status == DeliveryStatus.Sending || Attempts > 0;

    /// <summary>Pending (or a stale Sending) → Sending, claimed at <paramref name="now"/>.</summary>
    public Delivery Claim(DateTimeOffset now) => Move(DeliveryStatus.Sending) with { ClaimedAt = now };

    /// <summary>
    /// Sending → the attempt's result: Sent, Printed, Failed, or Pending again after a transient failure, not before
    /// <paramref name="retryAt"/>; a transient failure on attempt <paramref name="maxAttempts"/> is Failed.
    /// </summary>
    public Delivery Complete(DeliveryResult result, int maxAttempts, DateTimeOffset retryAt)
    {
        var attempts = Attempts + 1;
        var status = result.Status == DeliveryStatus.Pending && attempts >= maxAttempts ? DeliveryStatus.Failed : result.Status;
        return Move(status) with
        {
            Attempts = attempts,
            ProviderMessageId = result.ProviderMessageId ?? ProviderMessageId,
            Error = result.Error,
            NextAttemptAt = status == DeliveryStatus.Pending ? retryAt : null,
        };
    }

    /// <summary>Held → Digested: the row went into a digest.</summary>
    public Delivery Digest() => Move(DeliveryStatus.Digested);

    /// <summary>The row's dispatch message becomes visible at <paramref name="visibleAt"/>; the status is unchanged.</summary>
    public Delivery Queued(DateTimeOffset visibleAt) => this with { QueuedAt = visibleAt };

    /// <summary>The provider's status callback, recorded only when it moves the message forward
    /// (<see cref="DeliveryProgress.Advances"/>); its error, when it has one, replaces the last. Null when it does not.</summary>
    public Delivery? Reported(string providerState, string? error) =>
        DeliveryProgress.Advances(ProviderState, providerState) ? this with { ProviderState = providerState, Error = error ?? Error } : null;

    private Delivery Move(DeliveryStatus to) => CanMove(Status, to)
        ? this with { Status = to }
        : throw new InvalidOperationException($"An outbox row cannot move from {Status} to {to}.");
}
