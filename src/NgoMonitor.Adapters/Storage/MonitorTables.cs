using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace NgoMonitor.Adapters.Storage;

/// <summary>
/// Monitor's tables. Table names are the prefix plus a fixed suffix; the Table service allows 3–63 alphanumeric
/// characters starting with a letter. The tables are created at start-up (<see cref="CreateAtStartAsync"/>, with
/// retries) and, until a creation has succeeded, again by the next use (<see cref="EnsureCreatedAsync"/>): a storage
/// account unreachable for a minute at start does not leave the process unable to ever create them.
/// </summary>
public sealed class MonitorTables
{
    private readonly TableServiceClient _service;
    private readonly string _prefix;
    private readonly TimeProvider _time;
    private readonly Func<Task> _create;
    private readonly Lock _lock = new();
    private Task? _creation;

    public MonitorTables(IOptions<StorageOptions> options, TimeProvider? time = null)
        : this(options, time, null)
    {
    }

    /// <param name="create">Creates the tables (tests script failures here); null: create every table of <see cref="Suffixes"/>.</param>
    internal MonitorTables(IOptions<StorageOptions> options, TimeProvider? time, Func<Task>? create)
    {
        var o = options.Value;
        _service = o.TableServiceUri is { } uri
            ? new TableServiceClient(uri, new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = o.ClientId }))
            : new TableServiceClient(o.ConnectionString);
        _prefix = o.TablePrefix;
        _time = time ?? TimeProvider.System;
        _create = create ?? CreateAllAsync;
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

    /// <summary>
    /// Creates the tables unless that already succeeded. Concurrent callers share one attempt; a failed attempt is
    /// not kept, so the next call tries again (its caller gets the failure, as from any other storage call).
    /// </summary>
    public Task EnsureCreatedAsync()
    {
        lock (_lock)
        {
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                _creation = _create();
            }

            return _creation;
        }
    }

    /// <summary>
    /// Creates the tables at start-up: up to <paramref name="attempts"/> tries, waiting <paramref name="delay"/> after
    /// the first failure and twice as long after each next one (on <see cref="TimeProvider"/>). Returns null when the
    /// tables exist, else the last failure (the caller logs it; later uses try again).
    /// </summary>
    public async Task<Exception?> CreateAtStartAsync(int attempts, TimeSpan delay, Action<int, Exception>? retrying, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await EnsureCreatedAsync().WaitAsync(cancellationToken);
                return null;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempt >= attempts)
                {
                    return ex;
                }

                retrying?.Invoke(attempt, ex);
                await Task.Delay(delay, _time, cancellationToken);
                delay += delay;
            }
        }
    }

    private TableClient Table(string suffix) => _service.GetTableClient(_prefix + suffix);

    private async Task CreateAllAsync()
    {
        foreach (var suffix in Suffixes)
        {
            await Table(suffix).CreateIfNotExistsAsync();
        }
    }
}
