using Azure;
using Azure.Data.Tables;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Adapters.Storage;

/// <summary>
/// The outbox: PartitionKey the recipient id, RowKey the message id (alert id + channel, deterministic).
/// Adding an existing row is ignored (409), so re-planning after a crash adds nothing. A claim replaces the row
/// with If-Match on the ETag read (optimistic concurrency): of two dispatchers, one gets 412 and skips it.
/// </summary>
public sealed class TableOutbox(MonitorTables tables) : IOutbox
{
    public async Task AddAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        foreach (var message in messages)
        {
            try
            {
                await tables.Outbox.AddEntityAsync(ToEntity(message), cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Planned before: the outbox is idempotent by message id.
            }
        }
    }

    public async Task<IReadOnlyList<OutboxMessage>> GetPendingAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var pending = new List<OutboxMessage>();
        var filter = TableClient.CreateQueryFilter($"Status eq {nameof(DeliveryStatus.Pending)}");
        await foreach (var entity in tables.Outbox.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            pending.Add(FromEntity(entity));
        }

        return [.. pending.OrderBy(m => m.CreatedAt)];
    }

    public async Task<OutboxMessage?> TryClaimAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var claimed = message with { Status = DeliveryStatus.Sending };
        try
        {
            var response = await tables.Outbox.UpdateEntityAsync(ToEntity(claimed), new ETag(message.Version!), TableUpdateMode.Replace, cancellationToken);
            return claimed with { Version = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    public async Task CompleteAsync(OutboxMessage claimed, DeliveryResult result, int maxAttempts, CancellationToken cancellationToken)
    {
        var attempts = claimed.Attempts + 1;
        var status = result.Status == DeliveryStatus.Pending && attempts >= maxAttempts ? DeliveryStatus.Failed : result.Status;
        var done = claimed with { Status = status, Attempts = attempts, ProviderMessageId = result.ProviderMessageId ?? claimed.ProviderMessageId, Error = result.Error };
        await tables.Outbox.UpdateEntityAsync(ToEntity(done), new ETag(claimed.Version!), TableUpdateMode.Replace, cancellationToken);
    }

    private static TableEntity ToEntity(OutboxMessage m) => new(m.RecipientId, m.Id)
    {
        [nameof(m.AlertId)] = m.AlertId,
        [nameof(m.Channel)] = m.Channel.ToString(),
        [nameof(m.Address)] = m.Address,
        [nameof(m.Subject)] = m.Subject,
        [nameof(m.Text)] = m.Text,
        [nameof(m.Html)] = m.Html,
        [nameof(m.Severity)] = m.Severity.ToString(),
        [nameof(m.ItemId)] = m.ItemId,
        [nameof(m.CreatedAt)] = m.CreatedAt,
        [nameof(m.Status)] = m.Status.ToString(),
        [nameof(m.Attempts)] = m.Attempts,
        [nameof(m.ProviderMessageId)] = m.ProviderMessageId,
        [nameof(m.Error)] = m.Error,
    };

    private static OutboxMessage FromEntity(TableEntity e) => new(
        Id: e.RowKey,
        AlertId: e.GetString(nameof(OutboxMessage.AlertId)),
        RecipientId: e.PartitionKey,
        Channel: Enum.Parse<Channel>(e.GetString(nameof(OutboxMessage.Channel))),
        Address: e.GetString(nameof(OutboxMessage.Address)),
        Subject: e.GetString(nameof(OutboxMessage.Subject)),
        Text: e.GetString(nameof(OutboxMessage.Text)),
        Html: e.GetString(nameof(OutboxMessage.Html)),
        Severity: Enum.Parse<Severity>(e.GetString(nameof(OutboxMessage.Severity))),
        ItemId: e.GetString(nameof(OutboxMessage.ItemId)),
        CreatedAt: e.GetDateTimeOffset(nameof(OutboxMessage.CreatedAt)) ?? default,
        Status: Enum.Parse<DeliveryStatus>(e.GetString(nameof(OutboxMessage.Status))),
        Attempts: e.GetInt32(nameof(OutboxMessage.Attempts)) ?? 0,
        ProviderMessageId: e.GetString(nameof(OutboxMessage.ProviderMessageId)),
        Error: e.GetString(nameof(OutboxMessage.Error)),
        Version: e.ETag.ToString());
}
