using System.Globalization;
using System.Text;

namespace NgoMonitor.Core.Matching;

/// <summary>A word of a text after folding, with its position (UTF-16 offsets) in the original.</summary>
public readonly record struct Token(string Text, int Start, int Length);

/// <summary>
/// Folds text so that rules and names match regardless of case, accents and Arabic letter variants:
/// Unicode NFKC then per character NFD with combining marks (accents, Arabic harakat) removed, invariant lower case,
/// Arabic alef forms (أ إ آ ٱ) to ا, taa marbuta ة to ه, alef maqsura ى to ي, tatweel removed, and the Arabic
/// definite article (ال) dropped from the front of longer words. Apostrophes inside a name are dropped ("A'zaz" = "Azaz"),
/// but French elision splits ("l'hôpital" = "l hopital").
/// The rule-language issue replaces this with Lucene analyzers and stemming; the contract (tokens with offsets) stays.
/// </summary>
public static class TextNormaliser
{
    public static IReadOnlyList<Token> Tokenise(string text)
    {
        var tokens = new List<Token>();
        // Offsets must point into the original text, so folding is done per character (compatibility
        // decomposition, NFKD) rather than by normalising the whole string first.
        var source = text;
        var word = new StringBuilder();
        var start = -1;
        for (var i = 0; i <= source.Length; i++)
        {
            var c = i < source.Length ? source[i] : ' ';
            if (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                if (start < 0)
                {
                    start = i;
                }

                AppendFolded(word, c);
            }
            else if (start >= 0 && IsApostrophe(c) && i + 1 < source.Length && char.IsLetter(source[i + 1]) && !IsElision(word) && !IsPossessive(source, i))
            {
                // keep going: the apostrophe is inside a name ("A'zaz", "Ta'izz")
            }
            else if (start >= 0)
            {
                var folded = StripArabicArticle(word.ToString());
                if (folded.Length > 0)
                {
                    tokens.Add(new Token(folded, start, i - start));
                }

                word.Clear();
                start = -1;
            }
        }

        return tokens;
    }

    /// <summary>The folded words of a text joined by single spaces: the form rule terms are compiled to.</summary>
    public static string Fold(string text) => string.Join(' ', Tokenise(text).Select(t => t.Text));

    private static void AppendFolded(StringBuilder word, char c)
    {
        foreach (var d in c.ToString().Normalize(NormalizationForm.FormKD))
        {
            if (char.GetUnicodeCategory(d) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var folded = d switch
            {
                'أ' or 'إ' or 'آ' or 'ٱ' => 'ا',
                'ة' => 'ه',
                'ى' => 'ي',
                'ـ' => '\0',
                _ => char.ToLowerInvariant(d),
            };
            if (folded != '\0')
            {
                word.Append(folded);
            }
        }
    }

    private static string StripArabicArticle(string word) =>
        word.Length >= 5 && word.StartsWith("ال", StringComparison.Ordinal) ? word[2..] : word;

    /// <summary>French elision (l', d', qu', j'...): the apostrophe ends the article, "L'hôpital" is "l" + "hopital".</summary>
    private static bool IsElision(StringBuilder word) =>
        (word.Length == 1 && word[0] is 'l' or 'd' or 'j' or 'm' or 'n' or 's' or 't' or 'c') || (word.Length == 2 && word[0] == 'q' && word[1] == 'u');

    /// <summary>English possessive "'s" at a word's end: "Azaz's" is "Azaz" (the "s" then stands alone and matches nothing).</summary>
    private static bool IsPossessive(string text, int apostrophe) =>
        apostrophe + 1 < text.Length && text[apostrophe + 1] is 's' or 'S' && (apostrophe + 2 >= text.Length || !char.IsLetter(text[apostrophe + 2]));

    private static bool IsApostrophe(char c) => c is '\'' or '’' or 'ʼ' or 'ʿ' or 'ʾ' or '`';
}
