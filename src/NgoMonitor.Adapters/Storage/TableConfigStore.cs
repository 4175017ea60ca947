using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using NgoMonitor.Adapters.Admin;
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
/// </summary>
public sealed class TableConfigStore(MonitorTables tables) : IConfigStore
{
    private const string Partition = ConfigRows.Partition;

    public async Task<MonitorConfig> LoadAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var document = new ConfigDocument
        {
            Feeds = await ReadAllAsync<FeedEntry>(tables.Feeds, cancellationToken),
            Watchlists = await ReadAllAsync<WatchlistEntry>(tables.Watchlists, cancellationToken),
            Recipients = await ReadAllAsync<RecipientEntry>(tables.Recipients, cancellationToken),
        };
        return ConfigMapper.ToConfig(document).Config;
    }

    public async Task<MonitorConfig> LoadRulesAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var document = new ConfigDocument
        {
            Watchlists = await ReadAllAsync<WatchlistEntry>(tables.Watchlists, cancellationToken),
            Recipients = await ReadAllAsync<RecipientEntry>(tables.Recipients, cancellationToken),
        };
        return ConfigMapper.ToConfig(document).Config;
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

    private static async Task<List<T>> ReadAllAsync<T>(TableClient table, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            if (EntryJson.Read(entity) is { } json && JsonSerializer.Deserialize<T>(json, ConfigDocument.JsonOptions) is { } value)
            {
                list.Add(value);
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

/// <summary>The three kinds of configuration entry, one table each.</summary>
public enum ConfigKind
{
    Feeds,
    Watchlists,
    Recipients,
}

/// <summary>One stored configuration entry (config-file shape) and its Table Storage ETag, for optimistic concurrency.</summary>
public sealed record StoredEntry<T>(string Id, T Value, string ETag);

/// <summary>
/// Per-entry access for the admin API (issue 7): reads carry the row's ETag, replaces and deletes take it back as
/// If-Match, so of two admins editing the same entry the second gets 412 instead of overwriting the first.
/// Failures surface as <see cref="RequestFailedException"/> (404 missing, 409 exists, 412 changed since read).
/// </summary>
public sealed class TableConfigEntries(MonitorTables tables)
{
    private const string Partition = ConfigRows.Partition;

    public TableClient Table(ConfigKind kind) => kind switch
    {
        ConfigKind.Feeds => tables.Feeds,
        ConfigKind.Watchlists => tables.Watchlists,
        ConfigKind.Recipients => tables.Recipients,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public async Task<IReadOnlyList<StoredEntry<T>>> ListAsync<T>(ConfigKind kind, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var list = new List<StoredEntry<T>>();
        await foreach (var entity in Table(kind).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            if (EntryJson.Read(entity) is { } json && JsonSerializer.Deserialize<T>(json, ConfigDocument.JsonOptions) is { } value)
            {
                list.Add(new StoredEntry<T>(entity.RowKey, value, entity.ETag.ToString()));
            }
        }

        return list;
    }

    public async Task<StoredEntry<T>?> GetAsync<T>(ConfigKind kind, string id, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var found = await Table(kind).GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity && EntryJson.Read(entity) is { } json && JsonSerializer.Deserialize<T>(json, ConfigDocument.JsonOptions) is { } value
            ? new StoredEntry<T>(id, value, entity.ETag.ToString())
            : null;
    }

    /// <summary>Adds a new entry; 409 when the id exists. Returns the new ETag. Re-creating a deleted entry clears its tombstone.</summary>
    public async Task<string> AddAsync<T>(ConfigKind kind, string id, T value, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var response = await Table(kind).AddEntityAsync(ConfigRows.Edited(id, value), cancellationToken);
        await Table(kind).DeleteEntityAsync(ConfigRows.DeletedPartition, id, ETag.All, cancellationToken);
        return response.Headers.ETag?.ToString() ?? "";
    }

    /// <summary>Replaces an entry if its ETag still equals <paramref name="ifMatch"/>; 412 otherwise, 404 when gone.</summary>
    public async Task<string> ReplaceAsync<T>(ConfigKind kind, string id, T value, string ifMatch, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var response = await Table(kind).UpdateEntityAsync(ConfigRows.Edited(id, value), new ETag(ifMatch), TableUpdateMode.Replace, cancellationToken);
        return response.Headers.ETag?.ToString() ?? "";
    }

    /// <summary>Deletes an entry if its ETag still equals <paramref name="ifMatch"/>, leaving a tombstone so that
    /// the configuration file does not bring it back at the next start.</summary>
    public async Task DeleteAsync(ConfigKind kind, string id, string ifMatch, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        await Table(kind).DeleteEntityAsync(Partition, id, new ETag(ifMatch), cancellationToken);
        await Table(kind).UpsertEntityAsync(new TableEntity(ConfigRows.DeletedPartition, id), TableUpdateMode.Replace, cancellationToken);
    }
}

/// <summary>The row shape shared by <see cref="TableConfigStore"/> and <see cref="TableConfigEntries"/>.</summary>
internal static class ConfigRows
{
    public const string Partition = "config";
    public const string DeletedPartition = "deleted";
    public const string Origin = "Origin";
    public const string SeedHash = "SeedHash";

    /// <summary>A row written by an admin, an import or a redirect: seeding keeps it.</summary>
    public static TableEntity Edited<T>(string id, T value) =>
        EntryJson.Write(new TableEntity(Partition, id) { [Origin] = nameof(EntryOrigin.Edited) }, JsonSerializer.Serialize(value, ConfigDocument.JsonOptions));

    /// <summary>A row seeded from the configuration file, with the hash of the file's version.</summary>
    public static TableEntity FromFile(string id, string json, string hash) =>
        EntryJson.Write(new TableEntity(Partition, id) { [Origin] = nameof(EntryOrigin.File), [SeedHash] = hash }, json);

    /// <summary>The row as seeding sees it; its content is re-serialised so that formatting never counts as a change.</summary>
    public static StoredSeedState SeedState<T>(TableEntity row)
    {
        var origin = Enum.TryParse<EntryOrigin>(row.GetString(Origin), out var o) ? o : (EntryOrigin?)null;
        string content;
        try
        {
            content = EntryJson.Read(row) is { } json && JsonSerializer.Deserialize<T>(json, ConfigDocument.JsonOptions) is { } value
                ? Hash(JsonSerializer.Serialize(value, ConfigDocument.JsonOptions))
                : "";
        }
        catch (JsonException)
        {
            content = "";
        }

        return new StoredSeedState(origin, row.GetString(SeedHash), content);
    }

    public static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}

/// <summary>
/// A configuration entry's JSON in one or more string properties. Table Storage caps a string property at 64 KiB
/// (32K UTF-16 characters) and an entity at 1 MiB (learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model),
/// so the text is cut into pieces of <see cref="PieceLength"/> characters: "Json", "Json2", … up to
/// <see cref="MaxPieces"/> (960 KiB). Countries are stored as ISO codes, so only custom polygons get long.
/// </summary>
public static class EntryJson
{
    public const int PieceLength = 32_000;

    public const int MaxPieces = 15;

    /// <summary>Longest entry JSON the table holds, in characters.</summary>
    public const int MaxLength = PieceLength * MaxPieces;

    public static TableEntity Write(TableEntity entity, string json)
    {
        if (json.Length > MaxLength)
        {
            throw new EntryTooLargeException($"The entry is {json.Length:N0} characters of JSON; a table row holds at most {MaxLength:N0}. Simplify large polygons or use country fences.");
        }

        for (var piece = 0; piece * PieceLength < json.Length || piece == 0; piece++)
        {
            entity[PropertyName(piece)] = json.Substring(piece * PieceLength, Math.Min(PieceLength, json.Length - (piece * PieceLength)));
        }

        return entity;
    }

    public static string? Read(TableEntity entity)
    {
        if (entity.GetString("Json") is not { } first)
        {
            return null;
        }

        var text = new System.Text.StringBuilder(first);
        for (var piece = 1; piece < MaxPieces && entity.GetString(PropertyName(piece)) is { } more; piece++)
        {
            text.Append(more);
        }

        return text.ToString();
    }

    private static string PropertyName(int piece) => piece == 0 ? "Json" : "Json" + (piece + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An entry too long for one table row (<see cref="EntryJson.MaxLength"/>).</summary>
public sealed class EntryTooLargeException(string message) : Exception(message);
