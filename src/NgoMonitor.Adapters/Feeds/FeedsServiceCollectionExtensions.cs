using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NgoMonitor.Core.Feeds;

namespace NgoMonitor.Adapters.Feeds;

public static class FeedsServiceCollectionExtensions
{
    /// <summary>HTTP feed fetching and CodeHollow.FeedReader parsing.</summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedsOptions>().Bind(configuration.GetSection(FeedsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient<IFeedFetcher, HttpFeedFetcher>(HttpFeedFetcher.HttpClientName, (sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<FeedsOptions>>().Value;
                http.Timeout = options.Timeout;
                http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<FeedsOptions>>().Value;
                return new SocketsHttpHandler
                {
                    AutomaticDecompression = DecompressionMethods.All,
                    AllowAutoRedirect = options.MaxRedirects > 0,
                    MaxAutomaticRedirections = Math.Max(1, options.MaxRedirects),
                    ConnectTimeout = TimeSpan.FromSeconds(10),
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                };
            });
        services.AddSingleton<IFeedParser, FeedReaderParser>();
        return services;
    }
}
