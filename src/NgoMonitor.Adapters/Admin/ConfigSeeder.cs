using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Storage;
using NgoMonitor.Adapters.Telemetry;

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace NgoMonitor.Adapters.Admin;

/// <summary>
/// Seeds Table Storage from the configuration file once per process, before the first cycle, by the rule of
/// <see cref="ConfigSeeding"/>: new file entries are added, file entries changed since the last start replace what an
/// earlier file seeded, and entries edited or deleted through the admin API are left as the admin left them (logged as
/// a warning naming them). A failed attempt (storage unreachable) is tried again by the next caller.
/// </summary>
public sealed class ConfigSeeder(IOptions<AdminOptions> options, IConfigStore store, ILogger<ConfigSeeder> logger, ICountryOutlines? countries = null, IServer? server = null)
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

    /// <summary>
    /// The address this process listens on, for feed URLs given as paths: the first the server reports, a wildcard
    /// host ("+", "*", 0.0.0.0, [::]) read as loopback (the sample feeds are served by this process). Null before the
    /// server has started or without one (CLI verbs).
    /// </summary>
    public static Uri? SelfAddress(IServer? server)
    {
        foreach (var address in server?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            var binding = BindingAddress.Parse(address);
            var host = binding.Host is "+" or "*" or "0.0.0.0" or "[::]" or "::" ? "127.0.0.1" : binding.Host;
            if (binding.Port > 0 && Uri.TryCreate($"{binding.Scheme}://{host}:{binding.Port}{binding.PathBase}/", UriKind.Absolute, out var self))
            {
                return self;
            }
        }

        return null;
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ResolvedConfigPath is not { } path)
        {
            return;
        }

        // Country codes are checked against the gazetteer's outlines, as the admin API checks them.
        var loaded = ConfigFile.Load(path, countries, SelfAddress(server));
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
