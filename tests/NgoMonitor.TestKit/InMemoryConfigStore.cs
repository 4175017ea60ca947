using NgoMonitor.Core.Storage;

namespace NgoMonitor.TestKit;

/// <summary>The configuration in memory: upserts replace entries by id; seeding inserts what is absent and keeps the rest.</summary>
public sealed class InMemoryConfigStore(MonitorConfig? initial = null) : IConfigStore
{
    private readonly Lock _lock = new();
    private MonitorConfig _config = initial ?? MonitorConfig.Empty;

    public MonitorConfig Current
    {
        get
        {
            lock (_lock)
            {
                return _config;
            }
        }
    }

    public Task<MonitorConfig> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(Current);

    public Task<MonitorConfig> LoadRulesAsync(CancellationToken cancellationToken) => Task.FromResult(Current with { Feeds = [] });

    public Task UpsertAsync(MonitorConfig config, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _config = new MonitorConfig(
                Merge(_config.Feeds, config.Feeds, f => f.Id),
                Merge(_config.Watchlists, config.Watchlists, w => w.Id),
                Merge(_config.Recipients, config.Recipients, r => r.Id));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SeedOutcome>> SeedAsync(MonitorConfig config, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var outcomes = new List<SeedOutcome>();
            _config = new MonitorConfig(
                Seed(_config.Feeds, config.Feeds, f => f.Id, "feed", outcomes),
                Seed(_config.Watchlists, config.Watchlists, w => w.Id, "watchlist", outcomes),
                Seed(_config.Recipients, config.Recipients, r => r.Id, "recipient", outcomes));
            return Task.FromResult<IReadOnlyList<SeedOutcome>>(outcomes);
        }
    }

    private static List<T> Merge<T>(IReadOnlyList<T> stored, IReadOnlyList<T> changes, Func<T, string> id)
    {
        var merged = stored.ToList();
        foreach (var change in changes)
        {
            var at = merged.FindIndex(s => id(s) == id(change));
            if (at >= 0)
            {
                merged[at] = change;
            }
            else
            {
                merged.Add(change);
            }
        }

        return merged;
    }

    private static List<T> Seed<T>(IReadOnlyList<T> stored, IReadOnlyList<T> seed, Func<T, string> id, string kind, List<SeedOutcome> outcomes)
    {
        var merged = stored.ToList();
        foreach (var entry in seed)
        {
            var present = merged.Exists(s => id(s) == id(entry));
            outcomes.Add(new SeedOutcome(kind, id(entry), present ? SeedAction.Unchanged : SeedAction.Insert));
            if (!present)
            {
                merged.Add(entry);
            }
        }

        return merged;
    }
}
