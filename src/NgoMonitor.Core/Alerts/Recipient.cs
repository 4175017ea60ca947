using NgoMonitor.Core.Matching;

namespace NgoMonitor.Core.Alerts;

public enum Channel
{
    Sms,
    Email,
}

/// <summary>How often held and throttled alerts are summarised in one email.</summary>
public enum DigestCadence
{
    Hourly,
    Daily,
}

/// <summary>
/// Local hours in which only alerts at or above <paramref name="OverrideSeverity"/> are sent at once; the rest wait
/// for the digest. <paramref name="Start"/> may be after <paramref name="End"/> (22:00–07:00 spans midnight).
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End, Severity OverrideSeverity = Severity.Extreme)
{
    public bool Contains(TimeOnly local) => Start <= End ? local >= Start && local < End : local >= Start || local < End;
}

/// <summary>Someone who receives alerts: a field officer, a security desk.</summary>
/// <param name="Id">Short stable id chosen by the admin.</param>
/// <param name="Name">Display name.</param>
/// <param name="Phone">E.164 number (+ and up to 15 digits, ITU-T E.164), required for SMS.</param>
/// <param name="Email">Address, required for email.</param>
/// <param name="Channels">The channels this recipient is alerted on.</param>
/// <param name="TimeZone">IANA time zone, for quiet hours, digests and message times.</param>
/// <param name="BackupId">Recipient who gets an unacknowledged alert after the escalation delay.</param>
/// <param name="MinSeverity">Alerts below this are not sent (nor digested). Default Minor: everything.</param>
/// <param name="Quiet">Quiet hours, local to <paramref name="TimeZone"/>.</param>
/// <param name="SmsPerHour">At most this many SMS in any sliding hour; the rest go into the digest. Null: no limit.</param>
/// <param name="Digest">Cadence of the digest email of held and throttled alerts.</param>
/// <param name="Language">Message language: "en", "fr" or "ar".</param>
/// <param name="IsAdmin">Also receives feed health alerts (a feed failing or silent).</param>
public sealed record Recipient(
    string Id,
    string Name,
    string? Phone,
    string? Email,
    IReadOnlyList<Channel> Channels,
    string TimeZone = "UTC",
    string? BackupId = null,
    Severity MinSeverity = Severity.Minor,
    QuietHours? Quiet = null,
    int? SmsPerHour = null,
    DigestCadence Digest = DigestCadence.Hourly,
    string Language = "en",
    bool IsAdmin = false)
{
    /// <summary>ISO 3166-1 alpha-2 code of the recipient's country, in which a national phone number was read; null when unset.</summary>
    public string? Country { get; init; }

    /// <summary>The officer's team ("goma"), matched against a watchlist's teams on the subscription page; null when unset.</summary>
    public string? Team { get; init; }

    /// <summary>Where the officer works, matched against watchlists' fences on the subscription page; null: their
    /// <see cref="Country"/>, when set, stands for it.</summary>
    public NgoMonitor.Core.Geo.Geofence? Area { get; init; }

    public string? AddressFor(Channel channel) => channel switch
    {
        Channel.Sms => Phone,
        Channel.Email => Email,
        _ => null,
    };

    /// <summary>"now" on the recipient's wall clock (IANA zone; an unknown zone is treated as UTC).</summary>
    public DateTimeOffset LocalTime(DateTimeOffset now) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? TimeZoneInfo.ConvertTime(now, zone) : now.ToUniversalTime();
}
