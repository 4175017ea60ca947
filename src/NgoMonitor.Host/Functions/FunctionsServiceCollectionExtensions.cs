using Microsoft.Extensions.Options;
using NgoMonitor.Core.Polling;

namespace NgoMonitor.Host.Functions;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// The PollFeeds fan-out and the poll batch consumer, the function bodies the worker's functions and Monitor's own consumer call, the runner of a whole cycle without the host, the clock,
    /// and (standalone only) the scheduler.
    /// </summary>
    public static IServiceCollection AddFunctions(this IServiceCollection services, IConfiguration configuration, HostMode mode)
    {
        services.TryAddSingletonTimeProvider();
        services.AddOptions<PollingOptions>().Bind(configuration.GetSection(PollingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PollingOptions>>().Value);
        services.AddOptions<FunctionsOptions>()
            .Configure(o =>
            {
                o.PollSchedule = configuration[FunctionTable.PollScheduleSetting] is { Length: > 0 } s ? s : o.PollSchedule;
                o.RunOnStartup = configuration.GetValue("RUN_ON_STARTUP", o.RunOnStartup);
            })
            .Validate(o => IsValidSchedule(o.PollSchedule), "POLL_SCHEDULE must be an NCRONTAB expression with six fields (seconds first), e.g. \"0 */1 * * * *\"")
            .ValidateOnStart();
        services.AddSingleton<PollFanOut>();
        services.AddSingleton<PollFeedBatch>();
        services.AddSingleton<MonitorFunctions>();
        services.AddSingleton<PollCycleRunner>();
        if (mode == HostMode.Standalone)
        {
            services.AddSingleton<StandaloneScheduler>();
            services.AddHostedService(sp => sp.GetRequiredService<StandaloneScheduler>());
        }

        return services;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    private static bool IsValidSchedule(string schedule)
    {
        try
        {
            Cronos.CronExpression.Parse(schedule, Cronos.CronFormat.IncludeSeconds);
            return true;
        }
        catch (Cronos.CronFormatException)
        {
            return false;
        }
    }
}
