using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Telemetry;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Adapters.Storage;

/// <summary>
/// Feeds, watchlists and recipients in Table Storage: PartitionKey "config", RowKey the id, and the item as JSON in
/// a "Json" property in the config-file format (<see cref="ConfigDocument"/>), so one schema serves file, table and admin API.
/// A long entry (a watchlist with polygon fences) continues in "Json2", "Json3", … (<see cref="EntryJson"/>).
/// Each row records its <see cref="EntryOrigin"/> ("Origin") and, when seeded from the file, the hash of the file's
/// version ("SeedHash"); an entry deleted through the API leaves a tombstone row in PartitionKey "deleted", so that
/// seeding (<see cref="ConfigSeeding"/>) neither undoes edits nor brings deleted entries back.
/// A stored entry that does not validate (or whose JSON does not parse) cannot be used, but is never dropped in
/// silence: each load reports it (<see cref="ProblemsAsync"/>, logged once when it appears) and the row stays as it
/// is, for an admin to fix through the API.
/// </summary>
public sealed class TableConfigStore(MonitorTables tables, ILogger<TableConfigStore>? logger = null) : IConfigStore
{
    private const string Partition = ConfigRows.Partition;

    private IReadOnlyList<string> _reported = [];

    public async Task<MonitorConfig> LoadAsync(CancellationToken cancellationToken) => (await LoadCheckedAsync(withFeeds: true, cancellationToken)).Config;

    public async Task<MonitorConfig> LoadRulesAsync(CancellationToken cancellationToken) => (await LoadCheckedAsync(withFeeds: false, cancellationToken)).Config;

    /// <summary>The stored entries that cannot be used, one sentence each naming the entry and what is wrong.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(CancellationToken cancellationToken) => (await LoadCheckedAsync(withFeeds: true, cancellationToken)).Errors;

    private async Task<ConfigLoadResult> LoadCheckedAsync(bool withFeeds, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var unreadable = new List<string>();
        var document = new ConfigDocument
        {
            Feeds = withFeeds ? await ReadAllAsync<FeedEntry>(tables.Feeds, "feeds", unreadable, cancellationToken) : [],
            Watchlists = await ReadAllAsync<WatchlistEntry>(tables.Watchlists, "watchlists", unreadable, cancellationToken),
            Recipients = await ReadAllAsync<RecipientEntry>(tables.Recipients, "recipients", unreadable, cancellationToken),
        };
        var loaded = ConfigMapper.ToConfig(document);
        var problems = loaded.Errors.Select(e => NamedById(e, document)).Concat(unreadable).ToList();
        Report(problems, withFeeds);
        return loaded with { Errors = problems };
    }

    /// <summary>
    /// A validation error as the mapper words it for a file ("watchlists[3]: rules[0]: …"), with the entry named by
    /// its id instead ("watchlists 'azaz-office': rules[0]: …"): a row's position in a table means nothing to an admin.
    /// </summary>
    private static string NamedById(string error, ConfigDocument document)
    {
        var open = error.IndexOf('[', StringComparison.Ordinal);
        var close = error.IndexOf("]:", StringComparison.Ordinal);
        if (open <= 0 || close <= open || !int.TryParse(error.AsSpan(open + 1, close - open - 1), out var index))
        {
            return error;
        }

        string? id = error[..open] switch
        {
            "feeds" => document.Feeds.ElementAtOrDefault(index)?.Id,
            "watchlists" => document.Watchlists.ElementAtOrDefault(index)?.Id,
            "recipients" => document.Recipients.ElementAtOrDefault(index)?.Id,
            _ => null,
        };
        return id is null ? error : error[..open] + " '" + id + "'" + error[(close + 1)..];
    }

    /// <summary>Logs each problem the first time it is seen (every poll batch loads the rules: one line each, not one per batch).</summary>
    private void Report(List<string> problems, bool withFeeds)
    {
        var before = Volatile.Read(ref _reported);
        foreach (var problem in problems.Except(before, StringComparer.Ordinal))
        {
            logger?.StoredConfigProblem(problem);
        }

        // A load without feeds cannot tell whether a feed problem was fixed: those stay remembered.
        var kept = withFeeds ? problems : [.. problems, .. before.Where(p => p.StartsWith("feeds", StringComparison.Ordinal))];
        Volatile.Write(ref _reported, kept.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>Point reads, one per id (a batch names about 20 of possibly 10,000 feeds).</summary>
    public async Task<IReadOnlyList<FeedSource>> LoadFeedsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var entries = await Task.WhenAll(ids.Select(async id =>
        {
            var found = await tables.Feeds.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
            return found.HasValue && found.Value is { } entity && EntryJson.Read(entity) is { } json
                ? JsonSerializer.Deserialize<FeedEntry>(json, ConfigDocument.JsonOptions)
                : null;
        }));
        return ConfigMapper.ToConfig(new ConfigDocument { Feeds = [.. entries.OfType<FeedEntry>()] }).Config.Feeds;
    }

    public async Task UpsertAsync(MonitorConfig config, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var document = ConfigMapper.ToDocument(config);
        await UpsertAllAsync(tables.Feeds, document.Feeds, f => f.Id, cancellationToken);
        await UpsertAllAsync(tables.Watchlists, document.Watchlists, w => w.Id, cancellationToken);
        await UpsertAllAsync(tables.Recipients, document.Recipients, r => r.Id, cancellationToken);
    }

    public async Task<IReadOnlyList<SeedOutcome>> SeedAsync(MonitorConfig config, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var document = ConfigMapper.ToDocument(config);
        return
        [
            .. await SeedAllAsync(tables.Feeds, "feed", document.Feeds, f => f.Id, cancellationToken),
            .. await SeedAllAsync(tables.Watchlists, "watchlist", document.Watchlists, w => w.Id, cancellationToken),
            .. await SeedAllAsync(tables.Recipients, "recipient", document.Recipients, r => r.Id, cancellationToken),
        ];
    }

    /// <summary>
    /// Reads the table's config and tombstone rows in two queries, decides per file entry, and writes the changes in
    /// entity group transactions (one partition, up to 100 rows): seeding 10,000 feeds is a few hundred requests, not
    /// 20,000. A transaction that fails because another instance or an admin wrote first is redone row by row, and
    /// the rows written by someone else are left as they are.
    /// </summary>
    private static async Task<List<SeedOutcome>> SeedAllAsync<T>(TableClient table, string kind, IEnumerable<T> values, Func<T, string> id, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var deleted = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} or PartitionKey eq {ConfigRows.DeletedPartition}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.PartitionKey == Partition)
            {
                stored[row.RowKey] = row;
            }
            else
            {
                deleted.Add(row.RowKey);
            }
        }

        var outcomes = new List<SeedOutcome>();
        // Each write, by its entity, with the index of the outcome it may have to correct.
        var writes = new Dictionary<ITableEntity, (TableTransactionAction Action, int Outcome)>(ReferenceEqualityComparer.Instance);
        foreach (var value in values.GroupBy(id).Select(g => g.Last()))
        {
            var key = id(value);
            var json = JsonSerializer.Serialize(value, ConfigDocument.JsonOptions);
            var hash = ConfigRows.Hash(json);
            var found = stored.GetValueOrDefault(key);
            var state = found is not null ? ConfigRows.SeedState<T>(found) : deleted.Contains(key) ? StoredSeedState.Tombstone : null;
            var action = ConfigSeeding.Decide(state, hash);
            TableTransactionAction? write = action switch
            {
                SeedAction.Insert => new(TableTransactionActionType.Add, ConfigRows.FromFile(key, json, hash)),
                SeedAction.Update => new(TableTransactionActionType.UpdateReplace, ConfigRows.FromFile(key, json, hash), found!.ETag),
                SeedAction.Adopt => new(TableTransactionActionType.UpdateMerge, new TableEntity(Partition, key) { [ConfigRows.Origin] = nameof(EntryOrigin.File), [ConfigRows.SeedHash] = hash }, found!.ETag),
                _ => null,
            };
            if (write is not null)
            {
                writes[write.Entity] = (write, outcomes.Count);
            }

            outcomes.Add(new SeedOutcome(kind, key, action));
        }

        foreach (var chunk in TableBatches.Chunk(writes.Keys.Cast<TableEntity>()))
        {
            var actions = chunk.Select(e => writes[e].Action).ToList();
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException)
            {
                foreach (var action in actions)
                {
                    try
                    {
                        await table.SubmitTransactionAsync([action], cancellationToken);
                    }
                    catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
                    {
                        // Another instance seeded, or an admin saved, between our read and write: theirs stands.
                        var index = writes[action.Entity].Outcome;
                        outcomes[index] = outcomes[index] with { Action = SeedAction.KeepEdited };
                    }
                }
            }
        }

        return outcomes;
    }

    /// <summary>Every entry of one table; a row whose JSON is missing or does not parse is named in <paramref name="unreadable"/>.</summary>
    private static async Task<List<T>> ReadAllAsync<T>(TableClient table, string section, List<string> unreadable, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            try
            {
                if (EntryJson.Read(entity) is { } json && JsonSerializer.Deserialize<T>(json, ConfigDocument.JsonOptions) is { } value)
                {
                    list.Add(value);
                }
                else
                {
                    unreadable.Add($"{section} '{entity.RowKey}': the stored row has no entry JSON");
                }
            }
            catch (JsonException ex)
            {
                unreadable.Add($"{section} '{entity.RowKey}': the stored JSON does not parse ({ex.Message})");
            }
        }

        return list;
    }

    private static async Task UpsertAllAsync<T>(TableClient table, IEnumerable<T> values, Func<T, string> id, CancellationToken cancellationToken)
    {
        // One partition per table, so whole transactions: seeding 10,000 feeds is 100 requests, not 10,000.
        var entities = values.GroupBy(id).Select(g => g.Last()).Select(value => ConfigRows.Edited(id(value), value));
        foreach (var chunk in TableBatches.Chunk(entities))
        {
            await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
        }
    }
}
