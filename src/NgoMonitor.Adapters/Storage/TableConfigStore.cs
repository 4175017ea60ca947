using System.Text.Json;
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
        foreach (var value in values)
        {
            var entity = new TableEntity(Partition, id(value)) { ["Json"] = JsonSerializer.Serialize(value, ConfigDocument.JsonOptions) };
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
    }
}
