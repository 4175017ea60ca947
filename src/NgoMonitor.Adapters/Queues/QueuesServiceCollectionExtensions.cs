using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Adapters.Queues;

public static class QueuesServiceCollectionExtensions
{
    /// <summary>The poll and dispatch queues on Azure Storage (Azurite locally, managed identity in Azure).</summary>
    public static IServiceCollection AddQueues(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QueuesOptions>().Bind(configuration.GetSection(QueuesOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StorageQueues>();
        services.AddSingleton<IWorkQueues>(sp => sp.GetRequiredService<StorageQueues>());
        services.AddSingleton<QueueDrain>();
        return services;
    }
}
