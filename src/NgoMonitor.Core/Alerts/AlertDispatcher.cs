using System.Collections.Concurrent;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Core.Alerts;

public sealed record DispatchReport(int Sent, int Printed, int Retrying, int Failed, int Reconciled = 0, int FellBack = 0);

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
/// A channel exception counts as a transient failure, retried until <see cref="AlertsOptions.MaxAttempts"/>.
/// </summary>
public sealed class AlertDispatcher(IOutbox outbox, IEnumerable<IAlertChannel> channels, IRecipientStateStore recipientStates, AlertsOptions options)
{
    private readonly Dictionary<Channel, IAlertChannel> _channels = channels.ToDictionary(c => c.Channel);

    public async Task<DispatchReport> DispatchPendingAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outcomes = new ConcurrentBag<(DeliveryStatus Status, bool Retrying, bool Reconciled, bool FellBack)>();
        var pending = await outbox.GetPendingAsync(now - options.SendingLease, cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.DispatchConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(pending, parallel, async (row, token) =>
        {
            foreach (var outcome in await DispatchOneAsync(row, now, token))
            {
                outcomes.Add(outcome);
            }
        });

        return new DispatchReport(
            Sent: outcomes.Count(o => o.Status == DeliveryStatus.Sent),
            Printed: outcomes.Count(o => o.Status == DeliveryStatus.Printed),
            Retrying: outcomes.Count(o => o.Retrying),
            Failed: outcomes.Count(o => o.Status is DeliveryStatus.Failed or DeliveryStatus.Pending && !o.Retrying),
            Reconciled: outcomes.Count(o => o.Reconciled),
            FellBack: outcomes.Count(o => o.FellBack));
    }

    private async Task<List<(DeliveryStatus, bool, bool, bool)>> DispatchOneAsync(OutboxMessage row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claimed = await outbox.TryClaimAsync(row, now, cancellationToken);
        if (claimed is null)
        {
            return []; // another dispatcher has it
        }

        var uncertain = row.Status == DeliveryStatus.Sending || row.Attempts > 0;
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

        await outbox.CompleteAsync(claimed, result, options.MaxAttempts, cancellationToken);
        var retrying = result.Status == DeliveryStatus.Pending && claimed.Attempts + 1 < options.MaxAttempts;
        var outcomes = new List<(DeliveryStatus, bool, bool, bool)> { (result.Status, retrying, reconciled, false) };
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
                    outcomes.AddRange(fallback.Select(f => (f.Item1, f.Item2, f.Item3, true)));
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
