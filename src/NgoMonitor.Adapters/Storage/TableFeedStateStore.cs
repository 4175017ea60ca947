using Azure.Data.Tables;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Hashing;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Adapters.Storage;

/// <summary>
/// Per-feed polling state: PartitionKey "state-0" … "state-f" (16 buckets by a stable hash of the feed id), RowKey
/// the feed id. The PollFeeds timer reads every state each tick in one range query; in one partition, 10,000 feeds
/// would be 10,000 entities read within a second or two, above a partition's target of about 2,000 entities/s
/// (learn.microsoft.com azure/storage/tables/scalability-targets). Sixteen buckets keep each at ~625 entities a tick
/// and ~2 writes/s (docs/scale-out.md, "Partition keys").
/// </summary>
public sealed class TableFeedStateStore(MonitorTables tables) : IFeedStateStore
{
    private const string Prefix = "state";
    private const int Buckets = 16;

    /// <summary>The bucket of a feed: FNV-1a of its id's UTF-16 code units (stable across processes, unlike string.GetHashCode).</summary>
    public static string PartitionOf(string feedId)
    {
        return Prefix + "-" + (Fnv1a.Hash32(feedId) % Buckets).ToString("x1", System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<FeedState> GetAsync(string feedId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var found = await tables.FeedStates.GetEntityIfExistsAsync<TableEntity>(PartitionOf(feedId), feedId, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } e ? FromEntity(e) : new FeedState(feedId);
    }

    public async Task<IReadOnlyDictionary<string, FeedState>> GetAllAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var states = new Dictionary<string, FeedState>(StringComparer.Ordinal);
        // The sixteen buckets "state-0" … "state-f" in one range query.
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {Prefix + "-"} and PartitionKey le {Prefix + "-~"}");
        await foreach (var e in tables.FeedStates.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            states[e.RowKey] = FromEntity(e);
        }

        return states;
    }

    private static FeedState FromEntity(TableEntity e)
    {
        var state = new FeedState(
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
        return state with
        {
            RecentPlaces = RecentPlacesText.Read(e.GetString(nameof(FeedState.RecentPlaces))) ?? [],
            RecentNamesakes = RecentPlacesText.Read(e.GetString(nameof(FeedState.RecentNamesakes))) ?? [],
        };
    }

    public async Task SaveAsync(FeedState state, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var entity = new TableEntity(PartitionOf(state.FeedId), state.FeedId)
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
            [nameof(FeedState.RecentPlaces)] = RecentPlacesText.Write(state.RecentPlaces),
            [nameof(FeedState.RecentNamesakes)] = RecentPlacesText.Write(state.RecentNamesakes),
        };
        await tables.FeedStates.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private static string? Truncate(string? text) => text is { Length: > 2000 } ? text[..2000] : text;
}
