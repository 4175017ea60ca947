using System.Globalization;
using NgoMonitor.Core.Geo;

namespace NgoMonitor.Core.Alerts;

/// <summary>
/// The small facts an officer reads in a message, worded the same way everywhere: a time on the recipient's own clock
/// with its zone named, a place as a geo: URI (RFC 5870, opens the phone's map app) and as a web map link, and a title
/// shortened at a word boundary.
/// </summary>
public static class MessageFacts
{
    /// <summary>"2026-11-24 11:00 (Africa/Kinshasa, UTC+01:00)"; an unknown zone reads as UTC.</summary>
    public static string LocalTime(Recipient recipient, DateTimeOffset at)
    {
        var local = recipient.LocalTime(at);
        var offset = local.Offset;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(recipient.TimeZone, out _) ? recipient.TimeZone : "UTC";
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return string.Create(CultureInfo.InvariantCulture, $"{local:yyyy-MM-dd HH:mm} ({zone}, UTC{sign}{offset.Duration():hh\\:mm})");
    }

    /// <summary>"geo:36.58660,37.04630" (RFC 5870: latitude, longitude in WGS 84).</summary>
    public static string GeoUri(GeoPoint point) => string.Create(CultureInfo.InvariantCulture, $"geo:{point.Lat:0.#####},{point.Lon:0.#####}");

    /// <summary>An OpenStreetMap page with a marker on the point, zoomed to town scale.</summary>
    public static string WebMap(GeoPoint point) =>
        string.Create(CultureInfo.InvariantCulture, $"https://www.openstreetmap.org/?mlat={point.Lat:0.#####}&mlon={point.Lon:0.#####}#map=12/{point.Lat:0.#####}/{point.Lon:0.#####}");

    /// <summary>
    /// The longest prefix of <paramref name="text"/> within <paramref name="units"/> (as <paramref name="measure"/>
    /// counts them) that ends at a word boundary; a single word longer than that is cut inside it rather than dropped.
    /// </summary>
    public static string CutAtWord(string text, int units, Func<string, int> measure)
    {
        var end = Prefix(text, units, measure).Length;
        if (end >= text.Length || char.IsWhiteSpace(text[end]))
        {
            return text[..end].TrimEnd();
        }

        var space = text.LastIndexOf(' ', Math.Max(0, end - 1));
        return space > 0 ? text[..space].TrimEnd(' ', ',', ';', ':', '-') : text[..end];
    }

    /// <summary>The longest prefix within <paramref name="units"/> as <paramref name="measure"/> counts them (never splitting a surrogate pair).</summary>
    public static string Prefix(string text, int units, Func<string, int> measure)
    {
        var end = 0;
        while (end < text.Length && measure(text[..(end + 1)]) <= units)
        {
            end++;
        }

        if (end > 0 && end < text.Length && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return text[..end];
    }
}
