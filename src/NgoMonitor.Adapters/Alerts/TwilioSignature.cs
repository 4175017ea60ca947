using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace NgoMonitor.Adapters.Alerts;

/// <summary>
/// Checks X-Twilio-Signature (Twilio webhooks security): the full URL Twilio called (scheme, host, path, query), then
/// each POST parameter as name followed by value, sorted by name (ordinal), no separators; HMAC-SHA1 keyed with the
/// auth token; Base64. Compared in constant time. The URL is accepted with or without the scheme's default port,
/// because Twilio may sign either form. Behind a proxy, <see cref="TwilioOptions.WebhookBaseUrl"/> gives the public URL.
/// </summary>
public sealed class TwilioSignature(IOptions<TwilioOptions> options)
{
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

#pragma warning disable CA5350 // Twilio's scheme is HMAC-SHA1; we verify it, we do not choose it.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    /// <summary>True when <paramref name="signature"/> signs <paramref name="url"/> and <paramref name="form"/> with the configured auth token.</summary>
    public bool IsValid(Uri url, IReadOnlyList<KeyValuePair<string, string>> form, string? signature)
    {
        var token = options.Value.AuthToken;
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var given = Encoding.ASCII.GetBytes(signature);
        return UrlForms(url).Aggregate(false, (ok, candidate) =>
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(token, candidate, form)), given) | ok);
    }

    /// <summary>The URL as called with the port shown and with it left out (only when it is the scheme's default).</summary>
    private static IEnumerable<string> UrlForms(Uri url)
    {
        var withoutPort = new UriBuilder(url) { Port = -1 }.Uri.AbsoluteUri;
        var withPort = url.GetLeftPart(UriPartial.Scheme) + url.Host + ":" + url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) + url.PathAndQuery;
        return url.IsDefaultPort ? [withoutPort, withPort] : [url.AbsoluteUri];
    }
}
