using static NgoMonitor.Core.Geo.Parsing.GeoWords;

namespace NgoMonitor.Core.Geo.Parsing;

/// <summary>A local feed's towns in the names of its organisations and events.</summary>
internal sealed partial class ToponymRecogniser
{
    /// <summary>
    /// "The Gainesville Riding Club", "the Athens Review": a town's name before a capitalised word reads as a given
    /// name ("David Smith") and is not taken, unless the feed is a local one whose home area holds a town of that name
    /// and the same text names the same word as a place elsewhere (one sense per text): then it is the town in the
    /// name of one of its organisations or events, which local news writes often. A street ("Decatur Boulevard") is
    /// not the town; a person named in full elsewhere (<see cref="Surnames"/>) still makes every bare mention the person.
    /// </summary>
    private void SameNameBeforeCapitalisedWord(GeoTokens tokens, int[] words, int[] peeled, List<Mention> mentions, List<(int Token, int Name)> candidates, FeedHomeArea home)
    {
        var added = false;
        var count = mentions.Count;
        foreach (var (i, name) in candidates)
        {
            if (StreetWordLookup.Contains(tokens.FoldedOf(i + 1)) || !HasTownNear(name, home))
            {
                continue;
            }

            var placeElsewhere = false;
            for (var k = 0; k < count && !placeElsewhere; k++)
            {
                placeElsewhere = mentions[k].EndToken - mentions[k].FirstToken == 1 && words[mentions[k].FirstToken] == words[i] && !mentions[k].IsDemonym;
            }

            if (placeElsewhere && Spot(tokens, words, i, 1, name, peeled[i], null, samePlaceElsewhere: true) is { } mention)
            {
                mentions.Add(mention);
                added = true;
            }
        }

        if (added)
        {
            mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        }
    }

    /// <summary>Whether a town or county of the name lies within twice the home area's radius of its centre.</summary>
    private bool HasTownNear(int name, FeedHomeArea home)
    {
        foreach (var link in _gazetteer.NameLinks(name))
        {
            var place = link >> 4;
            if (_gazetteer.Kind(place) is PlaceKind.City or PlaceKind.Admin2 && _gazetteer.PointOf(place).DistanceKmTo(home.Centre) <= 2 * home.RadiusKm)
            {
                return true;
            }
        }

        return false;
    }
}
