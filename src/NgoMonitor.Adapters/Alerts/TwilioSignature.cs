using Microsoft.Extensions.Options;
using Twilio.Security;

namespace NgoMonitor.Adapters.Alerts;

/// <summary>
/// Checks X-Twilio-Signature with the Twilio SDK's <see cref="RequestValidator"/> keyed with the configured auth token:
/// HMAC-SHA1 over the URL Twilio called followed by the POST parameters sorted by name, compared in constant time,
/// with the URL tried with and without its port (Twilio signs either form). Behind a proxy,
/// <see cref="TwilioOptions.WebhookBaseUrl"/> gives the public URL the caller passes here.
/// </summary>
public sealed class TwilioSignature(IOptions<TwilioOptions> options)
{
    /// <summary>True when <paramref name="signature"/> signs <paramref name="url"/> and <paramref name="form"/> with the configured auth token.</summary>
    public bool IsValid(Uri url, IEnumerable<KeyValuePair<string, string>> form, string? signature)
    {
        var token = options.Value.AuthToken;
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        // Twilio posts each parameter once; a repeated name cannot be signed unambiguously, so it never validates.
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in form)
        {
            if (!parameters.TryAdd(name, value))
            {
                return false;
            }
        }

        // The validator keeps an HMAC instance, which is not thread-safe: one per check.
        return new RequestValidator(token).Validate(url.AbsoluteUri, parameters, signature);
    }
}
