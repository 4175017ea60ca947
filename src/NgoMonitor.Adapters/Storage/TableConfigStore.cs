using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Adapters.Storage;

/// <summary>
/// Feeds, watchlists and recipients in Table Storage: PartitionKey "config", RowKey the id, and the item as JSON in
/// a "Json" property in the config-file format (<see cref="ConfigDocument"/>), so one schema serves file, table and admin API.
/// </summary>
public sealed class TableConfigStore(MonitorTables tables) : IConfigStore
{
    private const string Partition = "config";

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

    public async Task UpsertAsync(MonitorConfig config, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var document = ConfigMapper.ToDocument(config);
        await UpsertAllAsync(tables.Feeds, document.Feeds, f => f.Id, cancellationToken);
        await UpsertAllAsync(tables.Watchlists, document.Watchlists, w => w.Id, cancellationToken);
        await UpsertAllAsync(tables.Recipients, document.Recipients, r => r.Id, cancellationToken);
    }

    private static async Task<List<T>> ReadAllAsync<T>(TableClient table, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            if (entity.GetString("Json") is { } json && JsonSerializer.Deserialize<T>(json, ConfigDocument.JsonOptions) is { } value)
            {
                list.Add(value);
            }
        }

        return list;
    }

    private static async Task UpsertAllAsync<T>(TableClient table, IEnumerable<T> values, Func<T, string> id, CancellationToken cancellationToken)
    {
        // One partition per table, so whole transactions: seeding 10,000 feeds is 100 requests, not 10,000.
        var entities = values.GroupBy(id).Select(g => g.Last()).Select(value => new TableEntity(Partition, id(value)) { ["Json"] = JsonSerializer.Serialize(value, ConfigDocument.JsonOptions) });
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
    private const string Partition = "config";

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
            if (entity.GetString("Json") is { } json && JsonSerializer.Deserialize<T>(json, ConfigDocument.JsonOptions) is { } value)
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
        return found.HasValue && found.Value is { } entity && entity.GetString("Json") is { } json && JsonSerializer.Deserialize<T>(json, ConfigDocument.JsonOptions) is { } value
            ? new StoredEntry<T>(id, value, entity.ETag.ToString())
            : null;
    }

    /// <summary>Adds a new entry; 409 when the id exists. Returns the new ETag.</summary>
    public async Task<string> AddAsync<T>(ConfigKind kind, string id, T value, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var response = await Table(kind).AddEntityAsync(ToEntity(id, value), cancellationToken);
        return response.Headers.ETag?.ToString() ?? "";
    }

    /// <summary>Replaces an entry if its ETag still equals <paramref name="ifMatch"/>; 412 otherwise, 404 when gone.</summary>
    public async Task<string> ReplaceAsync<T>(ConfigKind kind, string id, T value, string ifMatch, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var response = await Table(kind).UpdateEntityAsync(ToEntity(id, value), new ETag(ifMatch), TableUpdateMode.Replace, cancellationToken);
        return response.Headers.ETag?.ToString() ?? "";
    }

    /// <summary>Deletes an entry if its ETag still equals <paramref name="ifMatch"/>.</summary>
    public async Task DeleteAsync(ConfigKind kind, string id, string ifMatch, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        await Table(kind).DeleteEntityAsync(Partition, id, new ETag(ifMatch), cancellationToken);
    }

    private static TableEntity ToEntity<T>(string id, T value) =>
        new(Partition, id) { ["Json"] = JsonSerializer.Serialize(value, ConfigDocument.JsonOptions) };
}
