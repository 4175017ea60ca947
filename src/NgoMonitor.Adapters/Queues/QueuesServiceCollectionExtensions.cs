using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Adapters.Queues;

public static class QueuesServiceCollectionExtensions
{
    /// <summary>The poll and dispatch queues on Azure Storage (Azurite locally, managed identity in Azure).</summary>
    public static IServiceCollection AddQueues(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QueuesOptions>().Bind(configuration.GetSection(QueuesOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        // The sweep's grace must outlast a failing dispatch message's redeliveries, or the sweep queues its rows again
        // while the message is still being retried (AlertsOptions.SweepGrace, docs/scale-out.md "The outbox sweep").
        services.AddOptions<AlertsOptions>()
            .Validate<IOptions<QueuesOptions>>(
                (alerts, queues) => alerts.SweepGrace > queues.Value.MaxDequeueCount * queues.Value.RetryDelay,
                "Alerts:SweepGrace must exceed Queues:MaxDequeueCount × Queues:RetryDelay (how long a failing dispatch message keeps coming back)")
            .ValidateOnStart();
        services.AddSingleton<StorageQueues>();
        services.AddSingleton<IWorkQueues>(sp => sp.GetRequiredService<StorageQueues>());
        services.AddSingleton<QueueDrain>();
        return services;
    }
}
