using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace NgoMonitor.Adapters.Storage;

/// <summary>
/// Monitor's tables, created on first use. Table names are the prefix plus a fixed suffix; the Table service
/// allows 3–63 alphanumeric characters starting with a letter.
/// </summary>
public sealed class MonitorTables
{
    private readonly TableServiceClient _service;
    private readonly string _prefix;
    private readonly Lazy<Task> _created;

    public MonitorTables(IOptions<StorageOptions> options)
    {
        var o = options.Value;
        _service = o.TableServiceUri is { } uri
            ? new TableServiceClient(uri, new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = o.ClientId }))
            : new TableServiceClient(o.ConnectionString);
        _prefix = o.TablePrefix;
        _created = new Lazy<Task>(CreateAllAsync);
    }

    public static IReadOnlyList<string> Suffixes { get; } = ["Feeds", "FeedStates", "Watchlists", "Recipients", "Items", "Matches", "Outbox", "Incidents", "RecipientStates", "ApiKeys", "Audit"];

    public TableClient Feeds => Table("Feeds");

    public TableClient FeedStates => Table("FeedStates");

    public TableClient Watchlists => Table("Watchlists");

    public TableClient Recipients => Table("Recipients");

    public TableClient Items => Table("Items");

    public TableClient Matches => Table("Matches");

    public TableClient Outbox => Table("Outbox");

    /// <summary>Admin API keys, stored hashed.</summary>
    public TableClient ApiKeys => Table("ApiKeys");

    /// <summary>Audit log of configuration changes made through the admin API.</summary>
    public TableClient Audit => Table("Audit");

    public TableClient Incidents => Table("Incidents");

    public TableClient RecipientStates => Table("RecipientStates");

    /// <summary>Creates the tables once per process; later calls return the same task.</summary>
    public Task EnsureCreatedAsync() => _created.Value;

    private TableClient Table(string suffix) => _service.GetTableClient(_prefix + suffix);

    private async Task CreateAllAsync()
    {
        foreach (var suffix in Suffixes)
        {
            await Table(suffix).CreateIfNotExistsAsync();
        }
    }
}
