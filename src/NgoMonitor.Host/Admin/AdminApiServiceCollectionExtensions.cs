using Microsoft.AspNetCore.Authentication;
using NgoMonitor.Host.Admin.Auth;

namespace NgoMonitor.Host.Admin;

public static class AdminApiServiceCollectionExtensions
{
    /// <summary>The admin API, its authentication (API keys, officer links, App Service sign-in), audit log and console.</summary>
    public static IServiceCollection AddAdminApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminApiOptions>().Bind(configuration.GetSection(AdminApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddProblemDetails();

        // Brotli, then gzip, for the console's scripts, styles and map data and the API's JSON (the map's country
        // outlines shrink about 4x). Over HTTPS only where TLS ends in front of Monitor (the Functions host, a proxy):
        // compressing secrets beside attacker-chosen text over TLS invites BREACH.
        services.AddResponseCompression(o =>
        {
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            o.MimeTypes = [.. Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes, "application/geo+json", "application/atom+xml", "application/problem+json", "image/svg+xml"];
        });
        services.AddExceptionHandler(o => o.StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        services.AddAuthentication(MonitorAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, MonitorAuthenticationHandler>(MonitorAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(MonitorRoles.ReadPolicy, p => p.RequireRole(MonitorRoles.Admin, MonitorRoles.Viewer))
            .AddPolicy(MonitorRoles.WritePolicy, p => p.RequireRole(MonitorRoles.Admin))
            .AddPolicy(MonitorRoles.AnyPolicy, p => p.RequireRole(MonitorRoles.Admin, MonitorRoles.Viewer, MonitorRoles.Officer));
        services.AddAdminRateLimits();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<OfficerLinks>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<NgoMonitor.Core.Alerts.IAcknowledgementLog, NgoMonitor.Host.Alerts.AcknowledgementAudit>();
        services.AddSingleton<ConfigEntries>();
        services.AddSingleton<Subscriptions>();
        services.AddSingleton<AdminQueries>();
        services.AddSingleton<RulePreview>();
        services.AddSingleton<Imports>();
        services.AddScoped<FeedTools>();
        services.AddSingleton<NgoMonitor.Host.Alerts.CapFeedAccess>();
        return services;
    }
}
