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
    /// OpenTelemetry traces and metrics of Monitor's own sources, exported through OpenTelemetry only: to Azure Monitor
    /// when APPLICATIONINSIGHTS_CONNECTION_STRING is set (authenticated with the managed identity; key-based ingestion
    /// is off in infra/), and over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (a local collector, Aspire's dashboard;
    /// the exporter reads the standard OTEL_* variables). With neither, no exporter runs: nothing is ever printed among
    /// the alerts on the console. The meter ("NgoMonitor") can still be watched locally with
    /// <c>dotnet-counters monitor -n NgoMonitor.Host --counters NgoMonitor</c>.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<MonitorMetrics>();
        var azureMonitor = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (string.IsNullOrWhiteSpace(azureMonitor) && !otlp)
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("monitor"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(MonitorMetrics.Name);
                if (!string.IsNullOrWhiteSpace(azureMonitor))
                {
                    tracing.AddAzureMonitorTraceExporter(o => { o.ConnectionString = azureMonitor; o.Credential = new DefaultAzureCredential(); });
                }

                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(MonitorMetrics.Name);
                if (!string.IsNullOrWhiteSpace(azureMonitor))
                {
                    metrics.AddAzureMonitorMetricExporter(o => { o.ConnectionString = azureMonitor; o.Credential = new DefaultAzureCredential(); });
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return services;
    }
}
