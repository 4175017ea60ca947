using static NgoMonitor.Core.Geo.Parsing.GeoWords;

namespace NgoMonitor.Core.Geo.Parsing;

/// <summary>The recogniser's tests for a place's name inside a longer name: an area named after it ("Swat Valley"),
/// a street or a numbered road ("Red Bank Road", "KY 90"), and a legislator's party and home ("D-Braxton").</summary>
internal static partial class RecognitionRules
{
    /// <summary>
    /// "Swat Valley", "Hamilton Township", "Bas Congo Province": a capitalised area word (<c>Words/feature-words.txt</c>)
    /// right after the name, after one space, names the valley, township or province called after the place and lying
    /// around it; written capitalised, it is part of the toponym, which the gazetteer lacks as a whole.
    /// </summary>
    internal static bool IsFollowedByFeatureWord(GeoTokens tokens, int next)
    {
        var list = tokens.Tokens;
        if (next >= list.Count || !IsSpaceBefore(tokens, next))
        {
            return false;
        }

        var text = tokens.Text;
        return char.IsUpper(text[list[next].Start]) && FeatureWordLookup.Contains(tokens.FoldedOf(next));
    }

    /// <summary>"Red Bank Road", "Lombardy Drive", "Mahnomen County Road 3": a capitalised street word
    /// (<c>Words/street-words.txt</c>) right after the name, after one space, makes it a street's name.</summary>
    internal static bool IsFollowedByStreetWord(GeoTokens tokens, int next)
    {
        var list = tokens.Tokens;
        return next < list.Count && IsSpaceBefore(tokens, next) && char.IsUpper(tokens.Text[list[next].Start])
            && StreetWordLookup.Contains(tokens.FoldedOf(next));
    }

    /// <summary>"KY 90", "US-24", "FM 645": a code in capitals without dots followed by a number of one to three digits
    /// is a numbered road (or a model: "CZ-75"), not the state or country the code stands for. The dotted "U.S. 79"
    /// is left to the other rules.</summary>
    internal static bool IsRoadNumber(GeoTokens tokens, int i, int length)
    {
        var list = tokens.Tokens;
        var next = i + length;
        if (next >= list.Count || !IsDigitWord(tokens.Text, list[next]) || list[next].Length > 3)
        {
            return false;
        }

        var text = tokens.Text;
        var first = list[i];
        var last = list[next - 1];
        var surface = text.AsSpan(first.Start, last.Start + last.Length - first.Start);
        if (!IsAllCaps(surface) || surface.Length > 3 || surface.Contains('.'))
        {
            return false;
        }

        var gap = text.AsSpan(last.Start + last.Length, list[next].Start - last.Start - last.Length);
        var afterNumber = list[next].Start + list[next].Length;
        return gap is " " or "-" or ". " && (afterNumber >= text.Length || !char.IsDigit(text[afterNumber]))
            && !(afterNumber + 1 < text.Length && text[afterNumber] is ',' or '.' && char.IsDigit(text[afterNumber + 1]));
    }

    /// <summary>"Sen. Jane Doe, D-Braxton", "(R-Ocilla)": a party's initial and a hyphen after a comma or a bracket
    /// give a legislator's home, a place.</summary>
    internal static bool IsPartyAffiliation(GeoTokens tokens, int i)
    {
        if (i < 1)
        {
            return false;
        }

        var text = tokens.Text;
        var party = tokens.Tokens[i - 1];
        if (party.Length != 1 || text[party.Start] is not ('D' or 'R' or 'I') || party.Start + 2 != tokens.Tokens[i].Start
            || text[party.Start + 1] != '-')
        {
            return false;
        }

        var k = party.Start - 1;
        while (k >= 0 && text[k] == ' ')
        {
            k--;
        }

        return k >= 0 && text[k] is ',' or '(';
    }

    private static bool IsSpaceBefore(GeoTokens tokens, int next)
    {
        var prev = tokens.Tokens[next - 1];
        return tokens.Tokens[next].Start - (prev.Start + prev.Length) == 1 && tokens.Text[prev.Start + prev.Length] is ' ' or '\u00A0';
    }
}
