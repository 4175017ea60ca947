using Azure;
using Azure.Data.Tables;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Adapters.Storage;

/// <summary>
/// Items: PartitionKey the feed id, RowKey the item id (<see cref="ItemIdentity"/>). One partition per feed keeps
/// a feed's items together and spreads feeds over partitions.
/// </summary>
public sealed class TableItemStore(MonitorTables tables) : IItemStore
{
    /// <summary>Table Storage caps a string property at 64 KiB (32K UTF-16 characters); summaries are cut well below.</summary>
    private const int MaxSummaryChars = 16_000;

    public async Task<IReadOnlyList<FeedItem>> WhereNewAsync(IReadOnlyList<FeedItem> items, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var fresh = new List<FeedItem>();
        foreach (var item in items.DistinctBy(i => i.Id))
        {
            var found = await tables.Items.GetEntityIfExistsAsync<TableEntity>(item.FeedId, item.Id, ["PartitionKey"], cancellationToken);
            if (!found.HasValue)
            {
                fresh.Add(item);
            }
        }

        return fresh;
    }

    public async Task AddAsync(IReadOnlyList<FeedItem> items, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        foreach (var partition in items.DistinctBy(i => (i.FeedId, i.Id)).GroupBy(i => i.FeedId))
        {
            foreach (var chunk in Transactions([.. partition.Select(i => ToEntity(i, seenAt))]))
            {
                await AddChunkAsync(chunk, cancellationToken);
            }
        }
    }

    /// <summary>
    /// An entity group transaction: up to 100 entities of one partition, at most 4 MiB of payload (learn.microsoft.com
    /// rest/api/storageservices/performing-entity-group-transactions). One round trip instead of one per item, and one
    /// transaction against the partition's scalability target instead of many.
    /// </summary>
    private static IEnumerable<List<TableEntity>> Transactions(List<TableEntity> entities)
    {
        const int MaxEntities = 100;
        const int MaxChars = 1_000_000; // estimated UTF-16 characters: under 4 MiB even when every one takes 3 bytes in UTF-8 JSON
        var chunk = new List<TableEntity>();
        var chars = 0;
        foreach (var entity in entities)
        {
            var size = Size(entity);
            if (chunk.Count == MaxEntities || chunk.Count > 0 && chars + size > MaxChars)
            {
                yield return chunk;
                (chunk, chars) = ([], 0);
            }

            chunk.Add(entity);
            chars += size;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private static int Size(TableEntity entity) => 200 + entity.Sum(p => p.Value is string s ? s.Length : 16) + entity.RowKey.Length;

    private async Task AddChunkAsync(List<TableEntity> chunk, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Items.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // One of them was stored by an earlier (crashed or parallel) run: the transaction is all or nothing, so
            // add one by one and skip those already there. Storing is idempotent.
            foreach (var entity in chunk)
            {
                try
                {
                    await tables.Items.AddEntityAsync(entity, cancellationToken);
                }
                catch (RequestFailedException single) when (single.Status == 409)
                {
                    // Already stored.
                }
            }
        }
    }

    private static TableEntity ToEntity(FeedItem item, DateTimeOffset seenAt) => new(item.FeedId, item.Id)
    {
        ["Title"] = item.Title,
        ["Summary"] = item.Summary.Length > MaxSummaryChars ? item.Summary[..MaxSummaryChars] : item.Summary,
        ["Link"] = item.Link,
        ["Published"] = item.Published,
        ["Lat"] = item.Point?.Lat,
        ["Lon"] = item.Point?.Lon,
        ["SeenAt"] = seenAt,
    };
}
