namespace NgoMonitor.Core.Alerts;

/// <summary>Masks personal data before it reaches a log line: phone numbers and email addresses (brief: "masked in logs").</summary>
public static class Redact
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
}
