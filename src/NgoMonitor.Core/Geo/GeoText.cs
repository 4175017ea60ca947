using System.Globalization;
using System.Text;

namespace NgoMonitor.Core.Geo;

/// <summary>A word of a text for the geoparser: UTF-16 offsets into the original and the folded form.</summary>
/// <param name="Start">UTF-16 index of the first character in the original text.</param>
/// <param name="Length">UTF-16 length in the original text (apostrophes inside the word included).</param>
/// <param name="FoldStart">Start of the folded form in <see cref="GeoTokens.Folded"/>.</param>
/// <param name="FoldLength">Length of the folded form.</param>
public readonly record struct GeoToken(int Start, int Length, int FoldStart, int FoldLength);

/// <summary>The tokens of one text and the buffer their folded forms live in (one allocation per text, not per word).</summary>
public sealed class GeoTokens
{
    internal GeoTokens(string text, char[] folded, List<GeoToken> tokens)
    {
        Text = text;
        Folded = folded;
        Tokens = tokens;
    }

    public string Text { get; }

    public char[] Folded { get; }

    public List<GeoToken> Tokens { get; }

    public ReadOnlySpan<char> FoldedOf(int index) => Folded.AsSpan(Tokens[index].FoldStart, Tokens[index].FoldLength);

    public string FoldedString(int index) => new(FoldedOf(index));

    // Hash of each lower-case token's folded form (0 for the others), built on first use: the geoparser asks for
    // every single-word name whether the word is also written in lower case, and a scan of hashes is vectorised.
    private int[]? _lowerCaseHashes;

    /// <summary>True when another token of the text starts with a lower-case letter and folds to the same word as
    /// token <paramref name="index"/> ("mobile" elsewhere makes "Mobile" a common word).</summary>
    public bool HasLowerCaseTwin(int index)
    {
        var hashes = _lowerCaseHashes ??= LowerCaseHashes();
        var folded = FoldedOf(index);
        var hash = Key(folded);
        var from = 0;
        while (from < hashes.Length)
        {
            var k = hashes.AsSpan(from).IndexOf(hash);
            if (k < 0)
            {
                return false;
            }

            k += from;
            if (k != index && char.IsLower(Text[Tokens[k].Start]) && FoldedOf(k).SequenceEqual(folded))
            {
                return true;
            }

            from = k + 1;
        }

        return false;
    }

    // Length, first and last character: cheap, and exact enough to leave few candidates to compare in full.
    private static int Key(ReadOnlySpan<char> word) => word.Length == 0 ? 0 : word.Length | word[0] << 8 ^ word[^1] << 16;

    private int[] LowerCaseHashes()
    {
        var hashes = new int[Tokens.Count];
        for (var k = 0; k < hashes.Length; k++)
        {
            if (char.IsLower(Text[Tokens[k].Start]))
            {
                hashes[k] = Key(FoldedOf(k));
            }
        }

        return hashes;
    }
}

/// <summary>
/// Folding and word splitting shared by the gazetteer builder and the geoparser, so that a name in the index and
/// the same name in a text fold to the same words. Rules:
/// 1. a word is a run of letters, digits and combining marks; an apostrophe between letters stays inside the word
///    and is dropped from the folded form ("A'zaz" = "Azaz"), except before a possessive s ("Israel's") and after a
///    French elided article ("l'Irak", "d'Alep"), where it separates; hyphens, dots and spaces separate words
///    ("Abu-Dhabi" = "Abu Dhabi", "U.S." = "U S");
/// 2. each character is folded by a table built once from Unicode: compatibility decomposition (NFKD), combining
///    marks (accents, Arabic harakat) removed, invariant lower case; Arabic alef forms (أ إ آ ٱ) become ا, taa
///    marbuta ة becomes ه, alef maqsura ى becomes ي, tatweel is removed;
/// 3. the Arabic definite article ال is dropped from the front of words of five letters or more (أعزاز, الرقة = رقه).
/// Same semantics as <see cref="Matching.TextNormaliser"/>, but table driven: the geoparser must read 15 MB/s
/// per core (the geoparser's benchmark floor), and per-character string normalisation is far slower.
/// </summary>
public static class GeoText
{
    private const char Drop = '\uFFFF';
    private const char Multi = '\uFFFE';

    // Per UTF-16 unit: the folded character, Drop (not part of a word, or removed inside one) or Multi (see _multi).
    private static readonly char[] FoldTable = new char[65536];
    private static readonly bool[] WordChar = new bool[65536];
    private static readonly Dictionary<char, string> MultiFold = [];

    static GeoText()
    {
        for (var i = 0; i < 65536; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c))
            {
                // Astral-plane characters (emoji, rare scripts) do not form words: no place name in the index uses them.
                FoldTable[i] = Drop;
                WordChar[i] = false;
                continue;
            }

            var category = char.GetUnicodeCategory(c);
            WordChar[i] = char.IsLetterOrDigit(c) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (!WordChar[i])
            {
                FoldTable[i] = Drop;
                continue;
            }

            var folded = new StringBuilder(2);
            var decomposed = c.ToString();
            try
            {
                decomposed = decomposed.Normalize(NormalizationForm.FormKD);
            }
            catch (ArgumentException)
            {
                // unassigned code point: keep as is
            }

            foreach (var d in decomposed)
            {
                var dc = char.GetUnicodeCategory(d);
                if (dc is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark || d == 'ـ')
                {
                    continue;
                }

                if (!char.IsLetterOrDigit(d))
                {
                    continue;
                }

                folded.Append(d switch
                {
                    'أ' or 'إ' or 'آ' or 'ٱ' => 'ا',
                    'ة' => 'ه',
                    'ى' => 'ي',
                    'ı' => 'i',
                    _ => char.ToLowerInvariant(d),
                });
            }

            switch (folded.Length)
            {
                case 0:
                    FoldTable[i] = Drop;
                    break;
                case 1:
                    FoldTable[i] = folded[0];
                    break;
                default:
                    FoldTable[i] = Multi;
                    MultiFold[c] = folded.ToString();
                    break;
            }
        }

        // Letters that do not decompose but have a common plain spelling in names.
        foreach (var (c, s) in new[] { ('ß', "ss"), ('æ', "ae"), ('Æ', "ae"), ('œ', "oe"), ('Œ', "oe"), ('ø', "o"), ('Ø', "o"), ('đ', "d"), ('Đ', "d"), ('ł', "l"), ('Ł', "l"), ('þ', "th"), ('ð', "d") })
        {
            FoldTable[c] = s.Length == 1 ? s[0] : Multi;
            MultiFold[c] = s;
        }
    }

    /// <summary>Splits and folds a text. Offsets point into <paramref name="text"/>.</summary>
    public static GeoTokens Tokenise(string text)
    {
        // Every slot up to the last token's end is written before it is read: no need to clear the buffer.
        var folded = GC.AllocateUninitializedArray<char>(text.Length * 2 + 4);
        var tokens = new List<GeoToken>(text.Length / 5 + 1);
        var f = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!WordChar[text[i]])
            {
                i++;
                continue;
            }

            var start = i;
            var foldStart = f;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == 'â' && IsMisdecodedApostrophe(text, i))
                {
                    // "Daraâ€™a": a right quote's UTF-8 bytes read as Windows-1252, common in scraped text; an
                    // apostrophe inside the word, nothing at its end ("Itsâ€™ windows").
                    if (i + 3 < text.Length && char.IsLetter(text[i + 3]) && i > start)
                    {
                        i += 3;
                        continue;
                    }

                    if (i == start)
                    {
                        // Opening a word: the mark is skipped like any other non-word character.
                        i += 3;
                        start = i;
                        continue;
                    }

                    break;
                }

                if (WordChar[c])
                {
                    var m = FoldTable[c];
                    if (m == Multi)
                    {
                        var s = MultiFold[c];
                        if (f + s.Length >= folded.Length)
                        {
                            Array.Resize(ref folded, folded.Length * 2);
                        }

                        s.CopyTo(folded.AsSpan(f));
                        f += s.Length;
                    }
                    else if (m != Drop)
                    {
                        folded[f++] = m;
                    }

                    i++;
                }
                else if (IsApostrophe(c) && i + 1 < text.Length && char.IsLetter(text[i + 1]) && i > start
                         && !IsPossessive(text, i) && !IsElision(text.AsSpan(start, i - start)))
                {
                    i++;
                }
                else
                {
                    break;
                }
            }

            var length = f - foldStart;
            if (length >= 5 && folded[foldStart] == 'ا' && folded[foldStart + 1] == 'ل')
            {
                Array.Copy(folded, foldStart + 2, folded, foldStart, length - 2);
                length -= 2;
                f -= 2;
            }

            if (length > 0)
            {
                tokens.Add(new GeoToken(start, i - start, foldStart, length));
            }
        }

        return new GeoTokens(text, folded, tokens);
    }

    /// <summary>The folded words of a name joined by single spaces: the key a name is indexed under.</summary>
    public static string FoldName(string name)
    {
        var t = Tokenise(name);
        var sb = new StringBuilder(name.Length);
        for (var i = 0; i < t.Tokens.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            sb.Append(t.FoldedOf(i));
        }

        return sb.ToString();
    }

    /// <summary>True for scripts with upper and lower case, where a place name is expected to be capitalised.</summary>
    public static bool IsCasedScript(char c) => c < 0x0590 || c is >= '\u1E00' and < '\u2000';

    /// <summary>True for Arabic-script letters (for the clitic prefixes و ب ل ك ف).</summary>
    public static bool IsArabic(char c) => c is >= '\u0600' and <= '\u06FF';

    /// <summary>True for scripts written without spaces between words, whose names the word index cannot use.</summary>
    public static bool IsUnspacedScript(char c) =>
        c is >= '\u0E00' and <= '\u0EFF' // Thai, Lao
        or >= '\u1000' and <= '\u109F' // Myanmar
        or >= '\u1780' and <= '\u17FF' // Khmer
        or >= '\u2E80' and <= '\u9FFF' // CJK, kana
        or >= '\uAC00' and <= '\uD7AF' // Hangul
        or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF';

    /// <summary>UTF-16 index → Unicode code-point index (the offsets the geoparse command prints).</summary>
    public static int CodePointIndex(string text, int utf16Index)
    {
        var surrogatePairs = 0;
        for (var i = 0; i < utf16Index && i < text.Length - 1; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                surrogatePairs++;
                i++;
            }
        }

        return utf16Index - surrogatePairs;
    }

    /// <summary>Unicode code-point index → UTF-16 index (to read gold spans given in code points).</summary>
    public static int Utf16Index(string text, int codePointIndex)
    {
        var i = 0;
        for (var cp = 0; cp < codePointIndex && i < text.Length; cp++)
        {
            i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
        }

        return i;
    }

    // "Israel's" is Israel plus a possessive, not a word "Israels".
    private static bool IsPossessive(string text, int apostrophe) =>
        text[apostrophe + 1] is 's' or 'S' && (apostrophe + 2 >= text.Length || !char.IsLetter(text[apostrophe + 2]));

    // French elision: "l'Irak", "d'Alep", "qu'Idlib" are an article or particle and a name.
    private static bool IsElision(ReadOnlySpan<char> before) =>
        before is "l" or "L" or "d" or "D" or "j" or "n" or "s" or "c" or "m" or "t" or "qu" or "Qu" or "lorsqu" or "puisqu" or "jusqu";

    private static bool IsMisdecodedApostrophe(string text, int i) =>
        i + 2 < text.Length && text[i + 1] == '€' && text[i + 2] is '™' or '˜';

    private static bool IsApostrophe(char c) => c is '\'' or '’' or 'ʼ' or 'ʿ' or 'ʾ' or '`' or '‘';
}
