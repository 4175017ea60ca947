using System.Collections.Frozen;

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

    private static readonly string[] English =
    [
        "the", "and", "of", "to", "in", "is", "was", "were", "for", "on", "with", "by", "that", "from", "at", "has",
        "have", "been", "are", "after", "said", "this", "which", "their", "its", "an", "as", "his", "her",
    ];

    private static readonly string[] French =
    [
        "le", "la", "les", "des", "du", "de", "et", "une", "un", "est", "dans", "pour", "sur", "par", "au", "aux",
        "avec", "qui", "que", "ont", "été", "ce", "cette", "ses", "leur", "selon", "l", "d", "qu", "pas", "plus",
    ];

    private static readonly string[] TurkishWords =
    [
        "ve", "bir", "bu", "ile", "için", "da", "de", "olarak", "olan", "gibi", "daha", "çok", "ancak", "sonra",
        "göre", "kadar", "en", "ama", "veya", "ise", "mi", "şu", "yeni", "oldu", "tarafından",
    ];

    /// <summary>All three lists in one table, word to the languages it is a stopword of: detection runs on every
    /// item without a declared language, and one lookup per word is a third of three. Frozen: built once, read on
    /// every item, and a frozen table of short strings is quicker to probe than a dictionary.</summary>
    private static readonly FrozenDictionary<string, Stopword> Stopwords = BuildStopwords();

    [Flags]
    private enum Stopword
    {
        English = 1,
        French = 2,
        Turkish = 4,
    }

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
        // The sample is the first SampleLength characters of title, then body: read in place, in two parts (a
        // word never spans them, as the space that would join them separates words).
        var titlePart = title.AsSpan(0, Math.Min(title.Length, SampleLength));
        var bodyPart = title.Length >= SampleLength ? []
            : body.AsSpan(0, Math.Min(body.Length, SampleLength - title.Length));
        int arabic = 0, latin = 0, nonAscii = 0;
        CountScripts(titlePart, ref arabic, ref latin, ref nonAscii);
        CountScripts(bodyPart, ref arabic, ref latin, ref nonAscii);
        if (arabic > 0 && arabic >= latin)
        {
            return "ar";
        }

        if (latin == 0)
        {
            return "und";
        }

        int en = 0, fr = 0, tr = 0;
        CountStopwords(titlePart, nonAscii > 0, ref en, ref fr, ref tr);
        CountStopwords(bodyPart, nonAscii > 0, ref en, ref fr, ref tr);
        if (fr >= 2 && fr > en && fr >= tr)
        {
            return "fr";
        }

        return tr >= 2 && tr > en && tr > fr ? "tr" : "en";
    }

    private static void CountScripts(ReadOnlySpan<char> text, ref int arabic, ref int latin, ref int nonAscii)
    {
        foreach (var c in text)
        {
            nonAscii += c >= 128 ? 1 : 0;
            if (c is >= '\u0600' and <= '\u06FF')
            {
                arabic++;
            }
            else if (char.IsAsciiLetter(c) || (c is >= '\u00C0' and <= '\u024F'))
            {
                latin++;
            }
        }
    }

    /// <param name="nonAscii">Whether the sample has any non-ASCII character: without, no word has ğ, ş or ı.</param>
    private static void CountStopwords(ReadOnlySpan<char> text, bool nonAscii, ref int en, ref int fr, ref int tr)
    {
        Span<char> lower = stackalloc char[32];
        var stopwords = Stopwords.GetAlternateLookup<ReadOnlySpan<char>>();
        var i = 0;
        while (RuleTextAnalyzer.NextWord(text, ref i, out var start))
        {
            if (i - start > lower.Length)
            {
                continue; // no stopword is that long
            }

            var word = lower[..text[start..i].ToLowerInvariant(lower)];
            if (stopwords.TryGetValue(word, out var languages))
            {
                en += (languages & Stopword.English) != 0 ? 1 : 0;
                fr += (languages & Stopword.French) != 0 ? 1 : 0;
                tr += (languages & Stopword.Turkish) != 0 ? 1 : 0;
            }

            tr += nonAscii && word.IndexOfAny("ğşı") >= 0 ? 1 : 0;
        }
    }

    private static FrozenDictionary<string, Stopword> BuildStopwords()
    {
        // Default comparer: ordinal, and it supports lookups by span.
        var table = new Dictionary<string, Stopword>();
        foreach (var (words, language) in new[] { (English, Stopword.English), (French, Stopword.French), (TurkishWords, Stopword.Turkish) })
        {
            foreach (var word in words)
            {
                table[word] = table.GetValueOrDefault(word) | language;
            }
        }

        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
