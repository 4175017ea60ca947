using System.Globalization;
using System.Text;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace NgoMonitor.Core.Matching.Rules;

/// <summary>One analysed word: its match <see cref="Key"/> (folded and stemmed), its <see cref="Folded"/> form
/// (folded, not stemmed: what prefixes are compared with), and where it is in the original text.</summary>
public readonly record struct AnalyzedToken(string Key, string Folded, int Start, int Length, int Position);

/// <summary>The analysis chains. Latin-script words follow the item's language; Arabic-script words always
/// take the Arabic chain, whatever the item's language, so rules may mix scripts.</summary>
internal enum AnalysisChain
{
    English = 0,
    French = 1,
    Turkish = 2,
    Neutral = 3,
    Arabic = 4,
}

/// <summary>
/// Turns text into match keys, the same way for rule terms and item text, so that equal keys mean "same word".
/// Per word, in order:
/// 1. Tokenising: a word is a run of letters, digits and combining marks; anything else (space, punctuation,
///    apostrophes, hyphens) separates words, so "l'hôpital" is "l" "hôpital" and "Ankara'da" is "ankara" "da".
/// 2. Unicode NFKC (presentation forms, ligatures, full-width letters) and case folding (Turkish dotted and
///    dotless i for Turkish items).
/// 3. Language step, from Lucene.Net.Analysis.Common: Arabic orthographic normalisation (alef and hamza forms,
///    taa marbuta, alef maqsura, tatweel, harakat: <see cref="ArabicNormalizer"/>) and light stemming
///    (<see cref="ArabicStemmer"/>: article and conjunction prefixes, plural and feminine suffixes); English
///    Porter2 (Snowball <see cref="EnglishStemmer"/>); French <see cref="FrenchLightStemmer"/>; Turkish Snowball
///    <see cref="TurkishStemmer"/>; no stemming for other languages.
/// 4. Diacritics removed (NFD, marks dropped, ı→i, ß→ss, œ→oe), so rules need not type accents.
/// </summary>
public static class RuleTextAnalyzer
{
    /// <summary>Words longer than this (URLs, hashes) are skipped by the matcher: no rule term is that long.</summary>
    internal const int MaxWordLength = 64;

    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");

    [ThreadStatic]
    private static EnglishStemmer? t_english;

    [ThreadStatic]
    private static TurkishStemmer? t_turkish;

    private static readonly ArabicNormalizer ArabicNormaliser = new();
    private static readonly ArabicStemmer ArabicStem = new();
    private static readonly FrenchLightStemmer FrenchStem = new();

    /// <summary>Analyses <paramref name="text"/> as an item in <paramref name="language"/> (null: detected).</summary>
    public static IReadOnlyList<AnalyzedToken> Analyze(string text, string? language)
    {
        var chain = ChainFor(LanguageDetector.Resolve(language, text, ""));
        var tokens = new List<AnalyzedToken>();
        var position = 0;
        foreach (var (start, length) in Words(text))
        {
            var (key, folded) = AnalyzeWord(text.AsSpan(start, length), chain);
            tokens.Add(new AnalyzedToken(key, folded, start, length, position++));
        }

        return tokens;
    }

    /// <summary>How many words <paramref name="text"/> tokenises to.</summary>
    public static int CountWords(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsWordChar(text[i]) && (i == 0 || !IsWordChar(text[i - 1])))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The Latin-script chain for a resolved language code ("en", "fr", "tr", "ar", "und").</summary>
    internal static AnalysisChain ChainFor(string language) => language switch
    {
        "fr" => AnalysisChain.French,
        "tr" => AnalysisChain.Turkish,
        "en" or "ar" => AnalysisChain.English, // Latin words inside Arabic text are usually English names
        _ => AnalysisChain.Neutral,
    };

    /// <summary>Word boundaries of <paramref name="text"/> as (start, length) in UTF-16 units.</summary>
    internal static IEnumerable<(int Start, int Length)> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && IsWordChar(text[i]))
            {
                if (start < 0)
                {
                    start = i;
                }
            }
            else if (start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
        }
    }

    /// <summary>
    /// The next word of <paramref name="text"/> at or after <paramref name="i"/>: its start, with <paramref name="i"/>
    /// moved past its end. False when no word is left. The hot loops (matching, language detection) walk text with
    /// this instead of an iterator, which would allocate per article.
    /// </summary>
    internal static bool NextWord(ReadOnlySpan<char> text, ref int i, out int start)
    {
        // A local index, written back once: a store through the ref per character showed in profiles.
        var j = i;
        while ((uint)j < (uint)text.Length && !IsWordChar(text[j]))
        {
            j++;
        }

        start = j;
        while ((uint)j < (uint)text.Length && IsWordChar(text[j]))
        {
            j++;
        }

        i = j;
        return j > start;
    }

    /// <summary>Letters, digits and combining marks (see the class comment); ASCII from a table.</summary>
    internal static bool IsWordChar(char c) => c < 128 ? AsciiWordChars[c] != 0 : IsNonAsciiWordChar(c);

    /// <summary>1 for ASCII letters and digits: the common case of <see cref="IsWordChar"/>, one load.</summary>
    private static ReadOnlySpan<byte> AsciiWordChars =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    ];

    private static bool IsNonAsciiWordChar(char c)
    {
        var category = char.GetUnicodeCategory(c);
        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
    }

    /// <summary>Key and folded form of one word (see the class comment for the steps).</summary>
    internal static (string Key, string Folded) AnalyzeWord(ReadOnlySpan<char> raw, AnalysisChain latinChain)
    {
        if (IsArabicScript(raw))
        {
            return AnalyzeArabic(raw);
        }

        var lower = LowerCase(raw, latinChain);
        var folded = StripDiacritics(lower);
        if (char.IsAsciiDigit(folded[0]))
        {
            return (folded, folded);
        }

        var key = latinChain switch
        {
            AnalysisChain.English => Snowball(t_english ??= new EnglishStemmer(), folded),
            AnalysisChain.French => StripDiacritics(StemFrench(lower)),
            AnalysisChain.Turkish => StripDiacritics(Snowball(t_turkish ??= new TurkishStemmer(), lower)),
            _ => folded,
        };
        return (key, folded);
    }

    /// <summary>The folded form of one word, as <see cref="AnalyzeWord"/> gives it with any chain, without stemming
    /// it: what prefix and exact terms are compared by (the stem was computed and thrown away for each).</summary>
    internal static string Fold(ReadOnlySpan<char> raw) =>
        IsArabicScript(raw) ? AnalyzeArabic(raw).Folded : StripDiacritics(LowerCase(raw, AnalysisChain.English));

    /// <summary>
    /// The keys of one rule word in the English, French, Turkish and neutral chains (in <see cref="AnalysisChain"/>
    /// order), as <see cref="AnalyzeWord"/> gives them one by one, but case-folded and stripped of diacritics once:
    /// compiling analyses every distinct rule word in every chain, and these shared steps were a third of it.
    /// </summary>
    internal static void LatinChainKeys(string word, Span<string> keys)
    {
        if (IsArabicScript(word))
        {
            keys.Fill(AnalyzeArabic(word).Key);
            return;
        }

        // Turkish lower-casing differs from the invariant one only for I and İ; other non-ASCII words (and NFKC,
        // which can produce an I) take the Turkish chain's own path. A word already in lower-case ASCII (most rule
        // words) is its own lower-case form and folded form: no copy.
        var lower = IsLowerAscii(word) ? word : LowerCase(word, AnalysisChain.English);
        var folded = StripDiacritics(lower);
        if (char.IsAsciiDigit(folded[0]))
        {
            keys.Fill(folded);
            return;
        }

        keys[(int)AnalysisChain.English] = Snowball(t_english ??= new EnglishStemmer(), folded);
        keys[(int)AnalysisChain.French] = StripDiacritics(StemFrench(lower));
        keys[(int)AnalysisChain.Turkish] = System.Text.Ascii.IsValid(word) && !word.Contains('I')
            ? StripDiacritics(Snowball(t_turkish ??= new TurkishStemmer(), lower))
            : AnalyzeWord(word, AnalysisChain.Turkish).Key;
        keys[(int)AnalysisChain.Neutral] = folded;
    }

    private static (string Key, string Folded) AnalyzeArabic(ReadOnlySpan<char> raw)
    {
        var text = raw.ToString().Normalize(NormalizationForm.FormKC);
        var buffer = text.ToCharArray();
        var length = ArabicNormaliser.Normalize(buffer, buffer.Length);
        var copy = (char[])buffer.Clone();
        var prefixLength = ArabicStem.StemPrefix(copy, length);
        var withoutPrefix = new string(copy, 0, prefixLength);
        var keyLength = ArabicStem.Stem(buffer, length);
        var key = StripDiacritics(new string(buffer, 0, keyLength));
        var folded = StripDiacritics(withoutPrefix);
        return (key.Length == 0 ? folded : key, folded);
    }

    private static bool IsLowerAscii(string word)
    {
        foreach (var c in word)
        {
            if (c >= 128 || char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>This thread's stemming buffer: the stemmers work on it in place (a new array per word and chain, and
    /// a new string for each result, were a third of what analysing rule words allocated).</summary>
    [ThreadStatic]
    private static char[]? t_stemBuffer;

    private static char[] StemBuffer(string word)
    {
        var buffer = t_stemBuffer;
        if (buffer is null || buffer.Length < word.Length)
        {
            t_stemBuffer = buffer = new char[Math.Max(word.Length, MaxWordLength)];
        }

        word.CopyTo(buffer);
        return buffer;
    }

    /// <summary><paramref name="word"/> itself when <paramref name="stem"/> equals it (a word that is its own stem,
    /// common), else a new string.</summary>
    private static string SameOrNew(string word, ReadOnlySpan<char> stem) => stem.SequenceEqual(word) ? word : new string(stem);

    internal static string StemFrench(string lower)
    {
        var buffer = StemBuffer(lower);
        var length = FrenchStem.Stem(buffer, lower.Length);
        return SameOrNew(lower, buffer.AsSpan(0, length));
    }

    /// <summary>The Snowball stem of <paramref name="word"/>, as <c>SetCurrent(word)</c>, <c>Stem()</c>,
    /// <c>Current</c> give it, through this thread's buffer.</summary>
    internal static string Snowball(Lucene.Net.Tartarus.Snowball.SnowballProgram stemmer, string word)
    {
        // The stemmer keeps the buffer and works in it; it moves to a larger array of its own only when a step
        // lengthens the word, so the result is read from its current buffer, not ours.
        stemmer.SetCurrent(StemBuffer(word), word.Length);
        stemmer.Stem();
        return SameOrNew(word, stemmer.CurrentBuffer.AsSpan(0, stemmer.CurrentBufferLength));
    }

    private static string LowerCase(ReadOnlySpan<char> raw, AnalysisChain chain)
    {
        var ascii = true;
        foreach (var c in raw)
        {
            if (c >= 128)
            {
                ascii = false;
                break;
            }
        }

        // Turkish case rules differ from the invariant ones only for I (to dotless ı) among ASCII letters, so ASCII
        // words without an I skip the culture-aware path (it dominated compiling rules for the Turkish chain).
        if (ascii && (chain != AnalysisChain.Turkish || !raw.Contains('I')))
        {
            return string.Create(raw.Length, raw, static (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    span[i] = char.ToLowerInvariant(source[i]);
                }
            });
        }

        var text = ascii ? raw.ToString() : raw.ToString().Normalize(NormalizationForm.FormKC);
        return chain == AnalysisChain.Turkish ? text.ToLower(Turkish) : text.ToLowerInvariant();
    }

    private static bool IsArabicScript(ReadOnlySpan<char> raw)
    {
        foreach (var c in raw)
        {
            if (c is (>= '\u0600' and <= '\u06FF') or (>= '\u0750' and <= '\u077F') or (>= '\u08A0' and <= '\u08FF')
                or (>= '\uFB50' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Removes diacritics and folds the few letters with no decomposition (ı, ß, œ, æ, ø, ł, đ).</summary>
    internal static string StripDiacritics(string text)
    {
        var plain = true;
        foreach (var c in text)
        {
            if (c >= 128)
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            return text;
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (c)
            {
                case 'ı':
                    builder.Append('i');
                    continue;
                case 'ß':
                    builder.Append("ss");
                    continue;
                case 'œ':
                    builder.Append("oe");
                    continue;
                case 'æ':
                    builder.Append("ae");
                    continue;
                case 'ø':
                    builder.Append('o');
                    continue;
                case 'ł':
                    builder.Append('l');
                    continue;
                case 'đ':
                    builder.Append('d');
                    continue;
                case 'ـ': // Arabic tatweel: stretches a word, never changes it
                    continue;
            }

            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
