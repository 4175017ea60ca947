using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Core.Geo;

namespace NgoMonitor.Adapters.Geo;

public static class GeoServiceCollectionExtensions
{
    /// <summary>The geoparser (GeoNames gazetteer) that places items carrying no GeoRSS point.</summary>
    public static IServiceCollection AddGeo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GeoOptions>().Bind(configuration.GetSection(GeoOptions.Section));
        services.AddSingleton<BackgroundLoadedPlaceFinder>();
        services.AddSingleton<IPlaceFinder>(sp => sp.GetRequiredService<BackgroundLoadedPlaceFinder>());
        services.AddSingleton<ICountryOutlines>(sp => sp.GetRequiredService<BackgroundLoadedPlaceFinder>());
        services.AddSingleton<IPlaceSearch>(sp => sp.GetRequiredService<BackgroundLoadedPlaceFinder>());
        services.AddHostedService<GazetteerWarmUp>();
        return services;
    }
}
