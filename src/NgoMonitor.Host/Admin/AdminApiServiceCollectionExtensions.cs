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
        services.AddSingleton<TwilioWebhook>();
        services.AddSingleton<NgoMonitor.Host.Alerts.CapFeedAccess>();
        return services;
    }
}
