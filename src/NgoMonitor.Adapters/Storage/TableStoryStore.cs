using Azure;
using Azure.Data.Tables;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Adapters.Storage;

/// <summary>
/// Story keys (<see cref="StoryKey"/>): PartitionKey the key's kind ("link" or "title"), RowKey its hash; the row
/// names the feed and item that first carried the story. Claiming is an insert, so two feeds racing for the same
/// story cannot both win (the loser gets 409 Conflict and reads the winner).
/// </summary>
public sealed class TableStoryStore(MonitorTables tables) : IStoryStore
{
    public async Task<IReadOnlyList<FeedItem>> WhereFirstTellingAsync(IReadOnlyList<FeedItem> items, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var first = new List<FeedItem>(items.Count);
        foreach (var item in items)
        {
            var retelling = false;
            foreach (var key in item.StoryKeys)
            {
                retelling |= !await ClaimAsync(key, item, seenAt, cancellationToken);
            }

            if (!retelling)
            {
                first.Add(item);
            }
        }

        return first;
    }

    /// <summary>True when the key is new or was claimed by this same feed (a re-run of the same cycle).</summary>
    private async Task<bool> ClaimAsync(string key, FeedItem item, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        var split = key.IndexOf(':', StringComparison.Ordinal);
        var entity = new TableEntity(key[..split], key[(split + 1)..]) { ["FeedId"] = item.FeedId, ["ItemId"] = item.Id, ["SeenAt"] = seenAt };
        try
        {
            await tables.Stories.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await tables.Stories.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
            return existing.Value.GetString("FeedId") == item.FeedId;
        }
    }
}
