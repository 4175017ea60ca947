using Azure.Data.Tables;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Adapters.Storage;

/// <summary>
/// Per-feed polling state: PartitionKey "state", RowKey the feed id. One partition on purpose: the PollFeeds timer
/// reads every state in one query (1,000 entities a page), and the load stays far below a partition's limit of about
/// 2,000 entities/s: 10,000 feeds every 5 minutes are 33 writes/s (docs/scale-out.md, "Partition keys").
/// </summary>
public sealed class TableFeedStateStore(MonitorTables tables) : IFeedStateStore
{
    private const string Partition = "state";

    public async Task<FeedState> GetAsync(string feedId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var found = await tables.FeedStates.GetEntityIfExistsAsync<TableEntity>(Partition, feedId, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } e ? FromEntity(e) : new FeedState(feedId);
    }

    public async Task<IReadOnlyDictionary<string, FeedState>> GetAllAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var states = new Dictionary<string, FeedState>(StringComparer.Ordinal);
        await foreach (var e in tables.FeedStates.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            states[e.RowKey] = FromEntity(e);
        }

        return states;
    }

    private static FeedState FromEntity(TableEntity e)
    {
        return new FeedState(
            e.RowKey,
            e.GetString(nameof(FeedState.ETag)),
            e.GetString(nameof(FeedState.LastModified)),
            e.GetDateTimeOffset(nameof(FeedState.NextCheck)),
            e.GetDateTimeOffset(nameof(FeedState.LastSuccess)),
            e.GetDateTimeOffset(nameof(FeedState.LastAttempt)),
            e.GetString(nameof(FeedState.LastError)),
            e.GetInt32(nameof(FeedState.ConsecutiveFailures)) ?? 0,
            e.GetDateTimeOffset(nameof(FeedState.FailingSince)),
            e.GetDateTimeOffset(nameof(FeedState.LastNewItem)),
            e.GetInt32(nameof(FeedState.ItemsCounted)) ?? 0,
            e.GetDateTimeOffset(nameof(FeedState.CountingSince)),
            e.GetString(nameof(FeedState.HealthIncident)));
    }

    public async Task SaveAsync(FeedState state, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var entity = new TableEntity(Partition, state.FeedId)
        {
            [nameof(FeedState.ETag)] = state.ETag,
            [nameof(FeedState.LastModified)] = state.LastModified,
            [nameof(FeedState.NextCheck)] = state.NextCheck,
            [nameof(FeedState.LastSuccess)] = state.LastSuccess,
            [nameof(FeedState.LastAttempt)] = state.LastAttempt,
            [nameof(FeedState.LastError)] = Truncate(state.LastError),
            [nameof(FeedState.ConsecutiveFailures)] = state.ConsecutiveFailures,
            [nameof(FeedState.FailingSince)] = state.FailingSince,
            [nameof(FeedState.LastNewItem)] = state.LastNewItem,
            [nameof(FeedState.ItemsCounted)] = state.ItemsCounted,
            [nameof(FeedState.CountingSince)] = state.CountingSince,
            [nameof(FeedState.HealthIncident)] = state.HealthIncident,
        };
        await tables.FeedStates.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private static string? Truncate(string? text) => text is { Length: > 2000 } ? text[..2000] : text;
}
