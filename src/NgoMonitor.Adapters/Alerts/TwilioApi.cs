using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Http;

namespace NgoMonitor.Adapters.Alerts;

/// <summary>
/// The Twilio SDK's REST client over Monitor's named <see cref="HttpClientName"/> HttpClient, which carries the
/// timeout, the retry pipeline for 429 and 5xx (AddAlerts) and the <see cref="TwilioOptions.BaseUrl"/> redirect
/// (<see cref="TwilioBaseAddressHandler"/>). Each call gets its own client: the SDK keeps the last response on its
/// transport, and that response's Retry-After is what the caller reads after an error.
/// </summary>
public sealed class TwilioApi(IHttpClientFactory httpClients, IOptions<TwilioOptions> options)
{
    public const string HttpClientName = "twilio";

    public TwilioCall Start()
    {
        var o = options.Value;
        var transport = new SystemNetHttpClient(httpClients.CreateClient(HttpClientName));
        return new TwilioCall(new TwilioRestClient(o.AccountSid, o.AuthToken, o.AccountSid, httpClient: transport), transport);
    }
}

/// <summary>One call's SDK client and its transport (whose <see cref="Twilio.Http.HttpClient.LastResponse"/> holds the answer's headers).</summary>
public sealed record TwilioCall(TwilioRestClient Client, SystemNetHttpClient Transport)
{
    /// <summary>The last answer's Retry-After in seconds (RFC 9110 §10.2.3), if it had one; the date form is not read (no clock here).</summary>
    public TimeSpan? RetryAfter => Transport.LastResponse?.Headers?.RetryAfter?.Delta;

    /// <summary>The last answer's HTTP status, or 0 when none arrived.</summary>
    public int HttpStatus => Transport.LastResponse is { } response ? (int)response.StatusCode : 0;
}
