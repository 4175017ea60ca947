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

/// <summary>
/// Composition of the app, the same in every mode: one Add&lt;Capability&gt;() per capability folder
/// (<see cref="AddMonitor"/>), then the middleware and routes (<see cref="MapMonitor"/>). Standalone and the one-shot
/// verbs host them in a <see cref="WebApplication"/>; under the Functions host, <see cref="FunctionsWorker"/> composes
/// the same services into the isolated worker and its HTTP functions hand each request to the same routes.
/// </summary>
public static class MonitorApp
{
    /// <summary>Standalone listens here unless ASPNETCORE_URLS or --urls says otherwise (7071: the Functions host's local port).</summary>
    public const string DefaultStandaloneUrl = "http://127.0.0.1:7071";

    /// <summary>Every service of the app; only the standalone scheduler depends on <paramref name="mode"/>.</summary>
    public static IServiceCollection AddMonitor(this IServiceCollection services, IConfiguration configuration, HostMode mode)
    {
        services
            .AddStorage(configuration)
            .AddQueues(configuration)
            .AddFeeds(configuration)
            .AddGeo(configuration)
            .AddAlerts(configuration)
            .AddAdmin(configuration)
            .AddAdminApi(configuration)
            .AddFunctions(configuration, mode)
            .AddTelemetry(configuration);
        return services;
    }

    /// <summary>The middleware and routes every mode serves: admin API, console, officer pages, webhooks, CAP feed.</summary>
    public static TApp MapMonitor<TApp>(this TApp app) where TApp : IApplicationBuilder, IEndpointRouteBuilder
    {
        app.MapAdminApi();
        app.MapAlertWebhooks();
        return app;
    }

    /// <summary>The web host of standalone and the one-shot verbs.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, HostMode mode)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddMonitor(builder.Configuration, mode);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultStandaloneUrl);
        }

        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.MapMonitor();
        // Standalone only: a liveness text at the root and the bundled demo feeds `run` polls.
        app.MapGet("/", () => Results.Text("Monitor is running\n"));
        app.MapSampleFeeds();
        return app;
    }
}
