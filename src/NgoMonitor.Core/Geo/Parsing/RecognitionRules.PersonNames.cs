using static NgoMonitor.Core.Geo.Parsing.GeoWords;

namespace NgoMonitor.Core.Geo.Parsing;

/// <summary>The recogniser's tests for a capitalised word that names a person or an organisation rather than a place:
/// titles, given names and middle initials before it, speech verbs and capitalised words after it, and the organisation
/// and facility words that make "Bhamo General Hospital" name its town.</summary>
internal static partial class RecognitionRules
{
    /// <param name="samePlaceElsewhere">The text names the same word as a place elsewhere: a capitalised word after
    /// it is an organisation's or event's name ("Gainesville Riding Club"), not a surname.</param>
    internal static bool IsPersonName(GeoTokens tokens, int[] words, int i, bool isCountry, bool samePlaceElsewhere = false)
    {
        var text = tokens.Text;
        var list = tokens.Tokens;
        if (FollowsGivenNameOrTitle(tokens, i, isCountry))
        {
            return true;
        }

        if (i + 1 < list.Count && !isCountry)
        {
            var next = list[i + 1];
            var between = text.AsSpan(list[i].Start + list[i].Length, next.Start - list[i].Start - list[i].Length);
            // "Smith said", "Jones was arrested" name a person; "a hospital in Idlib was hit" does not.
            if (between.Trim().Length == 0 && SpeechVerbLookup.Contains(tokens.FoldedOf(i + 1)) && !AfterPlacePreposition(tokens, i))
            {
                return true;
            }

            // "the Bush administration", "Bush Jr.": a person.
            if (between is " " && PersonWordsAfterLookup.Contains(tokens.FoldedOf(i + 1)))
            {
                return true;
            }

            // A capitalised word right after that does not make an organisation's name: "David Smith", "Ford Motor".
            return !samePlaceElsewhere && IsBeforeCapitalisedWord(tokens, words, i);
        }

        return false;
    }

    /// <summary>"in", "at", "near", "outside", "dans", "à" right before the word: it is where something is.</summary>
    private static bool AfterPlacePreposition(GeoTokens tokens, int i) =>
        i > 0 && (tokens.FoldedOf(i - 1) is "in" or "at" or "near" or "outside" or "inside" or "within" or "throughout" or "dans"
                  || tokens.Text[tokens.Tokens[i - 1].Start] == 'à');

    /// <summary>
    /// "Gainesville Police", "Bhamo General Hospital", "Mindat People's Hospital", "Malakal PoC site": the capitalised
    /// words from <paramref name="next"/> on reach an organisation's or facility's word (<c>Words/organisation-words.txt</c>)
    /// through at most two descriptive words (<c>Words/facility-descriptors.txt</c>, a possessive "'s" passed over), so
    /// the place before them names the town the organisation or facility is in, not a person. Any other capitalised
    /// word on the way makes the facility's own name ("Grand Hantha International Hospital", "Tet Lan Hospital").
    /// </summary>
    internal static bool OpensOrganisationName(GeoTokens tokens, int next)
    {
        var text = tokens.Text;
        var list = tokens.Tokens;
        for (int k = next, words = 0; k < list.Count && words < 3; k++)
        {
            if (k > next && tokens.FoldedOf(k) is "s" && text[list[k].Start - 1] is '\'' or '’')
            {
                continue;
            }

            if (!StartsName(text, list[k]) || (k > next && !JoinedWithinName(text, list[k - 1], list[k])))
            {
                return false;
            }

            if (OrganisationWordLookup.Contains(tokens.FoldedOf(k)))
            {
                return true;
            }

            if (!FacilityDescriptorLookup.Contains(tokens.FoldedOf(k)))
            {
                return false;
            }

            words++;
        }

        return false;
    }

    /// <summary>A capitalised word follows, after one space, that does not open an organisation's or facility's name
    /// ("Police", "General Hospital") nor is a place in capitals: what makes "David Smith" and "Ford Motor" names of
    /// people and firms.</summary>
    internal static bool IsBeforeCapitalisedWord(GeoTokens tokens, int[] words, int i)
    {
        var text = tokens.Text;
        var list = tokens.Tokens;
        if (i + 1 >= list.Count)
        {
            return false;
        }

        var next = list[i + 1];
        var between = text.AsSpan(list[i].Start + list[i].Length, next.Start - list[i].Start - list[i].Length);
        return between is " " && StartsName(text, next) && GeoText.IsCasedScript(text[next.Start]) && char.IsLetter(text[next.Start])
            && !OpensOrganisationName(tokens, i + 1) && !(i + 2 < list.Count && words[i + 1] >= 0 && IsAllCaps(text.AsSpan(next.Start, next.Length)));
    }

    /// <summary>
    /// "Sheriff Jones", "Raquel Henry": a capitalised title or a capitalised word in the same phrase right before the
    /// word makes it a surname. A determiner opening the sentence ("A Rochester man") and a locative or connector
    /// ("In Rochester", "The Gainesville club") do not; a title counts only capitalised ("miss Rochester" is a verb).
    /// </summary>
    internal static bool FollowsGivenNameOrTitle(GeoTokens tokens, int i, bool isCountry)
    {
        if (i == 0)
        {
            return false;
        }

        var text = tokens.Text;
        var list = tokens.Tokens;
        var prev = list[i - 1];
        var between = text.AsSpan(prev.Start + prev.Length, list[i].Start - prev.Start - prev.Length);
        var prevFolded = tokens.FoldedOf(i - 1);
        var adjacent = between.Trim().Length == 0 || between.Trim() is ".";
        if (adjacent && TitleLookup.Contains(prevFolded) && StartsName(text, prev))
        {
            return true;
        }

        // A capitalised word right before, in the same phrase: "Raquel Henry", "Michael Jones".
        return !isCountry && ((between is " " && IsGivenNameBefore(tokens, i - 1)) || FollowsMiddleInitial(tokens, i));
    }

    private static bool IsGivenNameBefore(GeoTokens tokens, int word)
    {
        var text = tokens.Text;
        var token = tokens.Tokens[word];
        var folded = tokens.FoldedOf(word);
        return StartsName(text, token) && char.IsLetter(text[token.Start]) && GeoText.IsCasedScript(text[token.Start])
            && !LocativeLookup.Contains(folded) && !ConnectorLookup.Contains(folded) && !DeterminerLookup.Contains(folded);
    }

    /// <summary>A word ending in an English contraction after an apostrophe: "I'll", "we’ve", "they're", "I'd", "I'm".</summary>
    internal static bool IsContraction(ReadOnlySpan<char> word)
    {
        var apostrophe = word.LastIndexOfAny('\'', '\u2019');
        if (apostrophe <= 0)
        {
            return false;
        }

        var tail = word[(apostrophe + 1)..];
        return tail.Equals("ll", StringComparison.OrdinalIgnoreCase) || tail.Equals("ve", StringComparison.OrdinalIgnoreCase)
            || tail.Equals("re", StringComparison.OrdinalIgnoreCase) || tail.Equals("d", StringComparison.OrdinalIgnoreCase)
            || tail.Equals("m", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>"Ashley L. Evans", "John F. Kennedy": a given name and a middle initial before the word.</summary>
    private static bool FollowsMiddleInitial(GeoTokens tokens, int i)
    {
        if (i < 2)
        {
            return false;
        }

        var text = tokens.Text;
        var list = tokens.Tokens;
        var initial = list[i - 1];
        var given = list[i - 2];
        return initial.Length == 1 && char.IsUpper(text[initial.Start])
            && text.AsSpan(initial.Start + 1, list[i].Start - initial.Start - 1) is ". "
            && text.AsSpan(given.Start + given.Length, initial.Start - given.Start - given.Length) is " "
            && IsGivenNameBefore(tokens, i - 2);
    }
}
