using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Adapters.Admin;

/// <summary>
/// Loads the configuration file into Table Storage once per process, before the first cycle. Entries in the file
/// replace stored entries with the same id; entries added through the admin API are kept. A failed attempt
/// (storage unreachable) is tried again by the next caller.
/// </summary>
public sealed class ConfigSeeder(IOptions<AdminOptions> options, IConfigStore store, ILogger<ConfigSeeder> logger)
{
    private readonly Lock _gate = new();
    private Task? _seeding;

    public Task EnsureSeededAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_seeding is null || _seeding.IsFaulted || _seeding.IsCanceled)
            {
                _seeding = SeedAsync(cancellationToken);
            }

            return _seeding;
        }
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ResolvedConfigPath is not { } path)
        {
            return;
        }

        var loaded = ConfigFile.Load(path);
        foreach (var error in loaded.Errors)
        {
            logger.LogError("Configuration {Path}: {Error}", path, error);
        }

        await store.UpsertAsync(loaded.Config, cancellationToken);
        logger.LogInformation(
            "Loaded {Feeds} feeds, {Watchlists} watchlists and {Recipients} recipients from {Path}",
            loaded.Config.Feeds.Count, loaded.Config.Watchlists.Count, loaded.Config.Recipients.Count, path);
    }
}
