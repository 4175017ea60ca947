using NgoMonitor.Core.Storage;

namespace NgoMonitor.Core.Alerts;

/// <summary>
/// The one producer of dispatch queue messages, and the keeper of <see cref="Delivery.QueuedAt"/>, the promise a
/// row carries that a message will bring it. Every message is preceded by that promise on each of its rows:
/// 1. rows a poll batch inserts and queues at once carry it from the insert (<see cref="Promised"/>), so queuing them
///    needs no write (<see cref="QueueInsertedAsync"/>);
/// 2. rows already stored (the timer's sweep, a pacing deferral) are marked first, If-Match on the version read, and
///    only the rows marked are queued (<see cref="QueueStoredAsync"/>): a row claimed or marked meanwhile is left to that.
/// A producer that dies between the promise and the message leaves a promise no message keeps: the sweep takes the
/// row again once it is overdue by <see cref="AlertsOptions.SweepGrace"/> (<see cref="AwaitsMessage"/>).
/// </summary>
public sealed class DispatchQueue(IOutbox outbox, IWorkQueues queues, AlertsOptions options)
{
    /// <summary>The row as it is inserted by a producer that queues it right after: a pending row promises a message
    /// visible now; a held one (for a digest) promises none.</summary>
    public static OutboxMessage Promised(OutboxMessage row, DateTimeOffset now) =>
        row.Status == DeliveryStatus.Pending ? row with { Delivery = row.Delivery.Queued(now) } : row;

    /// <summary>Queues rows inserted as <see cref="Promised"/>, <paramref name="rowsPerMessage"/> to a message, visible now.</summary>
    public Task QueueInsertedAsync(IReadOnlyList<OutboxRef> rows, int rowsPerMessage, CancellationToken cancellationToken) =>
        EnqueueAsync(rows, rowsPerMessage, TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// Marks each stored row with the message that will bring it (visible at <paramref name="now"/> + <paramref name="delay"/>),
    /// then queues the rows marked, <paramref name="rowsPerMessage"/> to a message, in the order given. A crash between the
    /// two leaves rows marked but unqueued: swept again after the grace. Returns the rows queued.
    /// </summary>
    public async Task<IReadOnlyList<OutboxRef>> QueueStoredAsync(IEnumerable<OutboxMessage> rows, DateTimeOffset now, TimeSpan delay, int rowsPerMessage, CancellationToken cancellationToken)
    {
        var list = rows.ToList();
        var marked = new bool[list.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.DispatchConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, list.Count), parallel, async (i, token) =>
            marked[i] = await outbox.TryUpdateAsync(list[i] with { Delivery = list[i].Delivery.Queued(now + delay) }, token));
        OutboxRef[] queued = [.. list.Where((_, i) => marked[i]).Select(r => new OutboxRef(r.RecipientId, r.Id))];
        await EnqueueAsync(queued, rowsPerMessage, delay, cancellationToken);
        return queued;
    }

    private async Task EnqueueAsync(IReadOnlyList<OutboxRef> rows, int rowsPerMessage, TimeSpan delay, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(rowsPerMessage))
        {
            await queues.EnqueueDispatchAsync(new DispatchBatch(chunk), delay, cancellationToken);
        }
    }

    /// <summary>
    /// True while a row's dispatch message can still bring it: one was queued (<see cref="Delivery.QueuedAt"/>,
    /// when it becomes visible), no attempt has consumed it since (a claim after it means a dispatcher took that
    /// message; if the row is still pending, that attempt failed and the row is due for retry), and it is not overdue
    /// by more than <paramref name="grace"/> (<see cref="AlertsOptions.SweepGrace"/>). A claim at the same instant as the
    /// queuing counts as consuming it (a dispatcher cannot claim a row before its message exists).
    /// </summary>
    public static bool AwaitsMessage(OutboxMessage row, DateTimeOffset now, TimeSpan grace) =>
        row.Delivery.QueuedAt is { } queued && queued > now - grace && (row.Delivery.ClaimedAt is not { } claimed || queued > claimed);
}
