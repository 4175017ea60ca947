using Azure;
using Azure.Data.Tables;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Adapters.Storage;

/// <summary>
/// Items: PartitionKey the feed id, RowKey the item id (<see cref="ItemIdentity"/>). One partition per feed keeps
/// a feed's items together, spreads feeds over partitions (a feed is polled at most once a minute, so no partition
/// comes near its 2,000 entities/s), and lets a feed's new items be stored in one entity group transaction.
/// </summary>
public sealed class TableItemStore(MonitorTables tables) : IItemStore
{
    /// <summary>Table Storage caps a string property at 64 KiB (32K UTF-16 characters); summaries are cut well below.</summary>
    private const int MaxSummaryChars = 16_000;

    public async Task<IReadOnlyList<FeedItem>> WhereNewAsync(IReadOnlyList<FeedItem> items, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        // Point reads (the cheapest Table operation, O(1) whatever the partition holds), several at a time: a feed's
        // 20 items cost one round trip of latency instead of 20.
        var distinct = items.DistinctBy(i => i.Id).ToList();
        var stored = new bool[distinct.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, distinct.Count), parallel, async (i, token) =>
        {
            var found = await tables.Items.GetEntityIfExistsAsync<TableEntity>(distinct[i].FeedId, distinct[i].Id, ["PartitionKey"], token);
            stored[i] = found.HasValue;
        });

        return [.. distinct.Where((_, i) => !stored[i])];
    }

    public async Task AddAsync(IReadOnlyList<FeedItem> items, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        foreach (var partition in items.DistinctBy(i => (i.FeedId, i.Id)).GroupBy(i => i.FeedId))
        {
            foreach (var chunk in TableBatches.Chunk(partition.Select(i => ToEntity(i, seenAt))))
            {
                await AddChunkAsync(chunk, cancellationToken);
            }
        }
    }

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
