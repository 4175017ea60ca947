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
        foreach (var item in items)
        {
            var entity = new TableEntity(item.FeedId, item.Id)
            {
                ["Title"] = item.Title,
                ["Summary"] = item.Summary.Length > MaxSummaryChars ? item.Summary[..MaxSummaryChars] : item.Summary,
                ["Link"] = item.Link,
                ["Published"] = item.Published,
                ["Lat"] = item.Point?.Lat,
                ["Lon"] = item.Point?.Lon,
                ["SeenAt"] = seenAt,
            };
            try
            {
                await tables.Items.AddEntityAsync(entity, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Already stored by an earlier (crashed or parallel) run: storing is idempotent.
            }
        }
    }
}
