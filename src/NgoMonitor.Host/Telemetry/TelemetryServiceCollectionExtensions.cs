using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using NgoMonitor.Adapters.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NgoMonitor.Host.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// OpenTelemetry traces and metrics of Monitor's own sources. With APPLICATIONINSIGHTS_CONNECTION_STRING set they go
    /// to Azure Monitor, authenticated with the managed identity (key-based ingestion is off in infra/); otherwise to the
    /// console when Telemetry:Console is true (the default; metrics every Telemetry:ConsoleInterval, 5 minutes).
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<MonitorMetrics>();
        var azureMonitor = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        var console = configuration.GetValue("Telemetry:Console", true);
        if (string.IsNullOrWhiteSpace(azureMonitor) && !console)
        {
            return services;
        }

        var interval = configuration.GetValue("Telemetry:ConsoleInterval", TimeSpan.FromMinutes(5));
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("monitor"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(MonitorMetrics.Name);
                if (!string.IsNullOrWhiteSpace(azureMonitor))
                {
                    tracing.AddAzureMonitorTraceExporter(o => { o.ConnectionString = azureMonitor; o.Credential = new DefaultAzureCredential(); });
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(MonitorMetrics.Name);
                if (!string.IsNullOrWhiteSpace(azureMonitor))
                {
                    metrics.AddAzureMonitorMetricExporter(o => { o.ConnectionString = azureMonitor; o.Credential = new DefaultAzureCredential(); });
                }
                else
                {
                    metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)interval.TotalMilliseconds);
                }
            });
        return services;
    }
}
