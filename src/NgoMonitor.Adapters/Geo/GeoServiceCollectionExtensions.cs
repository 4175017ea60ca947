using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Core.Geo;

namespace NgoMonitor.Adapters.Geo;

public static class GeoServiceCollectionExtensions
{
    /// <summary>The place finder used to locate items that carry no GeoRSS point.</summary>
    public static IServiceCollection AddGeo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPlaceFinder>(_ => new GazetteerPlaceFinder(BuiltInGazetteer.Load()));
        return services;
    }
}
