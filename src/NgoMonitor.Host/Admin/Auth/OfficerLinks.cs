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
    /// <summary>The problem detail when no signing key is set, for any kind of signed link.</summary>
    public static string NoKeyDetail(string what) => $"Set Admin:LinkSigningKey (32 characters or more) to create {what}.";

    public bool IsConfigured => options.Value.LinkSigningKey is { Length: >= 32 };

    public (string Token, DateTimeOffset Expires) Create(string recipientId)
    {
        var expires = time.GetUtcNow().AddDays(options.Value.LinkLifetimeDays);
        return (Sign(recipientId, expires), expires);
    }

    public string Sign(string recipientId, DateTimeOffset expires)
    {
        var payload = recipientId + "." + expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return payload + "." + Sign(payload);
    }

    /// <summary>Outcome of checking a token: the recipient id when valid, and whether it failed only by expiry.</summary>
    public LinkCheck Verify(string token)
    {
        var parts = token.Split('.');
        if (!IsConfigured || parts.Length != 3 || parts[0].Length is 0 or > 64 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var unix) || parts[2].Length > 64)
        {
            return new LinkCheck(null, false);
        }

        if (!Matches(parts[0] + "." + parts[1], parts[2]))
        {
            return new LinkCheck(null, false);
        }

        return unix <= time.GetUtcNow().ToUnixTimeSeconds() ? new LinkCheck(null, true) : new LinkCheck(parts[0], false);
    }

    /// <summary>Base64url(HMAC-SHA256(Admin:LinkSigningKey, payload)): the signature of any signed link.</summary>
    public string Sign(string payload) => ApiKeyStore.Base64Url(Mac(payload));

    /// <summary>Whether the signature is the payload's, compared in constant time.</summary>
    public bool Matches(string payload, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(payload)), Encoding.ASCII.GetBytes(signature));

    private byte[] Mac(string payload) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.LinkSigningKey ?? ""), Encoding.UTF8.GetBytes(payload));
}

public sealed record LinkCheck(string? RecipientId, bool Expired);
