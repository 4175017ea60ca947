using System.Text.RegularExpressions;

namespace NgoMonitor.Core.Geo;

/// <summary>
/// How news is written about places, as the geoparser reads it:
/// <list type="bullet">
/// <item>a dateline opens a story with the filing city in capitals: "WASHINGTON (Reuters) –", "BEIRUT, May 3 (AFP) –",
/// "GOMA, DR Congo —"; it names the city, not the state or region of that name;</item>
/// <item>a capital followed by a verb of speech or decision stands for its government ("Washington said", "Moscow
/// denied"): it is the capital, not a person and not the state;</item>
/// <item>a place qualified by its bearing from another ("Sake, west of Goma", "near Goma", "à 20 km au nord de Goma",
/// "غرب غوما") is the place; the other is only context (<see cref="PlaceMention.RelativeTo"/>).</item>
/// </list>
/// </summary>
public static partial class NewsReading
{
    /// <summary>Score added to a city reading of a dateline and to the capital reading of a government metonym.</summary>
    public const double DatelineBonus = 6;

    /// <summary>A city this populous (or a capital) makes its far smaller namesakes need local evidence.</summary>
    public const long MajorCityPopulation = 500_000;

    /// <summary>How many times smaller a namesake must be than the major city to need local evidence.</summary>
    public const long MajorCityRatio = 20;

    /// <summary>Prior of an ocean or sea (no population): about that of a country of a few million.</summary>
    public const double WaterBodyPrior = 12;

    // After the capitals: an optional ", Country" or ", May 3", then the agency in brackets or a dash.
    [GeneratedRegex(@"^\s*(,[^\n(—–\-]{1,40})?\s*(\([A-Za-z][\w .&/-]{0,30}\)\s*)?[—–\-:]", RegexOptions.CultureInvariant)]
    private static partial Regex AfterDateline();

    [GeneratedRegex(@"^\s+(said|says|say|told|denied|denies|warned|warns|announced|announces|accused|accuses|insisted|rejected|rejects|condemned|condemns|responded|demanded|demands|has|had|is|was|will|would|dit|a\s+déclaré|a\s+annoncé|affirme|a\s+affirmé|accuse|dément|a\s+démenti)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SpeechAfter();

    // Between a place and the one it is placed from: "west of", "20 km north of", "near", "outside", "au nord de",
    // "près de", "à 20 km de", "غرب", "قرب", "شمال". Optional comma and article.
    [GeneratedRegex(@"^\s*,?\s*(?:(?:about|some|around|environ|à)?\s*\d+(?:[.,]\d+)?\s*(?:km|kms|kilometres|kilometers|miles|mi|كم)\s+(?:(?:de|from|of|من)\s+|(?=\S))|)(?:(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of|near|outside|close\s+to|on\s+the\s+outskirts\s+of|au\s+(?:nord|sud)(?:-est|-ouest)?\s+de|à\s+l['’](?:est|ouest)\s+de|près\s+de|non\s+loin\s+de|aux\s+environs\s+de|شمال|جنوب|شرق|غرب|قرب|بالقرب\s+من|ريف)\s+)?(?:the\s+|la\s+|le\s+|l['’]|town\s+of\s+|city\s+of\s+|ville\s+de\s+|مدينة\s+)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Bearing();

    /// <summary>True when text[start..end) is a word in capitals at the start of the text, of a line or of a sentence,
    /// followed by what ends a dateline.</summary>
    public static bool IsDateline(string text, int start, int end)
    {
        var k = start - 1;
        while (k >= 0 && text[k] is ' ' or '\t' or '\r')
        {
            k--;
        }

        // At the start of the text or of a line, or after a sentence: a headline run into the story ("... crops .
        // BEIRUT: Israel ...") or a byline ("Staff Reporter. NEWARK -- ...", "Reporter March 29, 2009 NEWARK -- ...").
        if (k >= 0 && text[k] is not '\n' and not '.' and not '!' and not '?' && !EndsWithYear(text, k))
        {
            return false;
        }

        var letters = 0;
        for (var i = start; i < end; i++)
        {
            if (char.IsLetter(text[i]))
            {
                if (!char.IsUpper(text[i]))
                {
                    return false;
                }

                letters++;
            }
        }

        return letters >= 3 && AfterDateline().IsMatch(text.AsSpan(end, Math.Min(80, text.Length - end)));
    }

    /// <summary>A byline's date ends at <paramref name="k"/>: four digits of a year from 1900 on, alone.</summary>
    private static bool EndsWithYear(string text, int k) =>
        k >= 3 && (text[k - 3] == '2' || (text[k - 3] == '1' && text[k - 2] == '9'))
        && char.IsAsciiDigit(text[k - 3]) && char.IsAsciiDigit(text[k - 2]) && char.IsAsciiDigit(text[k - 1]) && char.IsAsciiDigit(text[k])
        && (k == 3 || !char.IsLetterOrDigit(text[k - 4]));

    /// <summary>True when a verb of speech or decision follows: "Washington said", "Moscou a démenti".</summary>
    public static bool IsFollowedBySpeech(string text, int end) =>
        SpeechAfter().IsMatch(text.AsSpan(end, Math.Min(30, text.Length - end)));

    // What the bearing pattern allows on its own that places nothing: an article or "the town of".
    [GeneratedRegex(@"^\s*,?\s*(?:the|la|le|l['’]|town\s+of|city\s+of|ville\s+de|مدينة)?\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ArticleOnly();

    /// <summary>True when the words between two places place the first from the second: "Sake, west of Goma".</summary>
    /// <remarks>The bearing pattern is tried first: nearly every gap between two places fails it, so the article-only
    /// test runs only for the few that pass.</remarks>
    public static bool IsBearing(ReadOnlySpan<char> between) =>
        between.Length is > 0 and <= 60 && Bearing().IsMatch(between) && !ArticleOnly().IsMatch(between);

    /// <summary>Marks "X, west of Y" pairs: X gets <see cref="PlaceMention.RelativeTo"/> Y, and Y is a reference point.</summary>
    public static List<PlaceMention> LinkBearings(string text, List<PlaceMention> mentions)
    {
        for (var k = 0; k + 1 < mentions.Count; k++)
        {
            var a = mentions[k];
            var b = mentions[k + 1];
            var gap = b.Start - (a.Start + a.Length);
            if (gap > 0 && !b.IsReferencePoint && IsBearing(text.AsSpan(a.Start + a.Length, gap)))
            {
                mentions[k] = a with { RelativeTo = b.Place };
                mentions[k + 1] = b with { IsReferencePoint = true };
            }
        }

        return mentions;
    }
}
