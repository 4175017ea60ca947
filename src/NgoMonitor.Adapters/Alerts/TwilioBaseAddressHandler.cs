using Microsoft.Extensions.Options;

namespace NgoMonitor.Adapters.Alerts;

/// <summary>
/// Sends the SDK's requests to <see cref="TwilioOptions.BaseUrl"/> when it is not Twilio's own API host: the SDK
/// always builds https://api.twilio.com/... URLs, and tests (or an egress proxy) answer elsewhere. Path and query
/// are kept as the SDK wrote them.
/// </summary>
public sealed class TwilioBaseAddressHandler(IOptions<TwilioOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = options.Value.BaseUrl;
        if (request.RequestUri is { } uri && !(target.Scheme == uri.Scheme && target.Authority == uri.Authority))
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
