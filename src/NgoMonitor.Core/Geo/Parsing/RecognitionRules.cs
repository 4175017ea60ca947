using System.Text;
using static NgoMonitor.Core.Geo.Parsing.GeoWords;

namespace NgoMonitor.Core.Geo.Parsing;

/// <summary>Tests on the tokens around a candidate name that the recogniser's rules are made of (see <see cref="Geoparser"/>,
/// recognition steps 2 and 3): capitals, cues, sentence starts, areas, joined words. Person and organisation names are
/// in RecognitionRules.PersonNames.cs.</summary>
internal static partial class RecognitionRules
{
    internal static void MarkCommaPairs(GeoTokens tokens, List<Mention> mentions)
    {
        for (var k = 0; k + 1 < mentions.Count; k++)
        {
            var a = mentions[k];
            var b = mentions[k + 1];

            // "Paris, Texas"; also "Ain district, Shabwah governorate" and "Northwest province, Cameroon".
            var typeWord = a.AreaHint != AreaHint.None && b.FirstToken == a.EndToken + 1;
            if (b.FirstToken != a.EndToken && !typeWord)
            {
                continue;
            }

            var from = typeWord ? tokens.Tokens[a.EndToken].Start + tokens.Tokens[a.EndToken].Length : a.Start + a.Length;
            var between = tokens.Text.AsSpan(from, b.Start - from).Trim();
            if (between is "," or "،")
            {
                a.Qualifier = b;
            }
        }
    }

    internal static bool HasLocativeCue(GeoTokens tokens, int i)
    {
        for (var back = 1; back <= 2 && i - back >= 0; back++)
        {
            var prev = tokens.FoldedOf(i - back);
            if (LocativeLookup.Contains(prev) || IsAccentedLocative(tokens, i - back))
            {
                return true;
            }

            if (back == 1 && !ConnectorLookup.Contains(prev) && prev is not "the" and not "of")
            {
                // "in the" or "in northern" reach back one more word; anything else stops.
                break;
            }
        }

        return false;
    }

    /// <summary>"à Barsalogho", "près de Goma": French locatives keep their accent in the word list, as folded they would
    /// be the English article "a" or no word at all, so the token is looked up as written, in lower case.</summary>
    private static bool IsAccentedLocative(GeoTokens tokens, int k)
    {
        var token = tokens.Tokens[k];
        var raw = tokens.Text.AsSpan(token.Start, token.Length);
        if (raw.Length > 8 || Ascii.IsValid(raw))
        {
            return false;
        }

        Span<char> lower = stackalloc char[raw.Length];
        raw.ToLowerInvariant(lower);
        return LocativeLookup.Contains(lower);
    }

    /// <summary>"Maarat al-Numan": a word joined by a hyphen to a lower-case Arabic article after a capitalised word
    /// ends a longer name the gazetteer lacks; on its own it would name another place (Numan, Nigeria).</summary>
    internal static bool IsTailOfUnknownArabicName(GeoTokens tokens, int i)
    {
        if (i < 2)
        {
            return false;
        }

        var text = tokens.Text;
        var article = tokens.Tokens[i - 1];
        var before = tokens.Tokens[i - 2];
        return char.IsLower(text[article.Start])
            && tokens.FoldedOf(i - 1) is "al" or "el" or "ad" or "ar" or "as" or "ash" or "at" or "az" or "ez" or "ed" or "es" or "er" or "an" or "en" or "ech" or "et"
            && text.AsSpan(article.Start + article.Length, tokens.Tokens[i].Start - article.Start - article.Length) is "-"
            && article.Start - (before.Start + before.Length) == 1
            && StartsName(text, before) && char.IsLetter(text[before.Start]);
    }

    internal static string JoinFolded(GeoTokens tokens, int first, int length)
    {
        var words = new string[length];
        for (var k = 0; k < length; k++)
        {
            words[k] = tokens.FoldedString(first + k);
        }

        return string.Join(' ', words);
    }

    internal static bool IsArabicFunctionWord(ReadOnlySpan<char> folded)
    {
        if (ArabicFunctionWordLookup.Contains(folded))
        {
            return true;
        }

        return folded.Length > 2 && "وفبلك".Contains(folded[0]) && ArabicFunctionWordLookup.Contains(folded[1..]);
    }

    internal static bool AppearsInLowerCase(GeoTokens tokens, int i)
    {
        return GeoText.IsCasedScript(tokens.Text[tokens.Tokens[i].Start]) && tokens.HasLowerCaseTwin(i);
    }

    internal static bool InnerWordsAllowed(GeoTokens tokens, int i, int length)
    {
        for (var k = i + 1; k < i + length - 1; k++)
        {
            var t = tokens.Tokens[k];
            if (!StartsName(tokens.Text, t) && !ConnectorLookup.Contains(tokens.FoldedOf(k)) && !IsDigitWord(tokens.Text, t))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool StartsName(string text, GeoToken token)
    {
        var c = text[token.Start];
        return !GeoText.IsCasedScript(c) || char.IsUpper(c) || (char.IsLetter(c) && !char.IsLower(c));
    }

    internal static bool IsDigitWord(string text, GeoToken token) => char.IsDigit(text[token.Start]);

    internal static bool JoinedWithinName(string text, GeoToken a, GeoToken b)
    {
        for (var k = a.Start + a.Length; k < b.Start; k++)
        {
            var c = text[k];
            if (c is not (' ' or '-' or '.' or '\'' or '’' or '\u00A0' or '‐' or '–'))
            {
                return false;
            }
        }

        return b.Start - (a.Start + a.Length) <= 3;
    }

    /// <summary>"U.S." and "Springfield, Ill." end with the abbreviation's dot, which belongs to the name; "Paris." does not.</summary>
    internal static bool IncludesAbbreviationDot(string text, int start, int end, int words)
    {
        if (end >= text.Length || text[end] != '.')
        {
            return false;
        }

        if (words > 1 && text.AsSpan(start, end - start).Contains('.'))
        {
            return true;
        }

        var k = start - 1;
        while (k >= 0 && text[k] == ' ')
        {
            k--;
        }

        return end - start <= 5 && k >= 0 && text[k] == ',';
    }

    /// <summary>
    /// What a word next to the name says it is: "Isfahan province", "Ain district", "the governorate of Idlib" and
    /// "territoire de Rutshuru" an administrative area; "Amara city", "Maariya village", "Kutupalong camp" a settlement.
    /// The word must follow with a space only, or precede with "of", "de", "du" or "d'" between.
    /// </summary>
    internal static AreaHint AreaHintOf(GeoTokens tokens, int i, int length)
    {
        var text = tokens.Text;
        var list = tokens.Tokens;
        var next = i + length;
        if (next < list.Count)
        {
            var last = list[next - 1];
            var gap = text.AsSpan(last.Start + last.Length, list[next].Start - last.Start - last.Length);
            if (gap is " " or "\u00A0")
            {
                var folded = tokens.FoldedOf(next);
                if (IsAreaFacility(tokens, next))
                {
                    // "Tachileik District Hospital": a facility of the district's seat, so the name is the town.
                    return AreaHint.Settlement;
                }

                if (AreaWordLookup.Contains(folded))
                {
                    return AreaHint.Area;
                }

                if (SettlementWordLookup.Contains(folded))
                {
                    return AreaHint.Settlement;
                }
            }
        }

        if (i >= 2 && tokens.FoldedOf(i - 1) is "of" or "de" or "du" or "d" && AreaWordLookup.Contains(tokens.FoldedOf(i - 2)))
        {
            return AreaHint.Area;
        }

        return IsListedArea(tokens, i, length) ? AreaHint.Area : AreaHint.None;
    }

    /// <summary>
    /// True when token <paramref name="k"/> is a district-like area word that, with the word after it, names a facility
    /// of the area's seat: "District Hospital", "Township Health Department" (<c>Words/area-facility-words.txt</c>).
    /// Districts, townships, tehsils, upazilas, woredas and LGAs are named after their seat town; a county or state
    /// often is not ("Jackson County Hospital", "Gwinnett County Police"), so those keep the area's reading.
    /// </summary>
    internal static bool IsAreaFacility(GeoTokens tokens, int k)
    {
        var list = tokens.Tokens;
        if (k < 0 || k + 1 >= list.Count || tokens.FoldedOf(k) is not ("district" or "township" or "tehsil" or "upazila" or "woreda" or "lga"))
        {
            return false;
        }

        var gap = list[k + 1].Start - list[k].Start - list[k].Length;
        return gap == 1 && AreaFacilityWordLookup.Contains(tokens.FoldedOf(k + 1));
    }

    /// <summary>
    /// "Barrow, Jackson and Madison counties", "Idlib and Hama governorates": a name in a list of capitalised names
    /// joined by commas, "and" or "or" that a plural area word closes (<c>Words/area-words-plural.txt</c>) is such an
    /// area, and is read even when alone it would be a common word or a person's name ("Jackson").
    /// </summary>
    internal static bool IsListedArea(GeoTokens tokens, int i, int length)
    {
        var text = tokens.Text;
        var list = tokens.Tokens;
        for (var k = i + length; k < list.Count && k < i + length + 12; k++)
        {
            var prev = list[k - 1];
            var gap = text.AsSpan(prev.Start + prev.Length, list[k].Start - prev.Start - prev.Length).Trim(' ');
            if (gap.Length > 1 || (gap.Length == 1 && gap[0] != ','))
            {
                return false;
            }

            if (StartsName(text, list[k]) && char.IsLetter(text[list[k].Start]))
            {
                continue;
            }

            var folded = tokens.FoldedOf(k);
            if (folded is "and" or "or")
            {
                continue;
            }

            return PluralAreaWordLookup.Contains(folded);
        }

        return false;
    }

    /// <summary>A code written against a dollar sign: "US$10", "$US 15 billion", "CA$10.8 million".</summary>
    internal static bool IsCurrencyPrefix(string text, int start, int end) =>
        end - start <= 3 && IsAllCaps(text.AsSpan(start, end - start))
        && ((end < text.Length && text[end] == '$') || (start > 0 && text[start - 1] == '$'));

    internal static bool IsSentenceStart(string text, int start)
    {
        var k = start - 1;
        while (k >= 0 && (text[k] == ' ' || text[k] == '"' || text[k] == '“' || text[k] == '(' || text[k] == '\''))
        {
            k--;
        }

        return k < 0 || text[k] is '.' or '!' or '?' or '\n' or ':' or '—';
    }

    internal static bool IsAllCaps(ReadOnlySpan<char> surface)
    {
        var letters = 0;
        foreach (var c in surface)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (!char.IsUpper(c))
                {
                    return false;
                }
            }
        }

        return letters > 0;
    }

    /// <summary>True when the name tokens[i..i+length) is joined by a hyphen to a capitalised word that is in no
    /// gazetteer name (words[k] &lt; 0): it is part of a longer compound name the gazetteer lacks. A neighbour that is
    /// itself a place word ("Dallas-Fort Worth") or a lower-case article ("al-Bab") does not count.</summary>
    internal static bool IsCutFromUnknownCompound(GeoTokens tokens, int[] words, int i, int length)
    {
        var text = tokens.Text;
        var list = tokens.Tokens;
        if (i > 0)
        {
            var prev = list[i - 1];
            if (prev.Start + prev.Length + 1 == list[i].Start && text[list[i].Start - 1] == '-'
                && GeoText.IsCasedScript(text[prev.Start]) && char.IsUpper(text[prev.Start]) && words[i - 1] < 0)
            {
                return true;
            }
        }

        var end = i + length;
        if (end < list.Count)
        {
            var last = list[end - 1];
            var next = list[end];
            if (last.Start + last.Length + 1 == next.Start && text[next.Start - 1] == '-'
                && GeoText.IsCasedScript(text[next.Start]) && char.IsUpper(text[next.Start]) && words[end] < 0)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>What a word next to a name says the place is (<see cref="RecognitionRules.AreaHintOf"/>).</summary>
internal enum AreaHint
{
    None,

    /// <summary>An administrative area: a first- or second-level region (or a larger area) is read.</summary>
    Area,

    /// <summary>A city, town, village or camp.</summary>
    Settlement,
}
