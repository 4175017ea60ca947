namespace NgoMonitor.Core.Matching.Rules;

/// <summary>
/// Picks the analysis language of an item that declares none. Rules, in order:
/// 1. a declared language wins, reduced to its primary subtag ("fr-FR" → "fr"); one outside en, fr, ar, tr is "und"
///    (folded, not stemmed);
/// 2. otherwise, over the first <see cref="SampleLength"/> characters of title and body: mostly Arabic letters → "ar";
/// 3. otherwise the language with most stopword hits (English, French, Turkish; Turkish-only letters ğ ş ı count
///    as hits too) when it has at least two; Latin text with no clear signal → "en", the commonest feed language;
/// 4. text with no Latin or Arabic letters → "und".
/// Script and stopwords are enough here: the choice only selects a stemmer.
/// </summary>
public static class LanguageDetector
{
    /// <summary>How much text detection reads: enough for a headline and a lead paragraph.</summary>
    public const int SampleLength = 600;

    public static readonly IReadOnlyList<string> Supported = ["en", "fr", "ar", "tr"];

    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "the", "and", "of", "to", "in", "is", "was", "were", "for", "on", "with", "by", "that", "from", "at", "has",
        "have", "been", "are", "after", "said", "this", "which", "their", "its", "an", "as", "his", "her",
    };

    private static readonly HashSet<string> French = new(StringComparer.Ordinal)
    {
        "le", "la", "les", "des", "du", "de", "et", "une", "un", "est", "dans", "pour", "sur", "par", "au", "aux",
        "avec", "qui", "que", "ont", "été", "ce", "cette", "ses", "leur", "selon", "l", "d", "qu", "pas", "plus",
    };

    private static readonly HashSet<string> TurkishWords = new(StringComparer.Ordinal)
    {
        "ve", "bir", "bu", "ile", "için", "da", "de", "olarak", "olan", "gibi", "daha", "çok", "ancak", "sonra",
        "göre", "kadar", "en", "ama", "veya", "ise", "mi", "şu", "yeni", "oldu", "tarafından",
    };

    /// <summary>The analysis language for an item (see the class comment).</summary>
    public static string Resolve(string? declared, string title, string body)
    {
        if (!string.IsNullOrWhiteSpace(declared))
        {
            var primary = declared.Split('-', '_')[0].Trim().ToLowerInvariant();
            return Supported.Contains(primary) ? primary : "und";
        }

        return Detect(title, body);
    }

    /// <summary>Detects the language of title plus body (see the class comment).</summary>
    public static string Detect(string title, string body)
    {
        var sample = title.Length >= SampleLength ? title[..SampleLength]
            : title.Length == 0 ? (body.Length > SampleLength ? body[..SampleLength] : body)
            : title + " " + (body.Length > SampleLength - title.Length ? body[..(SampleLength - title.Length)] : body);
        int arabic = 0, latin = 0;
        foreach (var c in sample)
        {
            if (c is >= '\u0600' and <= '\u06FF')
            {
                arabic++;
            }
            else if (char.IsAsciiLetter(c) || (c is >= '\u00C0' and <= '\u024F'))
            {
                latin++;
            }
        }

        if (arabic > 0 && arabic >= latin)
        {
            return "ar";
        }

        if (latin == 0)
        {
            return "und";
        }

        int en = 0, fr = 0, tr = 0;
        Span<char> lower = stackalloc char[32];
        var english = English.GetAlternateLookup<ReadOnlySpan<char>>();
        var french = French.GetAlternateLookup<ReadOnlySpan<char>>();
        var turkish = TurkishWords.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var (start, length) in RuleTextAnalyzer.Words(sample))
        {
            if (length > lower.Length)
            {
                continue; // no stopword is that long
            }

            var word = lower[..sample.AsSpan(start, length).ToLowerInvariant(lower)];
            en += english.Contains(word) ? 1 : 0;
            fr += french.Contains(word) ? 1 : 0;
            tr += turkish.Contains(word) ? 1 : 0;
            tr += word.IndexOfAny("ğşı") >= 0 ? 1 : 0;
        }

        if (fr >= 2 && fr > en && fr >= tr)
        {
            return "fr";
        }

        return tr >= 2 && tr > en && tr > fr ? "tr" : "en";
    }
}
