using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NgoMonitor.Core.Feeds;

namespace NgoMonitor.Adapters.Feeds;

public static class FeedsServiceCollectionExtensions
{
    /// <summary>HTTP feed fetching (address-checked, capped, redirects followed by hand) and safe parsing.</summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedsOptions>().Bind(configuration.GetSection(FeedsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // Two clients alike but for their connection pools: public addresses, and requests under a feed's
        // private-network allowance (see HttpFeedFetcher).
        foreach (var name in (string[])[HttpFeedFetcher.HttpClientName, HttpFeedFetcher.PrivateNetworkClientName])
        {
            services.AddHttpClient(name, (sp, http) => HttpFeedFetcher.Configure(http, sp.GetRequiredService<IOptions<FeedsOptions>>().Value))
                .ConfigurePrimaryHttpMessageHandler(sp => HttpFeedFetcher.CreateHandler(sp.GetRequiredService<IOptions<FeedsOptions>>().Value));
        }

        services.AddTransient<IFeedFetcher>(sp =>
        {
            var clients = sp.GetRequiredService<IHttpClientFactory>();
            return new HttpFeedFetcher(clients.CreateClient(HttpFeedFetcher.HttpClientName), clients.CreateClient(HttpFeedFetcher.PrivateNetworkClientName), sp.GetRequiredService<IOptions<FeedsOptions>>());
        });
        services.AddSingleton<IFeedParser, FeedReaderParser>();
        return services;
    }
}
