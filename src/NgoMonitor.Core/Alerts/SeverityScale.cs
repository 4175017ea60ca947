using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;

namespace NgoMonitor.Core.Alerts;

/// <summary>
/// An alert's severity on the CAP 1.2 scale (Minor &lt; Moderate &lt; Severe &lt; Extreme), in this order:
/// 1. start from the highest severity of the recipient's matched watchlists (the rule's severity);
/// 2. one step up when a reported place is within <see cref="AlertsOptions.CloseRangeKm"/> of a protected place (a fence's
///    site or circle centre, or a corridor's line), and only when that place is precise: a GeoRSS point or a town in the
///    High confidence band (<see cref="Placement.SupportsCloseRange"/>, <see cref="CloseRangeDistanceKm"/>); a district,
///    a country, an uncertain town, or a distance inwards from an area's edge never raises it;
/// 3. one step up when at least <see cref="AlertsOptions.CorroborationSources"/> distinct feeds carry the incident;
/// 4. never above Extreme.
/// Documented for officers in docs/alerts.md.
/// </summary>
public static class SeverityScale
{
    public static Severity For(Severity ruleSeverity, double? nearestKm, int sources, AlertsOptions options)
    {
        var level = (int)ruleSeverity;
        if (nearestKm is { } km && km <= options.CloseRangeKm)
        {
            level++;
        }

        if (sources >= options.CorroborationSources)
        {
            level++;
        }

        return (Severity)Math.Min(level, (int)Severity.Extreme);
    }

    /// <summary>The distance that counts for the close-range step: the nearest of the matches whose placement is
    /// precise enough (<see cref="Placement.SupportsCloseRange"/>) and whose distance is from a site or line, not
    /// inwards from an area's edge; null when there is none.</summary>
    public static double? CloseRangeDistanceKm(IEnumerable<WatchlistMatch> matches) =>
        matches.Where(m => m.Placement?.SupportsCloseRange == true && !m.Inside).Min(m => m.DistanceKm);
}

/// <summary>Where one planned alert goes on one channel.</summary>
public enum AlertRoute
{
    /// <summary>Sent now.</summary>
    Send,

    /// <summary>Held for the next digest (quiet hours, or over the SMS throttle).</summary>
    Digest,

    /// <summary>Below the recipient's minimum severity: not sent.</summary>
    Drop,
}

/// <summary>
/// A recipient's subscription applied to one alert on one channel, in this order:
/// 1. below <see cref="Recipient.MinSeverity"/>: dropped;
/// 2. email is never held (it wakes nobody);
/// 3. SMS inside quiet hours (recipient's local time) and below the quiet hours' override severity: digest;
/// 4. SMS when <see cref="Recipient.SmsPerHour"/> SMS were already planned in the last hour: digest;
/// 5. otherwise sent.
/// </summary>
public static class SubscriptionPolicy
{
    public static AlertRoute Route(Recipient recipient, Channel channel, Severity severity, DateTimeOffset now, int smsInLastHour)
    {
        if (severity < recipient.MinSeverity)
        {
            return AlertRoute.Drop;
        }

        if (channel != Channel.Sms)
        {
            return AlertRoute.Send;
        }

        if (recipient.Quiet is { } quiet && severity < quiet.OverrideSeverity && quiet.Contains(TimeOnly.FromDateTime(recipient.LocalTime(now).DateTime)))
        {
            return AlertRoute.Digest;
        }

        return recipient.SmsPerHour is { } limit && smsInLastHour >= limit ? AlertRoute.Digest : AlertRoute.Send;
    }

    /// <summary>The digest period an alert held at <paramref name="now"/> belongs to, as a sortable local label ("2026-11-24T03" hourly, "2026-11-24" daily).</summary>
    public static string DigestPeriod(Recipient recipient, DateTimeOffset now)
    {
        var local = recipient.LocalTime(now);
        return recipient.Digest == DigestCadence.Daily
            ? local.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd'T'HH", System.Globalization.CultureInfo.InvariantCulture);
    }
}
