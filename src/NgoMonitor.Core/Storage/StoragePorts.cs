using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Matching;

namespace NgoMonitor.Core.Storage;

/// <summary>Everything admins configure: feeds, watchlists and recipients.</summary>
public sealed record MonitorConfig(IReadOnlyList<FeedSource> Feeds, IReadOnlyList<Watchlist> Watchlists, IReadOnlyList<Recipient> Recipients)
{
    public static MonitorConfig Empty { get; } = new([], [], []);
}

/// <summary>Port: the configuration as stored (Table Storage in production), edited by the admin API.</summary>
public interface IConfigStore
{
    Task<MonitorConfig> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or replaces each feed, watchlist and recipient of <paramref name="config"/> by id.</summary>
    Task UpsertAsync(MonitorConfig config, CancellationToken cancellationToken);
}

/// <summary>Port: per-feed polling state (validators, schedule, health).</summary>
public interface IFeedStateStore
{
    Task<FeedState> GetAsync(string feedId, CancellationToken cancellationToken);

    Task SaveAsync(FeedState state, CancellationToken cancellationToken);
}

/// <summary>Port: items seen so far. An item stored once is never matched or alerted again.</summary>
public interface IItemStore
{
    /// <summary>The items of <paramref name="items"/> that are not stored yet.</summary>
    Task<IReadOnlyList<FeedItem>> WhereNewAsync(IReadOnlyList<FeedItem> items, CancellationToken cancellationToken);

    /// <summary>Stores items; storing one that is already there is not an error.</summary>
    Task AddAsync(IReadOnlyList<FeedItem> items, DateTimeOffset seenAt, CancellationToken cancellationToken);
}

/// <summary>
/// Port: stories seen across feeds, by <see cref="FeedItem.StoryKeys"/>. The first feed to carry a story claims its
/// keys; a later item from another feed sharing any claimed key is a retelling: stored, but not matched or alerted
/// again. (The alerting side can later list the retellings as extra sources of one incident.)
/// </summary>
public interface IStoryStore
{
    /// <summary>Claims the keys of <paramref name="items"/> and returns the items that are not retellings.</summary>
    Task<IReadOnlyList<FeedItem>> WhereFirstTellingAsync(IReadOnlyList<FeedItem> items, DateTimeOffset seenAt, CancellationToken cancellationToken);
}

/// <summary>Port: the record of which item matched which watchlist, and why.</summary>
public interface IMatchStore
{
    Task AddAsync(IReadOnlyList<WatchlistMatch> matches, DateTimeOffset matchedAt, CancellationToken cancellationToken);
}

/// <summary>
/// Port: the outbox. Adding is idempotent by message id; a dispatcher claims a pending message before sending
/// (optimistic concurrency), so two dispatchers never both send it.
/// </summary>
public interface IOutbox
{
    Task AddAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutboxMessage>> GetPendingAsync(CancellationToken cancellationToken);

    /// <summary>Marks the message Sending if nobody changed it since it was read; returns the claimed message or null.</summary>
    Task<OutboxMessage?> TryClaimAsync(OutboxMessage message, CancellationToken cancellationToken);

    Task CompleteAsync(OutboxMessage claimed, DeliveryResult result, int maxAttempts, CancellationToken cancellationToken);
}
