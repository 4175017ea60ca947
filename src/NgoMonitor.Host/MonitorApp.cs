using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Alerts;
using NgoMonitor.Adapters.Feeds;
using NgoMonitor.Adapters.Geo;
using NgoMonitor.Adapters.Queues;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Host.Admin;
using NgoMonitor.Host.Alerts;
using NgoMonitor.Host.Functions;
using NgoMonitor.Host.Samples;
using NgoMonitor.Host.Telemetry;

namespace NgoMonitor.Host;

/// <summary>Composition of the app: one Add&lt;Capability&gt;() per capability folder, then the endpoints.</summary>
public static class MonitorApp
{
    /// <summary>Standalone listens here unless ASPNETCORE_URLS or --urls says otherwise (7071: the Functions host's local port).</summary>
    public const string DefaultStandaloneUrl = "http://127.0.0.1:7071";

    public static WebApplicationBuilder CreateBuilder(string[] args, HostMode mode)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var configuration = builder.Configuration;
        builder.Services
            .AddStorage(configuration)
            .AddQueues(configuration)
            .AddFeeds(configuration)
            .AddGeo(configuration)
            .AddAlerts(configuration)
            .AddAdmin(configuration)
            .AddAdminApi(configuration)
            .AddFunctions(configuration, mode)
            .AddTelemetry(configuration);
        builder.Services.AddSingleton(new RunningAs(mode));

        if (mode == HostMode.CustomHandler)
        {
            // The Functions host tells the handler where to listen; loopback only (host ↔ handler on one machine).
            builder.WebHost.UseUrls($"http://127.0.0.1:{configuration["FUNCTIONS_CUSTOMHANDLER_PORT"]}");
        }
        else if (string.IsNullOrEmpty(configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultStandaloneUrl);
        }

        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.MapAdminApi();
        app.MapFunctions(app.Services.GetRequiredService<RunningAs>().Mode);
        app.MapSampleFeeds();
        app.MapAlertWebhooks();
        return app;
    }
}
