using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Storage;
using NgoMonitor.Adapters.Telemetry;

namespace NgoMonitor.Adapters.Admin;

/// <summary>
/// Seeds Table Storage from the configuration file once per process, before the first cycle, by the rule of
/// <see cref="ConfigSeeding"/>: new file entries are added, file entries changed since the last start replace what an
/// earlier file seeded, and entries edited or deleted through the admin API are left as the admin left them (logged as
/// a warning naming them). A failed attempt (storage unreachable) is tried again by the next caller.
/// </summary>
public sealed class ConfigSeeder(IOptions<AdminOptions> options, IConfigStore store, ILogger<ConfigSeeder> logger, ICountryOutlines? countries = null)
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

        // Country codes are checked against the gazetteer's outlines, as the admin API checks them.
        var loaded = ConfigFile.Load(path, countries);
        foreach (var error in loaded.Errors)
        {
            logger.ConfigFileError(path, error);
        }

        var outcomes = await store.SeedAsync(loaded.Config, cancellationToken);
        foreach (var kept in outcomes.Where(o => o.Action is SeedAction.KeepEdited or SeedAction.KeepDeleted))
        {
            logger.ConfigEntryKept(path, kept.Kind, kept.Id, kept.Action == SeedAction.KeepDeleted ? "deleted" : "edited");
        }

        logger.ConfigSeeded(
            path,
            outcomes.Count(o => o.Action == SeedAction.Insert),
            outcomes.Count(o => o.Action == SeedAction.Update),
            outcomes.Count(o => o.Action is SeedAction.Unchanged or SeedAction.Adopt),
            outcomes.Count(o => o.Action is SeedAction.KeepEdited or SeedAction.KeepDeleted));
    }
}
