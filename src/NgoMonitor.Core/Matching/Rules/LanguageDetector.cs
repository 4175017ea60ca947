using System.Collections.Frozen;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

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

    /// <summary>The longest stopword (no longer word needs a lookup).</summary>
    private static readonly int MaxStopwordLength = Stopwords.Keys.Max(k => k.Length);

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
