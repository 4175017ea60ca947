using System.Globalization;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;

namespace NgoMonitor.Core.Alerts;

/// <summary>
/// What an alert says about place, in the recipient's language (en, fr, ar), claiming no more precision than the
/// placement has (<see cref="Placement"/>):
/// - a GeoRSS point or a town in the High band: "Sake, 25 km W of Goma office"; "&lt;1 km from" only here;
/// - a town below High (or a row stored without its placement): "Sake (place uncertain), ~25 km W of Goma office";
/// - a district or province: "in Nord-Kivu (district-level place, ~25 km W of Goma office)", the distance rounded to
///   5 km, at least 5, since it is measured to the district's centre;
/// - a country or a larger region: "in Syria (country-level place)", no distance (its point is a centroid);
/// - Low confidence adds "uncertain" to a district, country or region.
/// Directions are 8-point, from the protected site to the place, and given only for a distance measured from a site;
/// distances inwards from an area's edge say "inside", from a corridor's line "from".
/// </summary>
public static class PlaceWording
{
    /// <summary>"Sake, 25 km W of Goma office", "in Syria (country-level place)", or "" when the match has no place.</summary>
    public static string Where(WatchlistMatch m, string language)
    {
        var w = Words.For(language);
        var placement = m.Placement;
        var method = placement?.Method ?? PlacementMethod.NamedTown;
        var precise = placement?.SupportsCloseRange == true;
        var low = placement is null || placement.Band == PlacementBand.Low;
        var distance = m.FenceName is not null && m.DistanceKm is { } km ? Distance(w, m, km, method, precise) : null;
        if (m.PlaceName is null && distance is null)
        {
            return "";
        }

        if (method is PlacementMethod.GeoRssPoint or PlacementMethod.NamedTown)
        {
            var name = precise ? m.PlaceName : m.PlaceName is null ? w.Uncertain : $"{m.PlaceName} ({w.Uncertain})";
            return string.Join(w.Comma, new[] { name, distance }.Where(s => !string.IsNullOrEmpty(s)));
        }

        if (m.PlaceName is null)
        {
            return distance ?? "";
        }

        var level = method switch
        {
            PlacementMethod.District => w.District,
            PlacementMethod.Country => w.Country,
            _ => w.Region,
        };
        var notes = new[] { level, low ? w.UncertainNote : null, method == PlacementMethod.District ? distance : null }.Where(s => s is not null);
        return string.Format(CultureInfo.InvariantCulture, w.In, m.PlaceName) + " (" + string.Join(w.Comma, notes) + ")";
    }

    /// <summary>The place part of a "why" line (English, as the rest of it): "; Sake, 25 km W of Goma office (named
    /// town, high confidence 0.85)", "; place named: Sake (...)"; empty when the match has no place.</summary>
    public static string Why(WatchlistMatch m)
    {
        var where = Where(m, "en");
        if (where.Length == 0)
        {
            return "";
        }

        var how = m.Placement is { } p ? " (" + Describe(p) + ")" : " (placement not recorded)";
        return m.FenceName is null ? "; place named: " + where + how : "; " + where + how;
    }

    /// <summary>"named town, high confidence 0.85", "GeoRSS point, high confidence 1.00" (English).</summary>
    public static string Describe(Placement p) => string.Format(CultureInfo.InvariantCulture, "{0}, {1} confidence {2:0.00}", Method(p.Method), p.Band.ToString().ToLowerInvariant(), p.Confidence);

    /// <summary>The method in words (English): "GeoRSS point", "named town", "district-level place", ...</summary>
    public static string Method(PlacementMethod method) => method switch
    {
        PlacementMethod.GeoRssPoint => "GeoRSS point",
        PlacementMethod.NamedTown => "named town",
        PlacementMethod.District => "district-level place",
        PlacementMethod.Country => "country-level place",
        _ => "region-level place",
    };

    private static string? Distance(Words w, WatchlistMatch m, double km, PlacementMethod method, bool precise)
    {
        if (method is PlacementMethod.Country or PlacementMethod.Region)
        {
            return null;
        }

        string amount;
        if (method == PlacementMethod.District)
        {
            amount = "~" + (Math.Max(5, Math.Round(km / 5, MidpointRounding.AwayFromZero) * 5)).ToString("0", CultureInfo.InvariantCulture);
        }
        else if (precise)
        {
            amount = km < 1 ? "<1" : km.ToString("0", CultureInfo.InvariantCulture);
        }
        else
        {
            amount = "~" + Math.Max(1, km).ToString("0", CultureInfo.InvariantCulture);
        }

        if (m.Inside)
        {
            return string.Format(CultureInfo.InvariantCulture, w.Inside, amount, m.FenceName);
        }

        return m.Direction is { } direction && amount != "<1"
            ? string.Format(CultureInfo.InvariantCulture, w.FromDirection, amount, m.FenceName, w.Directions[(int)direction])
            : string.Format(CultureInfo.InvariantCulture, w.From, amount, m.FenceName);
    }

    /// <summary>Words per language. French uses only accents in GSM 03.38 (é, à), so French alerts stay GSM-7; Arabic
    /// is UCS-2 (70 characters a segment), so its words are short.</summary>
    private sealed record Words(
        string From, string FromDirection, string Inside, string[] Directions, string In, string Uncertain, string UncertainNote,
        string District, string Country, string Region, string Comma)
    {
        private static readonly Words En = new(
            "{0} km from {1}", "{0} km {2} of {1}", "{0} km inside {1}", ["N", "NE", "E", "SE", "S", "SW", "W", "NW"],
            "in {0}", "place uncertain", "uncertain", "district-level place", "country-level place", "region-level place", ", ");

        private static readonly Words Fr = new(
            "à {0} km de {1}", "à {0} km {2} de {1}", "à {0} km dans {1}",
            ["au nord", "au nord-est", "à l'est", "au sud-est", "au sud", "au sud-ouest", "à l'ouest", "au nord-ouest"],
            "zone {0}", "lieu incertain", "incertain", "niveau district", "niveau pays", "niveau région", ", ");

        private static readonly Words Ar = new(
            "{0} كم من {1}", "{0} كم {2} {1}", "{0} كم داخل {1}", ["شمال", "شمال شرق", "شرق", "جنوب شرق", "جنوب", "جنوب غرب", "غرب", "شمال غرب"],
            "في {0}", "مكان غير مؤكد", "غير مؤكد", "مستوى منطقة", "مستوى دولة", "مستوى إقليم", "، ");

        public static Words For(string language) => language switch
        {
            "fr" => Fr,
            "ar" => Ar,
            _ => En,
        };
    }
}
