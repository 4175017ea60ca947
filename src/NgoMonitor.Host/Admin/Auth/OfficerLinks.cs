using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace NgoMonitor.Host.Admin.Auth;

/// <summary>
/// Signed, expiring officer links. Token: "{recipientId}.{expiry as Unix seconds}.{signature}", the signature being
/// base64url(HMAC-SHA256(Admin:LinkSigningKey, "{recipientId}.{expiry}")). Recipient ids hold no '.', so the
/// token splits unambiguously. Verification is constant-time and rejects expired tokens.
/// </summary>
public sealed class OfficerLinks(IOptions<AdminApiOptions> options, TimeProvider time)
{
    public bool IsConfigured => options.Value.LinkSigningKey is { Length: >= 32 };

    public (string Token, DateTimeOffset Expires) Create(string recipientId)
    {
        var expires = time.GetUtcNow().AddDays(options.Value.LinkLifetimeDays);
        return (Sign(recipientId, expires), expires);
    }

    public string Sign(string recipientId, DateTimeOffset expires)
    {
        var payload = recipientId + "." + expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return payload + "." + ApiKeyStore.Base64Url(Mac(payload));
    }

    /// <summary>Outcome of checking a token: the recipient id when valid, and whether it failed only by expiry.</summary>
    public LinkCheck Verify(string token)
    {
        var parts = token.Split('.');
        if (!IsConfigured || parts.Length != 3 || parts[0].Length is 0 or > 64 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var unix) || parts[2].Length > 64)
        {
            return new LinkCheck(null, false);
        }

        var expected = Encoding.ASCII.GetBytes(ApiKeyStore.Base64Url(Mac(parts[0] + "." + parts[1])));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])))
        {
            return new LinkCheck(null, false);
        }

        return unix <= time.GetUtcNow().ToUnixTimeSeconds() ? new LinkCheck(null, true) : new LinkCheck(parts[0], false);
    }

    private byte[] Mac(string payload) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.LinkSigningKey ?? ""), Encoding.UTF8.GetBytes(payload));
}

public sealed record LinkCheck(string? RecipientId, bool Expired);
