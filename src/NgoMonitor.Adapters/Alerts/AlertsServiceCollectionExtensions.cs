using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Storage;
using Polly;

namespace NgoMonitor.Adapters.Alerts;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Incidents, alert planning, dispatch and acknowledgement, and one channel per kind: Twilio SMS and SMTP email
    /// when configured, otherwise a console channel that prints the alert (it stays stored with status Printed).
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertsOptions>().Bind(configuration.GetSection(AlertsOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.MaxRetryDelay >= o.RetryDelay, "Alerts:MaxRetryDelay must be at least Alerts:RetryDelay (it caps the doubling wait between attempts)")
            .ValidateOnStart();
        services.AddOptions<TwilioOptions>().Bind(configuration.GetSection(TwilioOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AlertsOptions>>().Value);
        services.AddSingleton<AlertComposer>();
        services.AddSingleton<AlertPlanner>();
        services.AddSingleton<IncidentGrouper>();
        services.AddSingleton<IncidentAlerter>();
        services.AddSingleton<AlertAcknowledger>();
        services.AddSingleton<SenderPacing>();
        services.AddSingleton<DispatchQueue>();
        services.AddSingleton<AlertDispatcher>();
        services.AddSingleton<TwilioSignature>();

        // 429 (20429: never processed) and 5xx are retried with exponential backoff and jitter. Timeouts and
        // connection errors are not: the request may have been accepted, and Twilio has no idempotency key; the
        // dispatcher reconciles those by listing the number's messages before it sends again.
        // The SDK's requests go through this named client (TwilioApi), so the retries and BaseUrl apply to them.
        services.AddSingleton<TwilioApi>();
        services.AddTransient<TwilioBaseAddressHandler>();
        var http = services.AddHttpClient(TwilioApi.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15))
            .AddHttpMessageHandler<TwilioBaseAddressHandler>();
        http.AddResilienceHandler("twilio", (pipeline, context) =>
        {
            var o = context.ServiceProvider.GetRequiredService<IOptions<TwilioOptions>>().Value;
            if (o.RetryAttempts > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = o.RetryAttempts,
                    Delay = o.RetryBaseDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r && (r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500)),
                });
            }
        });

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
