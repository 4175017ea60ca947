using static NgoMonitor.Core.Geo.Parsing.Coherence;

namespace NgoMonitor.Core.Geo.Parsing;

/// <summary>
/// "Washington": a first-level region that shares its name with its country's capital, the capital lying outside it.
/// News names the capital far more often than the region, so the name is read as the capital unless the text says
/// it is the region: a word next to it ("Washington state", "the state of Washington"), another place of the text
/// inside the region ("Seattle", "Spokane County"), or a list of sibling regions it stands in ("Oregon and
/// Washington", "Idaho, Washington"). A region with the capital of its name inside it ("Tehran") is not concerned:
/// either reading places the text in the same area.
/// </summary>
internal static class CapitalOrRegion
{
    public static void Prefer(Gazetteer gazetteer, GeoTokens tokens, List<Mention> mentions, List<NameGroup> names, Dictionary<int, NameGroup> byKey)
    {
        foreach (var name in names)
        {
            var favourite = ArgMax(name.Scores);
            if (favourite < 0 || gazetteer.Kind(name.Links[favourite] >> 4) != PlaceKind.Admin1)
            {
                continue;
            }

            var region = name.Links[favourite] >> 4;
            var capital = CapitalOutside(gazetteer, name.Links, region);
            if (capital < 0 || name.Mentions.Exists(m => m.AreaHint == AreaHint.Area) || RegionHasEvidence(gazetteer, tokens, mentions, name, region, byKey))
            {
                continue;
            }

            name.Scores[capital] = name.Scores[favourite] + 1;
        }
    }

    /// <summary>The reading that is the region's country's capital and lies outside the region, or -1.</summary>
    private static int CapitalOutside(Gazetteer gazetteer, int[] links, int region)
    {
        for (var k = 0; k < links.Length; k++)
        {
            var place = links[k] >> 4;
            if (gazetteer.FeatureCode(place) == "PPLC" && ((NameFlags)(links[k] & 15) & NameFlags.Preferred) != 0
                && gazetteer.CountryIndex(place) == gazetteer.CountryIndex(region) && gazetteer.Admin1Of(place) != region)
            {
                return k;
            }
        }

        return -1;
    }

    private static bool RegionHasEvidence(Gazetteer gazetteer, GeoTokens tokens, List<Mention> mentions, NameGroup name, int region, Dictionary<int, NameGroup> byKey)
    {
        foreach (var other in byKey.Values)
        {
            if (other == name)
            {
                continue;
            }

            var best = ArgMax(other.Scores);
            if (best >= 0 && gazetteer.Admin1Of(other.Links[best] >> 4) == region && gazetteer.Kind(other.Links[best] >> 4) != PlaceKind.Admin1)
            {
                return true;
            }
        }

        // "Oregon and Washington", "Idaho, Washington, Montana": a region among regions.
        for (var k = 0; k < mentions.Count; k++)
        {
            if (!name.Mentions.Contains(mentions[k]))
            {
                continue;
            }

            if ((k > 0 && IsSiblingRegion(gazetteer, tokens, mentions[k - 1], mentions[k], byKey))
                || (k + 1 < mentions.Count && IsSiblingRegion(gazetteer, tokens, mentions[k], mentions[k + 1], byKey)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSiblingRegion(Gazetteer gazetteer, GeoTokens tokens, Mention first, Mention second, Dictionary<int, NameGroup> byKey)
    {
        var gap = second.Start - first.Start - first.Length;
        if (gap <= 0 || gap > 6)
        {
            return false;
        }

        var between = tokens.Text.AsSpan(first.Start + first.Length, gap).Trim();
        if (between is not "," and not "and" and not ", and" and not "or" and not ", or" and not "&")
        {
            return false;
        }

        return first.NameKey != second.NameKey && IsRegionName(gazetteer, first, byKey) && IsRegionName(gazetteer, second, byKey);
    }

    /// <summary>A name read as a first-level region, or that has such a reading and no reading as a major city
    /// ("Oregon", never "New York", whose list "New York and Washington" names the cities).</summary>
    private static bool IsRegionName(Gazetteer gazetteer, Mention mention, Dictionary<int, NameGroup> byKey)
    {
        var favourite = Favourite(mention, byKey);
        if (favourite < 0)
        {
            return false;
        }

        if (gazetteer.Kind(favourite) == PlaceKind.Admin1)
        {
            return true;
        }

        var region = false;
        foreach (var link in mention.Links)
        {
            var place = link >> 4;
            if (gazetteer.Kind(place) == PlaceKind.City && gazetteer.Population(place) >= NewsReading.MajorCityPopulation)
            {
                return false;
            }

            region |= gazetteer.Kind(place) == PlaceKind.Admin1 && ((NameFlags)(link & 15) & NameFlags.Preferred) != 0;
        }

        return region;
    }

    private static int Favourite(Mention mention, Dictionary<int, NameGroup> byKey)
    {
        if (mention.Links.Length == 0 || !byKey.TryGetValue(mention.NameKey, out var group))
        {
            return -1;
        }

        var best = ArgMax(group.Scores);
        return best < 0 ? -1 : group.Links[best] >> 4;
    }
}
