using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using NgoMonitor.Adapters.Admin;

namespace NgoMonitor.Adapters.Storage;

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
/// Per-entry access for the admin API: reads carry the row's ETag, replaces and deletes take it back as
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
