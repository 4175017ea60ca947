namespace NgoMonitor.Core.Geo.Parsing;

/// <summary>
/// A person named in full once is named by the surname alone afterwards: "Kenneth Clark, 34, was charged ... Clark
/// admitted", "Sheriff Jones ... said of Jones". One sense per text: a one-word name that the same text writes
/// elsewhere after a given name or a title (<see cref="RecognitionRules.FollowsGivenNameOrTitle"/>) is the person
/// everywhere in it, unless a locative cue stands before it ("in Clark") or it is the own name of a country, a
/// continent or sea, or of a region or town of <see cref="MinPopulationKept"/> or more ("Houston" stays the city in
/// news that also names "Sam Houston").
/// </summary>
internal static class Surnames
{
    /// <summary>A town this populous keeps its name even beside a person of that surname.</summary>
    public const long MinPopulationKept = 100_000;

    public static void DropSurnames(Gazetteer gazetteer, GeoTokens tokens, int[] words, List<Mention> mentions)
    {
        // Per word: where the text writes it after a given name or title, found once for all its mentions.
        Dictionary<int, (int Count, int First)>? afterGivenName = null;
        for (var k = mentions.Count - 1; k >= 0; k--)
        {
            var m = mentions[k];
            if (m.EndToken - m.FirstToken != 1 || m.IsDemonym || m.IsDateline || m.IsGovernment || m.AreaHint != AreaHint.None
                || IsWellKnown(gazetteer, m.Links) || RecognitionRules.HasLocativeCue(tokens, m.FirstToken)
                || !NamedAfterGivenNameElsewhere(tokens, words, m.FirstToken, afterGivenName ??= []))
            {
                continue;
            }

            mentions.RemoveAt(k);
        }
    }

    /// <summary>A reading by the place's own name that is a country, continent or sea, or a region or town of
    /// <see cref="MinPopulationKept"/> or more; a county's bare name ("Clark" for Clark County) does not count.</summary>
    private static bool IsWellKnown(Gazetteer gazetteer, int[] links)
    {
        foreach (var link in links)
        {
            var place = link >> 4;
            if (((NameFlags)(link & 15) & (NameFlags.Preferred | NameFlags.Weak)) != NameFlags.Preferred)
            {
                continue;
            }

            if (gazetteer.Kind(place) is not PlaceKind.City and not PlaceKind.Admin2 and not PlaceKind.Admin1 || gazetteer.Population(place) >= MinPopulationKept)
            {
                return true;
            }
        }

        return false;
    }

    private static bool NamedAfterGivenNameElsewhere(GeoTokens tokens, int[] words, int i, Dictionary<int, (int Count, int First)> afterGivenName)
    {
        var word = words[i];
        if (!afterGivenName.TryGetValue(word, out var found))
        {
            var from = 0;
            while (from < words.Length && found.Count < 2)
            {
                var j = words.AsSpan(from).IndexOf(word);
                if (j < 0)
                {
                    break;
                }

                j += from;
                if (RecognitionRules.FollowsGivenNameOrTitle(tokens, j, isCountry: false))
                {
                    found = (found.Count + 1, found.Count == 0 ? j : found.First);
                }

                from = j + 1;
            }

            afterGivenName[word] = found;
        }

        // Elsewhere: twice, or once at another word than this one.
        return found.Count >= 2 || (found.Count == 1 && found.First != i);
    }
}
