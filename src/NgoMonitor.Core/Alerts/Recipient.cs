namespace NgoMonitor.Core.Alerts;

public enum Channel
{
    Sms,
    Email,
}

/// <summary>Someone who receives alerts: a field officer, a security desk.</summary>
/// <param name="Id">Short stable id chosen by the admin.</param>
/// <param name="Name">Display name.</param>
/// <param name="Phone">E.164 number (+ and up to 15 digits, ITU-T E.164), required for SMS.</param>
/// <param name="Email">Address, required for email.</param>
/// <param name="Channels">The channels this recipient is alerted on.</param>
/// <param name="TimeZone">IANA time zone, for quiet hours and message times.</param>
/// <param name="IsAdmin">Also receives feed health alerts (a feed failing or silent).</param>
public sealed record Recipient(string Id, string Name, string? Phone, string? Email, IReadOnlyList<Channel> Channels, string TimeZone = "UTC", bool IsAdmin = false)
{
    public string? AddressFor(Channel channel) => channel switch
    {
        Channel.Sms => Phone,
        Channel.Email => Email,
        _ => null,
    };
}
