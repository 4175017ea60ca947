using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoMonitor.Core.Geo;
using NgoMonitor.Adapters.Telemetry;

namespace NgoMonitor.Adapters.Geo;

/// <summary>
/// The geoparser over the full gazetteer, loaded on a background thread as soon as the app starts: the index takes a
/// moment to decompress, and loading it at start means the first match seldom waits for it. A lookup made before the
/// load ends waits for it; later ones do not. It also answers country outlines (for country fences) and the map's place search from the same gazetteer.
/// </summary>
public sealed class BackgroundLoadedPlaceFinder : IPlaceFinder, ICountryOutlines, IPlaceSearch
{
    private readonly Task<Geoparser> _loading;
    private readonly Lazy<GazetteerCountries> _countries;
    private readonly Lazy<PlaceSearch> _search;

    public BackgroundLoadedPlaceFinder(IOptions<GeoOptions> options, ILogger<BackgroundLoadedPlaceFinder> logger)
    {
        var path = options.Value.GazetteerPath ?? Gazetteer.DefaultPath;
        _loading = Task.Run(() =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var gazetteer = Gazetteer.Load(path);
            logger.GazetteerLoaded(
                gazetteer.Count, gazetteer.NameCount, (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new Geoparser(gazetteer);
        });
        _countries = new(() => new GazetteerCountries(_loading.GetAwaiter().GetResult().Gazetteer));
        _search = new(() => new PlaceSearch(_loading.GetAwaiter().GetResult().Gazetteer));
    }

    public Task WhenLoaded => _loading;

    public IReadOnlyList<PlaceMention> FindPlaces(string text) => _loading.GetAwaiter().GetResult().FindPlaces(text);

    public IReadOnlyList<PlaceMention> FindPlaces(string text, GeoContext context) => _loading.GetAwaiter().GetResult().FindPlaces(text, context);

    public CountryOutline? Find(string code) => _countries.Value.Find(code);

    public IReadOnlyList<CountryName> List() => _countries.Value.List();

    public RegionOutline? FindRegion(string name) => _countries.Value.FindRegion(name);

    public IReadOnlyList<PlaceHit> Search(string query, string? country, int top) => _search.Value.Search(query, country, top);

    public IReadOnlyList<PlaceHit> InView(double west, double south, double east, double north, int top) => _search.Value.InView(west, south, east, north, top);
}

/// <summary>Starts the gazetteer load when the app starts, not on the first invocation (the place finder loads on construction).</summary>
public sealed class GazetteerWarmUp(IPlaceFinder places) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(places); // resolving it is the point: its constructor begins the load on a background thread
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
