using System.Collections.Concurrent;
using System.Globalization;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.TestKit;

/// <summary>
/// The outbox in memory, with the Table outbox's rules: adding is idempotent by (recipient, id); every write gives
/// the row a new version, and claims and updates succeed only on the version they read; a transient failure becomes
/// Failed at the attempt limit; stale Sending claims come back with the pending rows.
/// </summary>
public sealed class InMemoryOutbox : IOutbox
{
    private readonly ConcurrentDictionary<(string RecipientId, string Id), OutboxMessage> _rows = new();
    private int _version;

    /// <summary>Every row as stored, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> Rows => [.. _rows.Values.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)];

    public Task AddAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            _rows.TryAdd((message.RecipientId, message.Id), message with { Version = NextVersion() });
        }

        return Task.CompletedTask;
    }

    public Task<OutboxMessage?> GetAsync(OutboxRef row, CancellationToken cancellationToken) => Task.FromResult(_rows.GetValueOrDefault((row.RecipientId, row.Id)));

    public Task<IReadOnlyList<OutboxMessage>> GetPendingAsync(DateTimeOffset staleClaimBefore, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutboxMessage>>([.. Rows.Where(r => r.Status == DeliveryStatus.Pending || (r.Status == DeliveryStatus.Sending && r.Delivery.ClaimedAt <= staleClaimBefore))]);

    public Task<OutboxMessage?> TryClaimAsync(OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(Replace(message, message with { Delivery = message.Delivery.Claim(now) }));

    public Task CompleteAsync(OutboxMessage claimed, DeliveryResult result, int maxAttempts, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        _rows[(claimed.RecipientId, claimed.Id)] = claimed with { Delivery = claimed.Delivery.Complete(result, maxAttempts, retryAt), Version = NextVersion() };
        return Task.CompletedTask;
    }

    public Task<int> CountSentSinceAsync(string recipientId, Channel channel, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.Values.Count(r => r.RecipientId == recipientId && r.Channel == channel && r.CreatedAt >= since
            && r.Status is not (DeliveryStatus.Held or DeliveryStatus.Digested or DeliveryStatus.Failed)));

    public Task<IReadOnlyList<OutboxMessage>> GetHeldAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutboxMessage>>([.. Rows.Where(r => r.Status == DeliveryStatus.Held)]);

    public Task<bool> TryUpdateAsync(OutboxMessage message, CancellationToken cancellationToken) => Task.FromResult(Replace(message, message) is not null);

    public Task<OutboxMessage?> FindByProviderIdAsync(string providerMessageId, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.Values.FirstOrDefault(r => r.Delivery.ProviderMessageId == providerMessageId));

    public Task<IReadOnlyList<OutboxMessage>> GetAlertAsync(string alertId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutboxMessage>>([.. Rows.Where(r => r.AlertId == alertId)]);

    public Task<IReadOnlyList<OutboxMessage>> FindByAckCodeAsync(string recipientId, string ackCode, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutboxMessage>>([.. Rows.Where(r => r.RecipientId == recipientId && r.AckCode == ackCode).OrderByDescending(r => r.CreatedAt)]);

    public Task<IReadOnlyList<OutboxMessage>> GetUnacknowledgedAsync(Severity atOrAbove, DateTimeOffset createdBefore, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutboxMessage>>([.. Rows.Where(r => r.CreatedAt <= createdBefore && !r.FollowUp.Escalated && r.FollowUp.AckedAt is null && r.Severity >= atOrAbove
            && r.Status is DeliveryStatus.Sent or DeliveryStatus.Printed)]);

    /// <summary>Writes <paramref name="next"/> over the row if it still has <paramref name="read"/>'s version; the stored row, or null.</summary>
    private OutboxMessage? Replace(OutboxMessage read, OutboxMessage next)
    {
        var key = (read.RecipientId, read.Id);
        if (!_rows.TryGetValue(key, out var current) || current.Version != read.Version)
        {
            return null;
        }

        var stored = next with { Version = NextVersion() };
        return _rows.TryUpdate(key, stored, current) ? stored : null;
    }

    private string NextVersion() => Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);
}
