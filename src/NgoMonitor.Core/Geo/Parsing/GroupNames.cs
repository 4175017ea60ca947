using static NgoMonitor.Core.Geo.Parsing.GeoWords;

namespace NgoMonitor.Core.Geo.Parsing;

/// <summary>
/// Armed groups and emergency services named after a place ("Katsina militia", "Deir ez-Zor Military Council",
/// "Islamic State in Khorasan", "Tahrir al-Sham"): incident reports name them as the actor, and the place in their
/// name is where the group comes from, not where the incident happened. Such a name keeps only its province,
/// country or region readings (<c>Words/group-words-after.txt</c>, <c>Words/group-words-before.txt</c>).
/// </summary>
internal static class GroupNames
{
    private const int MaxWordsBefore = 3;

    // The words a phrase before the name ends with, and the first words of the phrases after it: only a name next to
    // one of them is looked at further, so the test costs one set lookup per name.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> LastWordsBefore =
        GroupWordsBefore.Select(p => p[(p.LastIndexOf(' ') + 1)..]).ToHashSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> PhrasesBefore = GroupWordsBefore.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FirstWordsAfter =
        GroupWordsAfter.Select(p => p.Split(' ')[0]).ToHashSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether the words next to tokens [i, i + length) make them part of a group's name.</summary>
    public static bool IsInGroupName(GeoTokens tokens, int i, int length)
    {
        var end = i + length;
        if (end < tokens.Tokens.Count && FirstWordsAfter.Contains(tokens.FoldedOf(end)) && OnlySpaceBetween(tokens, end - 1, end)
            && (GroupWordsAfterLookup.Contains(tokens.FoldedOf(end))
                || (end + 1 < tokens.Tokens.Count && OnlySpaceBetween(tokens, end, end + 1) && GroupWordsAfter.Contains(RecognitionRules.JoinFolded(tokens, end, 2)))))
        {
            return true;
        }

        if (i == 0 || !LastWordsBefore.Contains(tokens.FoldedOf(i - 1)))
        {
            return false;
        }

        // "in", "of" and "s" end phrases ("islamic state in"), so most names after "in" get here: the phrases are
        // joined in a buffer on the stack rather than as strings.
        Span<char> joined = stackalloc char[128];
        for (var words = 1; words <= MaxWordsBefore && i - words >= 0; words++)
        {
            if (!OnlySpaceBetween(tokens, i - words, i - words + 1))
            {
                return false;
            }

            var written = JoinFolded(tokens, i - words, words, joined);
            if (written < 0 ? GroupWordsBefore.Contains(RecognitionRules.JoinFolded(tokens, i - words, words)) : PhrasesBefore.Contains(joined[..written]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The folded words joined by spaces into <paramref name="buffer"/>, as <see cref="RecognitionRules.JoinFolded"/>
    /// joins them: the length written, or -1 when they do not fit.</summary>
    private static int JoinFolded(GeoTokens tokens, int first, int count, Span<char> buffer)
    {
        var length = 0;
        for (var k = 0; k < count; k++)
        {
            var word = tokens.FoldedOf(first + k);
            if (length + word.Length + 1 > buffer.Length)
            {
                return -1;
            }

            if (k > 0)
            {
                buffer[length++] = ' ';
            }

            word.CopyTo(buffer[length..]);
            length += word.Length;
        }

        return length;
    }

    /// <summary>Two tokens separated by blanks, a hyphen or an apostrophe only ("Tahrir al-Sham", "State's"), not by punctuation that ends a phrase.</summary>
    private static bool OnlySpaceBetween(GeoTokens tokens, int a, int b)
    {
        var left = tokens.Tokens[a];
        var gap = tokens.Text.AsSpan(left.Start + left.Length, tokens.Tokens[b].Start - left.Start - left.Length);
        foreach (var c in gap)
        {
            if (!char.IsWhiteSpace(c) && c is not '-' and not '\'' and not '’')
            {
                return false;
            }
        }

        return true;
    }
}
