using Azure;
using Azure.Data.Tables;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Adapters.Storage;

/// <summary>
/// The outbox: PartitionKey the recipient id, RowKey the message id (alert id + channel, deterministic), so one row per
/// (alert, recipient, channel). Adding an existing row is ignored (409), so re-planning after a crash adds nothing.
/// A claim replaces the row with If-Match on the ETag read (optimistic concurrency): of two dispatchers, one gets 412
/// and skips it. The claim records ClaimedAt, so a row left "Sending" by a dead process is found again after the lease.
/// QueuedAt records the dispatch message last queued for a row (the timer's sweep reads it); rows written before the
/// column existed read it as null and are swept once. NextAttemptAt holds a row back after a failed attempt (the
/// back-off); rows from before that column read it as null: due now. The alert's placement is kept in the
/// <see cref="PlacementColumns"/> (null for older rows). A row is one flat entity: the message's columns, its
/// <see cref="Delivery"/> and its <see cref="AlertFollowUp"/> side by side.
/// Filters are built with <see cref="TableClient.CreateQueryFilter(FormattableString)"/>, never by interpolation.
/// </summary>
public sealed class TableOutbox(MonitorTables tables) : IOutbox
{
    /// <summary>The column of <see cref="Delivery.ProviderState"/>, named for the provider's delivery state.</summary>
    private const string ProviderStateColumn = "DeliveryState";

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

    public async Task<OutboxMessage?> GetAsync(OutboxRef row, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var found = await tables.Outbox.GetEntityIfExistsAsync<TableEntity>(row.RecipientId, row.Id, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } e ? FromEntity(e) : null;
    }

    public async Task<IReadOnlyList<OutboxMessage>> GetPendingAsync(DateTimeOffset staleClaimBefore, CancellationToken cancellationToken)
    {
        var pending = await QueryAsync(TableClient.CreateQueryFilter($"Status eq {nameof(DeliveryStatus.Pending)}"), cancellationToken);
        var stale = await QueryAsync(TableClient.CreateQueryFilter($"Status eq {nameof(DeliveryStatus.Sending)} and ClaimedAt le {staleClaimBefore}"), cancellationToken);
        return [.. pending.Concat(stale).OrderBy(m => m.CreatedAt)];
    }

    public async Task<OutboxMessage?> TryClaimAsync(OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claimed = message with { Delivery = message.Delivery.Claim(now) };
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

    public async Task CompleteAsync(OutboxMessage claimed, DeliveryResult result, int maxAttempts, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        var done = claimed with { Delivery = claimed.Delivery.Complete(result, maxAttempts, retryAt) };
        await tables.Outbox.UpdateEntityAsync(ToEntity(done), new ETag(claimed.Version!), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<int> CountSentSinceAsync(string recipientId, Channel channel, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {recipientId} and Channel eq {channel.ToString()} and CreatedAt ge {since}"), cancellationToken);
        return rows.Count(r => r.Status is not (DeliveryStatus.Held or DeliveryStatus.Digested or DeliveryStatus.Failed));
    }

    public Task<IReadOnlyList<OutboxMessage>> GetHeldAsync(CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"Status eq {nameof(DeliveryStatus.Held)}"), cancellationToken);

    public async Task<bool> TryUpdateAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Outbox.UpdateEntityAsync(ToEntity(message), new ETag(message.Version!), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    public async Task<OutboxMessage?> FindByProviderIdAsync(string providerMessageId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(TableClient.CreateQueryFilter($"ProviderMessageId eq {providerMessageId}"), cancellationToken);
        return rows.Count > 0 ? rows[0] : null;
    }

    public Task<IReadOnlyList<OutboxMessage>> GetAlertAsync(string alertId, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"AlertId eq {alertId}"), cancellationToken);

    public async Task<IReadOnlyList<OutboxMessage>> FindByAckCodeAsync(string recipientId, string ackCode, CancellationToken cancellationToken) =>
        [.. (await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {recipientId} and AckCode eq {ackCode}"), cancellationToken)).OrderByDescending(r => r.CreatedAt)];

    public async Task<IReadOnlyList<OutboxMessage>> GetUnacknowledgedAsync(Severity atOrAbove, DateTimeOffset createdBefore, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(TableClient.CreateQueryFilter($"CreatedAt le {createdBefore} and Escalated eq {false}"), cancellationToken);
        return [.. rows.Where(r => r.FollowUp.AckedAt is null && r.Severity >= atOrAbove && r.Status is DeliveryStatus.Sent or DeliveryStatus.Printed)];
    }

    private async Task<IReadOnlyList<OutboxMessage>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var rows = new List<OutboxMessage>();
        await foreach (var entity in tables.Outbox.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(FromEntity(entity));
        }

        return rows;
    }

    private static TableEntity ToEntity(OutboxMessage m)
    {
        var d = m.Delivery;
        var entity = new TableEntity(m.RecipientId, m.Id)
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
            [nameof(m.FallbackEmail)] = m.FallbackEmail,
            [nameof(m.IncidentId)] = m.IncidentId,
            [nameof(m.AckCode)] = m.AckCode,
            [nameof(d.Status)] = d.Status.ToString(),
            [nameof(d.Attempts)] = d.Attempts,
            [nameof(d.ProviderMessageId)] = d.ProviderMessageId,
            [nameof(d.Error)] = d.Error,
            [nameof(d.ClaimedAt)] = d.ClaimedAt,
            [nameof(d.DigestPeriod)] = d.DigestPeriod,
            [ProviderStateColumn] = d.ProviderState,
            [nameof(d.QueuedAt)] = d.QueuedAt,
            [nameof(d.NextAttemptAt)] = d.NextAttemptAt,
            [nameof(AlertFollowUp.AckedAt)] = m.FollowUp.AckedAt,
            [nameof(AlertFollowUp.Escalated)] = m.FollowUp.Escalated,
            [nameof(AlertFollowUp.AckedBy)] = m.FollowUp.AckedBy,
            [nameof(AlertFollowUp.AckedVia)] = m.FollowUp.AckedVia,
        };
        PlacementColumns.Write(entity, m.Placement);
        return entity;
    }

    /// <summary>An outbox row as the message it stores; the admin queries read rows through this too.</summary>
    public static OutboxMessage FromEntity(TableEntity e) => new(
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
        FallbackEmail: e.GetString(nameof(OutboxMessage.FallbackEmail)),
        IncidentId: e.GetString(nameof(OutboxMessage.IncidentId)),
        AckCode: e.GetString(nameof(OutboxMessage.AckCode)))
    {
        Placement = PlacementColumns.Read(e),
        Delivery = Delivery.Restore(
            status: Enum.Parse<DeliveryStatus>(e.GetString(nameof(Delivery.Status))),
            attempts: e.GetInt32(nameof(Delivery.Attempts)) ?? 0,
            providerMessageId: e.GetString(nameof(Delivery.ProviderMessageId)),
            error: e.GetString(nameof(Delivery.Error)),
            claimedAt: e.GetDateTimeOffset(nameof(Delivery.ClaimedAt)),
            queuedAt: e.GetDateTimeOffset(nameof(Delivery.QueuedAt)),
            nextAttemptAt: e.GetDateTimeOffset(nameof(Delivery.NextAttemptAt)),
            providerState: e.GetString(ProviderStateColumn),
            digestPeriod: e.GetString(nameof(Delivery.DigestPeriod))),
        FollowUp = new AlertFollowUp(
            AckedAt: e.GetDateTimeOffset(nameof(AlertFollowUp.AckedAt)),
            AckedBy: e.GetString(nameof(AlertFollowUp.AckedBy)),
            AckedVia: e.GetString(nameof(AlertFollowUp.AckedVia)),
            Escalated: e.GetBoolean(nameof(AlertFollowUp.Escalated)) ?? false),
        Version = e.ETag.ToString(),
    };
}
