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
        services.AddHttpClient<IFeedFetcher, HttpFeedFetcher>(HttpFeedFetcher.HttpClientName, (sp, http) =>
                HttpFeedFetcher.Configure(http, sp.GetRequiredService<IOptions<FeedsOptions>>().Value))
            .ConfigurePrimaryHttpMessageHandler(sp => HttpFeedFetcher.CreateHandler(sp.GetRequiredService<IOptions<FeedsOptions>>().Value));
        services.AddSingleton<IFeedParser, FeedReaderParser>();
        return services;
    }
}
