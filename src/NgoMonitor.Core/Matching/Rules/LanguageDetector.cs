using System.Collections.Frozen;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace NgoMonitor.Core.Matching.Rules;

/// <summary>
/// Reads the language of an item: the language its words are analysed in, and the languages whose rules apply to it
/// (<see cref="ItemLanguage"/>). Evidence, over the first <see cref="SampleLength"/> characters of title and body:
/// Arabic and Latin letters, and stopword hits of English, French and Turkish (Turkish-only letters ğ ş ı count as
/// Turkish hits). Rules, in order:
/// 1. a declared language outside en, fr, ar, tr is "und" (folded, not stemmed), and every rule applies: the stopwords
///    know no other language, so the text can neither confirm nor contradict it;
/// 2. the Latin-script part of the text is settled when one language has at least <see cref="SettledHits"/> stopword
///    hits and <see cref="SettledRatio"/> times as many as any other: then that language's rules apply, and it wins over
///    a declared one (a French report in an English feed is French). On 11,234 English incident descriptions and 588
///    English news articles no text is settled as another language; a declaration is a statement about the feed, the
///    text about the item;
/// 3. otherwise (a short title, mixed text, names) the declared language applies alone when it is a Latin-script one,
///    and with no declaration every Latin-script language's rules apply: a guess must not hide an item from the rules
///    of the language it may be in;
/// 4. Arabic rules apply whenever the text has Arabic letters (they can only meet Arabic words); the item is Arabic
///    when Arabic letters are at least as many as Latin ones, settled when they are twice as many;
/// 5. with no declaration, the analysis language is the stopword winner when it has at least two hits and more than
///    the others, else "en", the commonest feed language; text with no Latin or Arabic letters is "und".
/// Script and stopwords are enough here: the choice selects a stemmer and which rules apply, and a doubt widens the
/// rules rather than narrowing them.
/// </summary>
public static class LanguageDetector
{
    /// <summary>How much text detection reads: enough for a headline and a lead paragraph.</summary>
    public const int SampleLength = 600;

    /// <summary>Stopword hits that settle a language (rule 2): one hit is a name ("UN", "De Mistura", "La Paz") as
    /// often as a sentence.</summary>
    public const int SettledHits = 2;

    /// <summary>How many times the runner-up's hits the winner needs to settle a language (rule 2): English incident
    /// reports name "UN" staff and places with "de" and "la" about once per five English hits.</summary>
    public const int SettledRatio = 3;

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

    /// <summary>The longest stopword (no longer word needs a lookup).</summary>
    private static readonly int MaxStopwordLength = Stopwords.Keys.Max(k => k.Length);

    [Flags]
    private enum Stopword
    {
        English = 1,
        French = 2,
        Turkish = 4,
    }

    /// <summary>What detection counted in the sample.</summary>
    private readonly record struct Evidence(int Arabic, int Latin, int English, int French, int Turkish);

    /// <summary>The analysis language for an item (see the class comment): <see cref="Read"/>'s
    /// <see cref="ItemLanguage.Language"/>.</summary>
    public static string Resolve(string? declared, string title, string body) => Read(declared, title, body).Language;

    /// <summary>The item's language and the languages whose rules apply to it (see the class comment).</summary>
    public static ItemLanguage Read(string? declared, string title, string body)
    {
        string? primary = null;
        if (!string.IsNullOrWhiteSpace(declared))
        {
            primary = declared.Split('-', '_')[0].Trim().ToLowerInvariant();
            if (!Supported.Contains(primary))
            {
                return new ItemLanguage("und", LanguageSet.All, LanguageBasis.Declared);
            }
        }

        var evidence = Gather(title, body);
        var arabic = evidence.Arabic > 0 ? LanguageSet.Arabic : LanguageSet.None;
        var arabicItem = evidence.Arabic > 0 && evidence.Arabic >= evidence.Latin;
        var settled = evidence.Latin == 0 ? null : SettledLatin(evidence);
        var latin = evidence.Latin == 0 ? LanguageSet.None
            : settled is not null ? LanguageSets.Of(settled)
            : primary is "en" or "fr" or "tr" ? LanguageSets.Of(primary)
            : LanguageSet.Latin;
        var scope = latin | arabic;
        if (scope == LanguageSet.None)
        {
            scope = LanguageSet.All; // no Latin or Arabic letters: nothing to tell languages apart by
        }

        // The item's own language: settled evidence, else the declaration, else the best guess.
        var settledItem = arabicItem ? (evidence.Arabic >= 2 * evidence.Latin ? "ar" : null) : settled;
        if (settledItem is not null)
        {
            return new ItemLanguage(settledItem, scope, LanguageBasis.Detected);
        }

        return primary is not null
            ? new ItemLanguage(primary, scope, LanguageBasis.Declared)
            : new ItemLanguage(Pick(evidence), scope, LanguageBasis.Guessed);
    }

    /// <summary>Detects the language of title plus body (see the class comment, rules 4 and 5).</summary>
    public static string Detect(string title, string body) => Pick(Gather(title, body));

    private static string Pick(in Evidence e)
    {
        if (e.Arabic > 0 && e.Arabic >= e.Latin)
        {
            return "ar";
        }

        if (e.Latin == 0)
        {
            return "und";
        }

        if (e.French >= 2 && e.French > e.English && e.French >= e.Turkish)
        {
            return "fr";
        }

        return e.Turkish >= 2 && e.Turkish > e.English && e.Turkish > e.French ? "tr" : "en";
    }

    /// <summary>The Latin-script language the stopwords settle (rule 2), or null.</summary>
    private static string? SettledLatin(in Evidence e)
    {
        static bool Settles(int hits, int other1, int other2) =>
            hits >= SettledHits && hits >= SettledRatio * Math.Max(other1, other2);

        return Settles(e.English, e.French, e.Turkish) ? "en"
            : Settles(e.French, e.English, e.Turkish) ? "fr"
            : Settles(e.Turkish, e.English, e.French) ? "tr"
            : null;
    }

    private static Evidence Gather(string title, string body)
    {
        // The sample is the first SampleLength characters of title, then body: read in place, in two parts (a
        // word never spans them, as the space that would join them separates words).
        var titlePart = title.AsSpan(0, Math.Min(title.Length, SampleLength));
        var bodyPart = title.Length >= SampleLength ? []
            : body.AsSpan(0, Math.Min(body.Length, SampleLength - title.Length));
        int arabic = 0, latin = 0, nonAscii = 0;
        CountScripts(titlePart, ref arabic, ref latin, ref nonAscii);
        CountScripts(bodyPart, ref arabic, ref latin, ref nonAscii);
        int en = 0, fr = 0, tr = 0;
        if (latin > 0)
        {
            CountStopwords(titlePart, nonAscii > 0, ref en, ref fr, ref tr);
            CountStopwords(bodyPart, nonAscii > 0, ref en, ref fr, ref tr);
        }

        return new Evidence(arabic, latin, en, fr, tr);
    }

    private static void CountScripts(ReadOnlySpan<char> text, ref int arabic, ref int latin, ref int nonAscii)
    {
        // Detection runs on every item without a declared language, and most samples are plain ASCII: counting their
        // letters eight at a time made detection several times quicker (it was a sixth of matching time).
        if (Ascii.IsValid(text))
        {
            latin += CountAsciiLetters(text);
            return;
        }

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

    /// <summary>How many of <paramref name="text"/>'s characters are ASCII letters.</summary>
    private static int CountAsciiLetters(ReadOnlySpan<char> text)
    {
        var count = 0;
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            // A letter is one whose lower-case form (bit 0x20 set) is within 'a'..'z'; unsigned, so below 'a' wraps.
            var lowerCaseBit = Vector128.Create((ushort)0x20);
            var a = Vector128.Create((ushort)'a');
            var alphabet = Vector128.Create((ushort)26);
            var chars = MemoryMarshal.Cast<char, ushort>(text);
            for (; i + Vector128<ushort>.Count <= chars.Length; i += Vector128<ushort>.Count)
            {
                var letters = Vector128.LessThan((Vector128.Create(chars.Slice(i, Vector128<ushort>.Count)) | lowerCaseBit) - a, alphabet);
                count += BitOperations.PopCount(letters.ExtractMostSignificantBits());
            }
        }

        for (; i < text.Length; i++)
        {
            count += char.IsAsciiLetter(text[i]) ? 1 : 0;
        }

        return count;
    }

    /// <param name="nonAscii">Whether the sample has any non-ASCII character: without, no word has ğ, ş or ı.</param>
    private static void CountStopwords(ReadOnlySpan<char> text, bool nonAscii, ref int en, ref int fr, ref int tr)
    {
        Span<char> lower = stackalloc char[MaxStopwordLength];
        var stopwords = Stopwords.GetAlternateLookup<ReadOnlySpan<char>>();
        var i = 0;
        while (RuleTextAnalyzer.NextWord(text, ref i, out var start))
        {
            var word = text[start..i];
            tr += nonAscii && word.IndexOfAny("ğşıĞŞ") >= 0 ? 1 : 0;
            if (word.Length > MaxStopwordLength)
            {
                continue;
            }

            // Lower-cased by hand when the sample is all ASCII (the usual case): the general call cost more than the lookup.
            scoped Span<char> folded;
            if (nonAscii)
            {
                folded = lower[..word.ToLowerInvariant(lower)];
            }
            else
            {
                folded = lower[..word.Length];
                for (var k = 0; k < word.Length; k++)
                {
                    folded[k] = char.IsAsciiLetterUpper(word[k]) ? (char)(word[k] | 0x20) : word[k];
                }
            }

            if (stopwords.TryGetValue(folded, out var languages))
            {
                en += (languages & Stopword.English) != 0 ? 1 : 0;
                fr += (languages & Stopword.French) != 0 ? 1 : 0;
                tr += (languages & Stopword.Turkish) != 0 ? 1 : 0;
            }
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
