using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Adapters.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Table Storage adapters for every storage port (Azurite locally, managed identity in Azure).</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new MonitorTables(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>(), sp.GetService<TimeProvider>()));
        services.AddHostedService<TableStartup>();
        services.AddSingleton<TableConfigStore>();
        services.AddSingleton<IConfigStore>(sp => sp.GetRequiredService<TableConfigStore>());
        services.AddSingleton<TableConfigEntries>();
        services.AddSingleton<IFeedStateStore, TableFeedStateStore>();
        services.AddSingleton<IItemStore, TableItemStore>();
        services.AddSingleton<IMatchStore, TableMatchStore>();
        services.AddSingleton<IOutbox, TableOutbox>();
        services.AddSingleton<NgoMonitor.Core.Alerts.IIncidentStore, TableIncidentStore>();
        services.AddSingleton<IRecipientStateStore, TableRecipientStateStore>();
        return services;
    }
}
