namespace NgoMonitor.Core.Matching.Rules;

/// <summary>
/// A set of languages, one bit each: the languages a rule is written for, and those an item may be in. A rule applies
/// to an item when the two sets share a language. <see cref="Other"/> stands for every language Monitor does not
/// detect (a feed declared "es", text in no script Monitor reads).
/// </summary>
[Flags]
public enum LanguageSet : byte
{
    None = 0,
    English = 1,
    French = 2,
    Turkish = 4,
    Arabic = 8,
    Other = 16,

    /// <summary>The languages written in Latin script: what stopwords decide between.</summary>
    Latin = English | French | Turkish | Other,

    All = Latin | Arabic,
}

/// <summary>Language codes to <see cref="LanguageSet"/>s.</summary>
public static class LanguageSets
{
    /// <summary>
    /// The set a rule written in <paramref name="language"/> applies to (BCP 47, reduced to its primary subtag:
    /// "fr-FR" is French): null or empty is <see cref="LanguageSet.All"/>, for rules written for every language (an
    /// admin's keyword list); a language Monitor does not detect is <see cref="LanguageSet.Other"/>.
    /// </summary>
    public static LanguageSet Of(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return LanguageSet.All;
        }

        var primary = language.AsSpan().Trim();
        var end = primary.IndexOfAny('-', '_');
        return Code(end < 0 ? primary : primary[..end]);
    }

    private static LanguageSet Code(ReadOnlySpan<char> primary) =>
        primary.Equals("en", StringComparison.OrdinalIgnoreCase) ? LanguageSet.English
        : primary.Equals("fr", StringComparison.OrdinalIgnoreCase) ? LanguageSet.French
        : primary.Equals("ar", StringComparison.OrdinalIgnoreCase) ? LanguageSet.Arabic
        : primary.Equals("tr", StringComparison.OrdinalIgnoreCase) ? LanguageSet.Turkish
        : LanguageSet.Other;
}
