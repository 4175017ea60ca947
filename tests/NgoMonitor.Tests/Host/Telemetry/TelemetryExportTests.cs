using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Host.Telemetry;
using OpenTelemetry.Metrics;
using Xunit;

namespace NgoMonitor.Tests.Host.Telemetry;

/// <summary>Metrics leave only through an OpenTelemetry exporter that was asked for; never printed on the console.</summary>
public sealed class TelemetryExportTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build())
            .BuildServiceProvider();

    [Fact]
    public void AddTelemetry_NoExporterConfigured_StartsNoMeterProvider()
    {
        using var services = Build();

        Assert.Null(services.GetService<MeterProvider>());
    }

    [Fact]
    public void AddTelemetry_OtlpEndpointConfigured_ExportsMetricsOverOtlpOnly()
    {
        using var services = Build(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317"));

        var provider = services.GetService<MeterProvider>();

        Assert.NotNull(provider);
        var shipped = HostLibraries();
        Assert.Contains("OpenTelemetry.Exporter.OpenTelemetryProtocol", shipped);
        Assert.DoesNotContain("OpenTelemetry.Exporter.Console", shipped);
    }

    /// <summary>The packages the built host ships, as its deps.json (copied beside the tests) lists them.</summary>
    private static HashSet<string> HostLibraries()
    {
        using var deps = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "NgoMonitor.Host.deps.json")));
        return [.. deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0])];
    }
}
