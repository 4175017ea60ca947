using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace NgoMonitor.Adapters.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>Configuration file loading; the admin API and console join here.</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section));
        services.AddSingleton<ConfigSeeder>();
        return services;
    }
}
