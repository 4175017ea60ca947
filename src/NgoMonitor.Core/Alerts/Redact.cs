using System.Text.RegularExpressions;

namespace NgoMonitor.Core.Alerts;

/// <summary>Masks personal data before it reaches a log line or storage: phone numbers, email addresses, credentials.</summary>
public static partial class Redact
{
    /// <summary>"+447700900123" → "+44*******123": country code and last three digits stay, for support.</summary>
    public static string Phone(string? phone) =>
        string.IsNullOrEmpty(phone) ? "" : phone.Length <= 6 ? new string('*', phone.Length) : phone[..3] + new string('*', phone.Length - 6) + phone[^3..];

    /// <summary>"officer@example.org" → "o***@example.org".</summary>
    public static string Email(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return "";
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }

    public static string Address(Channel channel, string? address) => channel == Channel.Sms ? Phone(address) : Email(address);

    /// <summary><paramref name="text"/> (a provider's error, say) with every copy of <paramref name="address"/> masked.</summary>
    public static string? AddressIn(string? text, Channel channel, string? address) =>
        string.IsNullOrEmpty(text) || string.IsNullOrEmpty(address) ? text : text.Replace(address, Address(channel, address), StringComparison.Ordinal);

    /// <summary>
    /// A provider's error text as it may be stored and shown (outbox rows, GET /api/alerts, admin notices): the row's
    /// address masked, then any other phone number (+ and 8-15 digits) or email address, and any 32-hex-digit
    /// credential (a Twilio auth token, an account or API key SID "AC…"/"SK…"; message SIDs "SM…" stay, for support).
    /// </summary>
    public static string? ProviderText(string? text, Channel channel, string? address)
    {
        var masked = AddressIn(text, channel, address);
        if (string.IsNullOrEmpty(masked))
        {
            return masked;
        }

        masked = PhoneShape().Replace(masked, m => Phone(m.Value));
        masked = EmailShape().Replace(masked, m => Email(m.Value));
        return HexSecret().Replace(masked, "[redacted]");
    }

    [GeneratedRegex(@"\+[0-9]{8,15}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneShape();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:AC|SK)?[0-9a-fA-F]{32}(?![0-9a-fA-F])", RegexOptions.CultureInvariant)]
    private static partial Regex HexSecret();
}
