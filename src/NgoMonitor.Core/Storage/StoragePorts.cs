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

    /// <summary>Watchlists and recipients without the feeds (there may be 10,000; a poll batch reads its own by id).</summary>
    Task<MonitorConfig> LoadRulesAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    /// <summary>The stored feeds with these ids (an id not stored is left out), read by a poll batch: a queue message
    /// names feeds, and the definition polled (URL, private-network permission) is always the stored one.</summary>
    async Task<IReadOnlyList<FeedSource>> LoadFeedsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        return [.. (await LoadAsync(cancellationToken)).Feeds.Where(f => wanted.Contains(f.Id))];
    }

    /// <summary>Inserts or replaces each feed, watchlist and recipient of <paramref name="config"/> by id, as an edit
    /// (seeding from the configuration file will not undo it).</summary>
    Task UpsertAsync(MonitorConfig config, CancellationToken cancellationToken);

    /// <summary>Seeds the store from the configuration file by the rule of <see cref="ConfigSeeding"/>: entries edited
    /// or deleted since (admin API, imports) are kept as they are.</summary>
    Task<IReadOnlyList<SeedOutcome>> SeedAsync(MonitorConfig config, CancellationToken cancellationToken);
}

/// <summary>Port: per-feed polling state (validators, schedule, health).</summary>
public interface IFeedStateStore
{
    Task<FeedState> GetAsync(string feedId, CancellationToken cancellationToken);

    /// <summary>Every stored state, by feed id (one query: the PollFeeds timer picks the due feeds from it).</summary>
    Task<IReadOnlyDictionary<string, FeedState>> GetAllAsync(CancellationToken cancellationToken);

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

/// <summary>Port: the record of which item matched which watchlist, and why.</summary>
public interface IMatchStore
{
    /// <summary>Records the matches; <paramref name="watchlists"/> (by id) gives each the watchlist's name, category and
    /// severity as they were when it matched.</summary>
    Task AddAsync(IReadOnlyList<WatchlistMatch> matches, IReadOnlyDictionary<string, Watchlist> watchlists, DateTimeOffset matchedAt, CancellationToken cancellationToken);
}

/// <summary>
/// Port: the outbox. Adding is idempotent by message id; a dispatcher claims a pending message before sending
/// (optimistic concurrency), so two dispatchers never both send it.
/// </summary>
public interface IOutbox
{
    Task AddAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken);

    /// <summary>One row as stored (with its version), or null.</summary>
    Task<OutboxMessage?> GetAsync(OutboxRef row, CancellationToken cancellationToken);

    /// <summary>Pending rows, and rows left Sending with a claim older than <paramref name="staleClaimBefore"/> (their dispatcher died).</summary>
    Task<IReadOnlyList<OutboxMessage>> GetPendingAsync(DateTimeOffset staleClaimBefore, CancellationToken cancellationToken);

    /// <summary>Marks the message Sending (at <paramref name="now"/>) if nobody changed it since it was read; returns the claimed message or null.</summary>
    Task<OutboxMessage?> TryClaimAsync(OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcome of one attempt on a claimed row: one more attempt; a transient failure (Pending) becomes
    /// Failed at <paramref name="maxAttempts"/>, else stays Pending with <see cref="Delivery.NextAttemptAt"/> =
    /// <paramref name="retryAt"/> (cleared on any other outcome).
    /// </summary>
    Task CompleteAsync(OutboxMessage claimed, DeliveryResult result, int maxAttempts, DateTimeOffset retryAt, CancellationToken cancellationToken);

    /// <summary>Rows of one recipient on one channel created at or after <paramref name="since"/> that went or go out now (not held, not failed).</summary>
    Task<int> CountSentSinceAsync(string recipientId, Channel channel, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Rows held for a digest.</summary>
    Task<IReadOnlyList<OutboxMessage>> GetHeldAsync(CancellationToken cancellationToken);

    /// <summary>Replaces a row as read (If-Match on its version); false when it changed meanwhile.</summary>
    Task<bool> TryUpdateAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>The row the provider knows by this id (status callbacks).</summary>
    Task<OutboxMessage?> FindByProviderIdAsync(string providerMessageId, CancellationToken cancellationToken);

    /// <summary>Every row of one alert: all channels, and the copies escalated to a backup.</summary>
    Task<IReadOnlyList<OutboxMessage>> GetAlertAsync(string alertId, CancellationToken cancellationToken);

    /// <summary>Rows of one recipient carrying this acknowledgement code, newest first.</summary>
    Task<IReadOnlyList<OutboxMessage>> FindByAckCodeAsync(string recipientId, string ackCode, CancellationToken cancellationToken);

    /// <summary>Sent or printed, unacknowledged, not escalated rows at or above a severity created before a time.</summary>
    Task<IReadOnlyList<OutboxMessage>> GetUnacknowledgedAsync(Severity atOrAbove, DateTimeOffset createdBefore, CancellationToken cancellationToken);
}

/// <summary>Port: what providers taught us about recipients' addresses (an SMS number that opted out or is invalid).</summary>
public interface IRecipientStateStore
{
    /// <summary>Recipient id → why SMS cannot reach them.</summary>
    Task<IReadOnlyDictionary<string, string>> GetSmsBlockedAsync(CancellationToken cancellationToken);

    Task BlockSmsAsync(string recipientId, string reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Every block with when it began and whether admins were told (the API and the timer's report read it).</summary>
    async Task<IReadOnlyList<SmsBlock>> ListSmsBlocksAsync(CancellationToken cancellationToken) =>
        [.. (await GetSmsBlockedAsync(cancellationToken)).Select(b => new SmsBlock(b.Key, b.Value, null, AdminsTold: true))];

    /// <summary>Records that admins were alerted about this block (once per block).</summary>
    Task MarkAdminsToldAsync(string recipientId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Lifts a block (an admin fixed the number, or the officer replied START); false when there was none.</summary>
    Task<bool> ClearSmsBlockAsync(string recipientId, CancellationToken cancellationToken) => Task.FromResult(false);
}

/// <summary>A recipient's SMS number that cannot be used: why (masked provider text), since when, and whether admins know.</summary>
public sealed record SmsBlock(string RecipientId, string Reason, DateTimeOffset? Since, bool AdminsTold);

/// <summary>A row of the outbox by its keys: what a dispatch queue message carries.</summary>
public sealed record OutboxRef(string RecipientId, string Id);

/// <summary>One poll queue message: the feeds one consumer fetches, parses and matches together.</summary>
/// <param name="Cycle">The PollFeeds tick that enqueued it (its time, ISO 8601), for logs and reports.</param>
/// <param name="FeedIds">The ids of the due feeds. Never their definitions: whoever can write to the queue must not
/// choose what Monitor fetches, so the consumer reads each definition from the configuration store.</param>
public sealed record PollBatch(string Cycle, IReadOnlyList<string> FeedIds);

/// <summary>One dispatch queue message: outbox rows to send. A row already sent (a redelivery) is skipped.</summary>
public sealed record DispatchBatch(IReadOnlyList<OutboxRef> Rows);

/// <summary>
/// Port: the work queues (Azure Storage queues in production and standalone). Polling fans out through the poll
/// queue, sending through the dispatch queue; a consumer on any instance takes a message, and a message whose
/// consumer died reappears after the visibility timeout (at-least-once: every handler is idempotent).
/// </summary>
public interface IWorkQueues
{
    Task EnqueuePollAsync(IReadOnlyList<PollBatch> batches, CancellationToken cancellationToken);

    /// <summary>Enqueues a dispatch message, invisible for <paramref name="delay"/> (pacing a sender).</summary>
    Task EnqueueDispatchAsync(DispatchBatch batch, TimeSpan delay, CancellationToken cancellationToken);
}
