using System.Collections.Concurrent;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Core.Alerts;

/// <summary>What one dispatch did; <see cref="Deferred"/> rows went back to the queue to respect a sender's pace.</summary>
/// <param name="ExpectedDeliveredBy">When the provider should have sent the last SMS of the burst (paced senders), or null.</param>
public sealed record DispatchReport(int Sent, int Printed, int Retrying, int Failed, int Reconciled = 0, int FellBack = 0, int Deferred = 0, DateTimeOffset? ExpectedDeliveredBy = null)
{
    public static DispatchReport None { get; } = new(0, 0, 0, 0);

    /// <summary>The rows whose attempt failed transiently, with when they are tried again (for the caller's log).</summary>
    public IReadOnlyList<RetryScheduled> Retries { get; init; } = [];

    public DispatchReport Add(DispatchReport other) => new(
        Sent + other.Sent, Printed + other.Printed, Retrying + other.Retrying, Failed + other.Failed, Reconciled + other.Reconciled,
        FellBack + other.FellBack, Deferred + other.Deferred,
        ExpectedDeliveredBy is { } a && other.ExpectedDeliveredBy is { } b ? (a > b ? a : b) : ExpectedDeliveredBy ?? other.ExpectedDeliveredBy)
    {
        Retries = [.. Retries, .. other.Retries],
    };
}

/// <summary>One row left Pending after a transient failure: attempt <paramref name="Attempts"/> failed; the next is not before <paramref name="NextAttemptAt"/>.</summary>
/// <param name="Error">The failure, with the row's address masked (<see cref="Redact"/>).</param>
public sealed record RetryScheduled(string RecipientId, string RowId, Channel Channel, string MaskedAddress, int Attempts, DateTimeOffset NextAttemptAt, string? Error);

/// <summary>What one row's attempt came to.</summary>
/// <param name="Status">The row's status as the attempt left it (Pending: a transient failure, retried or out of attempts).</param>
/// <param name="Retry">Set when the row will be tried again after its back-off.</param>
/// <param name="Reconciled">The provider had already accepted the message: recorded as sent, not sent again.</param>
/// <param name="FellBack">The row is the email that replaced an SMS the provider refused for good.</param>
public sealed record RowOutcome(DeliveryStatus Status, RetryScheduled? Retry, bool Reconciled, bool FellBack);

/// <summary>
/// Sends what waits in the outbox. For each row, in this order:
/// 1. claim it (ETag: of two dispatchers one wins) and record the claim time: the row is now "Sending";
/// 2. if the row was found "Sending" with an expired claim (its dispatcher died mid-call), or an earlier attempt
///    ended in an error that leaves the outcome unknown, ask the provider first (<see cref="IReconcilingChannel"/>):
///    a message it already accepted is recorded as sent, never sent again;
/// 3. send through the row's channel and record the provider's id and status;
/// 4. when the provider says the address can never work (Twilio 21610 opted out, 21211/21614 invalid), mark the
///    recipient and add the same alert by email (the SMS row's fallback address), sent in the same pass.
/// A crash between 1 and 3 leaves the row "Sending": step 2 of a later dispatch finds it, so nothing is lost or doubled.
/// A channel exception counts as a transient failure, retried until <see cref="AlertsOptions.MaxAttempts"/>, each
/// retry after a growing wait (<see cref="AlertsOptions.RetryDelayAfter"/>, stored as <see cref="Delivery.NextAttemptAt"/>):
/// both paths that pick rows (the dispatch message and the timer's sweep) skip a row
/// whose wait is not over, and the sweep queues it at its first tick after.
/// Rows of a paced channel (<see cref="IPacedChannel"/>, SMS) first take a slot in their sender's queue
/// (<see cref="SenderPacing"/>); rows whose slot lies beyond <see cref="AlertsOptions.PacingHorizon"/> are deferred:
/// enqueued again, invisible until the sender's backlog has shrunk.
/// </summary>
public sealed class AlertDispatcher(IOutbox outbox, IEnumerable<IAlertChannel> channels, IRecipientStateStore recipientStates, AlertsOptions options, SenderPacing pacing, DispatchQueue queue)
{
    private readonly Dictionary<Channel, IAlertChannel> _channels = channels.ToDictionary(c => c.Channel);

    /// <summary>
    /// The dispatch queue's handler: the rows of one message, read again (a redelivered message finds them sent and
    /// skips them, and a row still waiting out its back-off is skipped too: the sweep queues it when it is due).
    /// </summary>
    public async Task<DispatchReport> DispatchAsync(DispatchBatch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = new List<OutboxMessage>();
        foreach (var key in batch.Rows.Distinct())
        {
            if (await outbox.GetAsync(key, cancellationToken) is { } row && Dispatchable(row, now))
            {
                rows.Add(row);
            }
        }

        return await DispatchRowsAsync(rows, now, cancellationToken);
    }

    /// <summary>
    /// The PollFeeds timer's sweep: queues the rows no dispatch message will bring any more (<see cref="DispatchQueue.AwaitsMessage"/>):
    /// rows nobody queued (the timer's own digests, escalations and re-planned alerts), rows whose last attempt failed
    /// (a retry: the failed attempt consumed their message), rows left Sending past the lease (their dispatcher died),
    /// and rows whose message is overdue by <see cref="AlertsOptions.SweepGrace"/> (poisoned, or lost when its producer
    /// died between insert and enqueue); a retry only once its back-off is over (<see cref="Delivery.NextAttemptAt"/>),
    /// which it needs no new alert for. Each swept row first records the new message (<see cref="DispatchQueue.QueueStoredAsync"/>),
    /// so the next tick does not queue it again while that message waits: queuing every pending row on every tick would
    /// add backlog × ticks duplicate messages. Returns the rows queued.
    /// </summary>
    public async Task<int> EnqueuePendingAsync(DateTimeOffset now, int rowsPerMessage, CancellationToken cancellationToken)
    {
        var due = (await outbox.GetPendingAsync(now - options.SendingLease, cancellationToken))
            .Where(r => Dispatchable(r, now) && !DispatchQueue.AwaitsMessage(r, now, options.SweepGrace))
            .OrderBy(r => r.RecipientId, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal);
        return (await queue.QueueStoredAsync(due, now, TimeSpan.Zero, rowsPerMessage, cancellationToken)).Count;
    }

    /// <summary>Whether a row may be sent now: pending and past its back-off, or left Sending past the lease. The one
    /// test both paths that pick rows apply (dispatch message and sweep).</summary>
    private bool Dispatchable(OutboxMessage row, DateTimeOffset now) => row.Delivery.IsClaimable(now, options.SendingLease);

    private async Task<DispatchReport> DispatchRowsAsync(IReadOnlyList<OutboxMessage> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (ready, deferred, deliveredBy) = Pace(rows, now);
        var outcomes = new ConcurrentBag<RowOutcome>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.DispatchConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(ready, parallel, async (row, token) =>
        {
            foreach (var outcome in await DispatchOneAsync(row, now, token))
            {
                outcomes.Add(outcome);
            }
        });

        if (deferred.Count > 0)
        {
            // Back to the queue, visible again when the busiest sender's backlog is under the horizon. Each row records
            // when that message appears, so the sweep leaves it alone until then (plus the grace) however long the
            // backlog; a row changed meanwhile (claimed, or swept onto another message) is left to that.
            var wait = deferred.Max(d => pacing.FreeAt(d.Sender, now)) - now - options.PacingHorizon;
            wait = wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            await queue.QueueStoredAsync(deferred.Select(d => d.Row), now, wait, deferred.Count, cancellationToken);
        }

        return new DispatchReport(
            Sent: outcomes.Count(o => o.Status == DeliveryStatus.Sent),
            Printed: outcomes.Count(o => o.Status == DeliveryStatus.Printed),
            Retrying: outcomes.Count(o => o.Retry is not null),
            Failed: outcomes.Count(o => o.Status is DeliveryStatus.Failed or DeliveryStatus.Pending && o.Retry is null),
            Reconciled: outcomes.Count(o => o.Reconciled),
            FellBack: outcomes.Count(o => o.FellBack),
            Deferred: deferred.Count,
            ExpectedDeliveredBy: deliveredBy)
        {
            Retries = [.. outcomes.Select(o => o.Retry).OfType<RetryScheduled>().OrderBy(r => r.RowId, StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// Splits rows into those sent now and those deferred, and projects when the provider will have sent the whole
    /// burst: the last reserved slot, or for deferred rows their sender's free time plus their segments at its rate.
    /// </summary>
    private (List<OutboxMessage> Ready, List<(OutboxMessage Row, string Sender)> Deferred, DateTimeOffset? DeliveredBy) Pace(IReadOnlyList<OutboxMessage> rows, DateTimeOffset now)
    {
        var ready = new List<OutboxMessage>();
        var deferred = new List<(OutboxMessage Row, string Sender, int Segments, double Rate)>();
        DateTimeOffset? deliveredBy = null;
        foreach (var row in rows)
        {
            if (_channels.GetValueOrDefault(row.Channel) is not IPacedChannel paced)
            {
                ready.Add(row);
                continue;
            }

            var sender = paced.SenderFor(row);
            var segments = SmsEncoding.Segments(row.Text);
            if (pacing.TryReserve(sender, segments, paced.SegmentsPerSecond, now, options.PacingHorizon) is { } slot)
            {
                ready.Add(row);
                deliveredBy = Later(deliveredBy, slot.DeliveredBy);
            }
            else
            {
                deferred.Add((row, sender, segments, paced.SegmentsPerSecond));
            }
        }

        foreach (var sender in deferred.GroupBy(d => d.Sender))
        {
            deliveredBy = Later(deliveredBy, SenderPacing.DeliveredBy(pacing.FreeAt(sender.Key, now), sender.Select(d => d.Segments), sender.First().Rate));
        }

        return (ready, [.. deferred.Select(d => (d.Row, d.Sender))], deliveredBy);
    }

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;

    private async Task<List<RowOutcome>> DispatchOneAsync(OutboxMessage row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claimed = await outbox.TryClaimAsync(row, now, cancellationToken);
        if (claimed is null)
        {
            return []; // another dispatcher has it
        }

        var uncertain = row.Delivery.OutcomeUnknown;
        var reconciled = false;
        DeliveryResult result;
        if (uncertain && _channels.GetValueOrDefault(row.Channel) is IReconcilingChannel reconciling)
        {
            try
            {
                var sid = await reconciling.FindAcceptedAsync(claimed, claimed.CreatedAt - TimeSpan.FromMinutes(5), cancellationToken);
                reconciled = sid is not null;
                result = sid is not null ? new DeliveryResult(DeliveryStatus.Sent, sid) : await SendAsync(claimed, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Cannot tell whether it went: sending blind could duplicate it, so try again next cycle.
                result = new DeliveryResult(DeliveryStatus.Pending, Error: "reconcile failed: " + ex.GetType().Name + ": " + ex.Message);
            }
        }
        else
        {
            result = await SendAsync(claimed, cancellationToken);
        }

        // A provider's text may echo the number, other addresses or credentials: masked before it is stored or shown.
        result = result with { Error = Redact.ProviderText(result.Error, claimed.Channel, claimed.Address) };

        // The wait counts from the start of this dispatch, not from the end of the provider call: a slow failing call
        // (timeouts, the HTTP pipeline's own retries) already spent part of it.
        var attempts = claimed.Delivery.Attempts + 1;
        var retryAt = now + options.RetryDelayAfter(attempts, result.RetryAfter);
        await outbox.CompleteAsync(claimed, result, options.MaxAttempts, retryAt, cancellationToken);
        var retrying = result.Status == DeliveryStatus.Pending && attempts < options.MaxAttempts
            ? new RetryScheduled(claimed.RecipientId, claimed.Id, claimed.Channel, Redact.Address(claimed.Channel, claimed.Address), attempts, retryAt,
                result.Error)
            : null;
        var outcomes = new List<RowOutcome> { new(result.Status, retrying, reconciled, FellBack: false) };
        if (result.AddressUnusable && claimed.Channel == Channel.Sms)
        {
            await recipientStates.BlockSmsAsync(claimed.RecipientId, result.Error ?? "unusable number", now, cancellationToken);
            if (claimed.FallbackEmail is { Length: > 0 })
            {
                var email = AlertComposer.FallbackEmail(claimed, result.Error ?? "unusable number");
                await outbox.AddAsync([email], cancellationToken);
                if (await StoredAsync(email, cancellationToken) is { Status: DeliveryStatus.Pending } stored)
                {
                    var fallback = await DispatchOneAsync(stored, now, cancellationToken);
                    outcomes.AddRange(fallback.Select(f => f with { FellBack = true }));
                }
            }
        }

        return outcomes;
    }

    /// <summary>A row as stored (with its ETag, which the claim needs), or null.</summary>
    private async Task<OutboxMessage?> StoredAsync(OutboxMessage added, CancellationToken cancellationToken) =>
        (await outbox.GetAlertAsync(added.AlertId, cancellationToken)).FirstOrDefault(r => r.Id == added.Id && r.RecipientId == added.RecipientId);

    private async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!_channels.TryGetValue(message.Channel, out var channel))
        {
            return new DeliveryResult(DeliveryStatus.Failed, Error: $"No {message.Channel} channel is registered");
        }

        try
        {
            return await channel.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryStatus.Pending, Error: ex.GetType().Name + ": " + ex.Message);
        }
    }
}
