using System.Globalization;
using System.Text.RegularExpressions;

namespace NgoMonitor.Core.Feeds;

/// <summary>
/// Parses feed dates into UTC: RFC 3339 (Atom, JSON Feed), RFC 822 / RFC 1123 as amended by RFC 2822 §3.3 (RSS),
/// and their common broken forms: missing day name, two-digit years, single-digit days, named zones. Named zones
/// follow RFC 822 §5.1 (UT, GMT, EST/EDT, CST/CDT, MST/MDT, PST/PDT, military letters) plus common European and
/// Asian abbreviations (MET and CET are UTC+1). A date with no offset is taken as UTC.
/// </summary>
public static partial class FeedDates
{
    private static readonly Dictionary<string, TimeSpan> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = TimeSpan.Zero, ["UTC"] = TimeSpan.Zero, ["GMT"] = TimeSpan.Zero, ["Z"] = TimeSpan.Zero, ["WET"] = TimeSpan.Zero,
        ["EST"] = TimeSpan.FromHours(-5), ["EDT"] = TimeSpan.FromHours(-4),
        ["CST"] = TimeSpan.FromHours(-6), ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7), ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8), ["PDT"] = TimeSpan.FromHours(-7),
        ["AKST"] = TimeSpan.FromHours(-9), ["AKDT"] = TimeSpan.FromHours(-8), ["HST"] = TimeSpan.FromHours(-10),
        ["BST"] = TimeSpan.FromHours(1), ["MET"] = TimeSpan.FromHours(1), ["CET"] = TimeSpan.FromHours(1), ["WEST"] = TimeSpan.FromHours(1),
        ["MEST"] = TimeSpan.FromHours(2), ["CEST"] = TimeSpan.FromHours(2), ["EET"] = TimeSpan.FromHours(2), ["EEST"] = TimeSpan.FromHours(3),
        ["MSK"] = TimeSpan.FromHours(3), ["AST"] = TimeSpan.FromHours(-4), ["ADT"] = TimeSpan.FromHours(-3),
        ["JST"] = TimeSpan.FromHours(9), ["KST"] = TimeSpan.FromHours(9), ["HKT"] = TimeSpan.FromHours(8), ["SGT"] = TimeSpan.FromHours(8),
        ["AEST"] = TimeSpan.FromHours(10), ["AEDT"] = TimeSpan.FromHours(11), ["NZST"] = TimeSpan.FromHours(12), ["NZDT"] = TimeSpan.FromHours(13),
        // US zone names without the standard/daylight letter, as some feeds write them (taken as standard time).
        ["AT"] = TimeSpan.FromHours(-4), ["ET"] = TimeSpan.FromHours(-5), ["CT"] = TimeSpan.FromHours(-6), ["MT"] = TimeSpan.FromHours(-7), ["PT"] = TimeSpan.FromHours(-8),
        ["EAT"] = TimeSpan.FromHours(3), ["CAT"] = TimeSpan.FromHours(2), ["WAT"] = TimeSpan.FromHours(1), ["PKT"] = TimeSpan.FromHours(5),
    };

    private static readonly string[] Rfc822Formats =
    [
        "d MMM yyyy H:mm:ss", "d MMM yyyy H:mm", "d MMM yy H:mm:ss", "d MMM yy H:mm", "d MMMM yyyy H:mm:ss", "d MMMM yyyy H:mm", "d MMM yyyy",
        "MMM d H:mm:ss yyyy", // asctime (C library; HTTP-date's third form, RFC 9110 §5.6.7)
    ];

    public static DateTimeOffset? TryParse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = Spaces().Replace(value.Trim(), " ");
        if (YearOnly().IsMatch(text))
        {
            // W3C-DTF allows a bare year (https://www.w3.org/TR/NOTE-datetime): its first instant.
            return new DateTimeOffset(int.Parse(text, CultureInfo.InvariantCulture), 1, 1, 0, 0, 0, TimeSpan.Zero);
        }

        // RFC 3339 / ISO 8601 first: it is unambiguous.
        if (Iso().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var iso))
        {
            return iso.ToUniversalTime();
        }

        // RFC 822: "[Day, ]d Mon yyyy hh:mm[:ss] zone"
        // Broken forms: "13 Feb, 2012", "Etc/GMT", "GMT-01:01", and asctime with the offset before the year
        // ("Jul 15 01:16:00 +0000 2012", as Twitter writes it).
        var rfc = DayName().Replace(text, "").Replace(",", " ", StringComparison.Ordinal).Replace("Etc/", "", StringComparison.Ordinal);
        rfc = Spaces().Replace(GmtOffset().Replace(rfc, "$1"), " ").Trim();
        rfc = OffsetBeforeYear().Replace(rfc, "$2 $1");
        var offset = TimeSpan.Zero;
        var zone = TrailingZone().Match(rfc);
        if (zone.Success)
        {
            var z = zone.Groups["zone"].Value;
            if (z.StartsWith('+') || z.StartsWith('-'))
            {
                var digits = z[1..].Replace(":", "", StringComparison.Ordinal);
                if (digits.Length == 4 && int.TryParse(digits[..2], out var h) && int.TryParse(digits[2..], out var m) && h <= 14 && m < 60)
                {
                    offset = new TimeSpan(h, m, 0) * (z[0] == '-' ? -1 : 1);
                }
            }
            else if (Zones.TryGetValue(z, out var named))
            {
                offset = named;
            }
            else if (z.Length == 1 && char.IsLetter(z[0]))
            {
                offset = TimeSpan.Zero; // RFC 1123 §5.2.14: military zone letters are unreliable; treat as UTC.
            }

            rfc = rfc[..zone.Index].TrimEnd();
        }

        if (DateTime.TryParseExact(rfc, Rfc822Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
        }

        // Last resort: whatever .NET understands, taken as UTC when it carries no offset.
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var any)
            ? any.ToUniversalTime()
            : null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex YearOnly();

    [GeneratedRegex(@"\b(?:GMT|UTC)([+-]\d{1,2}:?\d{2})$")]
    private static partial Regex GmtOffset();

    [GeneratedRegex(@"\s([+-]\d{4})\s(\d{4})$")]
    private static partial Regex OffsetBeforeYear();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex Iso();

    [GeneratedRegex(@"^[A-Za-z]{3,9},?\s*", RegexOptions.None)]
    private static partial Regex DayName();

    [GeneratedRegex(@"\s(?<zone>[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})$")]
    private static partial Regex TrailingZone();
}
