namespace NgoMonitor.Core.Geo.Parsing;

/// <summary>
/// A name written after the Arabic article as a separate word ("al Amal Hospital", "al-Rawda clinic", "Al Shifa"),
/// whose whole form the gazetteer lacks, is an Arabic name: of a town in the Arabic-speaking world, or of a facility
/// ("al Amal" is "hope"), never of a namesake elsewhere (Åmål in Sweden). The recogniser keeps only the readings in the
/// countries where Arabic names places; with none left the name is no place.
/// </summary>
internal static class ArabicArticle
{
    // The Arab League, with Chad, Israel and Western Sahara, where towns carry Arabic names written with the article.
    private static readonly HashSet<string> ArabicNamingCountries = new(StringComparer.Ordinal)
    {
        "AE", "BH", "DJ", "DZ", "EG", "EH", "IL", "IQ", "JO", "KM", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA", "SA",
        "SD", "SO", "SY", "TD", "TN", "YE",
    };

    /// <summary>True when token <paramref name="i"/> follows "al" or "Al" as a word of its own, joined by a space or a hyphen.</summary>
    public static bool Follows(GeoTokens tokens, int i)
    {
        if (i < 1 || tokens.FoldedOf(i - 1) is not "al")
        {
            return false;
        }

        var article = tokens.Tokens[i - 1];
        var gap = tokens.Text.AsSpan(article.Start + article.Length, tokens.Tokens[i].Start - article.Start - article.Length);
        return gap is " " or "-";
    }

    /// <summary>True when towns and districts of the country carry Arabic names.</summary>
    public static bool NamesPlacesInArabic(string countryCode) => ArabicNamingCountries.Contains(countryCode);
}
