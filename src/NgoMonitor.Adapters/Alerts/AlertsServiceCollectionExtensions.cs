using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NgoMonitor.Core.Alerts;

namespace NgoMonitor.Adapters.Alerts;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Alert planning and dispatch, and one channel per kind: Twilio SMS and SMTP email when configured,
    /// otherwise a console channel that prints the alert (it stays stored with status Printed).
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertsOptions>().Bind(configuration.GetSection(AlertsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TwilioOptions>().Bind(configuration.GetSection(TwilioOptions.Section));
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AlertsOptions>>().Value);
        services.AddSingleton<AlertComposer>();
        services.AddSingleton<AlertPlanner>();
        services.AddSingleton<AlertDispatcher>();
        services.AddHttpClient<TwilioClient>(http => http.Timeout = TimeSpan.FromSeconds(15));

        var twilio = configuration.GetSection(TwilioOptions.Section).Get<TwilioOptions>() ?? new TwilioOptions();
        var smtp = configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() ?? new SmtpOptions();
        if (twilio.IsConfigured)
        {
            services.AddSingleton<IAlertChannel, TwilioSmsChannel>();
        }
        else
        {
            services.AddSingleton<IAlertChannel>(new ConsoleAlertChannel(Channel.Sms, Console.Out));
        }

        if (smtp.IsConfigured)
        {
            services.AddSingleton<IAlertChannel, SmtpEmailChannel>();
        }
        else
        {
            services.AddSingleton<IAlertChannel>(new ConsoleAlertChannel(Channel.Email, Console.Out));
        }

        return services;
    }
}
