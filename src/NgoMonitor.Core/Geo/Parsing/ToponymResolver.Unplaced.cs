namespace NgoMonitor.Core.Geo.Parsing;

internal sealed partial class ToponymResolver
{
    // A town of this size or more named before a place of another country is one of a list ("Paris, Berlin"), not
    // a village the gazetteer lacks.
    private const long ListedTownPopulation = 100_000;

    // "N.C.", "S.D.", "UK": too short to trust as the qualifier that overrules a name's reading.
    private const int ShortQualifier = 5;

    /// <summary>Resolution confidence of a name the gazetteer lacks, placed at its qualifier.</summary>
    private const double UnknownInQualifier = 0.1;

    /// <summary>
    /// After <see cref="Resolve"/>, in end-to-end parsing only (given spans have their own fallback): the names whose
    /// chosen reading is most likely a namesake of a place the gazetteer lacks are placed at their qualifier or left
    /// unresolved.
    /// </summary>
    public void SettleUnlikelyReadings(string text, List<Mention> mentions, GeoContext context)
    {
        PlaceForeignTownsAtTheirQualifier(mentions);
        var contextCountry = context.CountryCode is { } code ? _gazetteer.CountryIndexOf(code) : -1;
        DropUnsupportedAlternateSpellings(text, mentions, contextCountry);
        DropFacilityNamesAbroad(mentions, contextCountry);
    }

    /// <summary>
    /// "Obo Prison" in a text about the Myanmar military: a facility or organisation named with a word that is a small
    /// town (under <see cref="KnownAbroadPopulation"/>) in a country that neither the feed declares nor any other name
    /// of the text places, while the text does place itself in another country (a country or place named, or the
    /// declared country; a demonym such as "Russian warplanes" says who acted, not where), is named after
    /// something else (a word, a saint, a founder): it is left unresolved rather than placed abroad. A facility named
    /// after a town of the text's own country ("Bhamo General Hospital" beside "Kachin") keeps the town.
    /// </summary>
    private void DropFacilityNamesAbroad(List<Mention> mentions, int contextCountry)
    {
        foreach (var m in mentions)
        {
            if (!m.OpensOrganisationName || m.Best < 0)
            {
                continue;
            }

            var place = m.Links[m.Best] >> 4;
            if (_gazetteer.Kind(place) is not (PlaceKind.City or PlaceKind.Admin2) || _gazetteer.Population(place) >= KnownAbroadPopulation)
            {
                continue;
            }

            var country = _gazetteer.CountryIndex(place);
            var elsewhere = contextCountry >= 0 && contextCountry != country;
            var supported = contextCountry == country;
            foreach (var other in mentions)
            {
                if (other.NameKey == m.NameKey || other.Best < 0)
                {
                    continue;
                }

                // A demonym says who acted ("Russian warplanes" over Syria), not where.
                var otherCountry = _gazetteer.CountryIndex(other.Links[other.Best] >> 4);
                supported |= otherCountry == country;
                elsewhere |= otherCountry >= 0 && otherCountry != country && !other.ReadsAsDemonym;
            }

            if (elsewhere && !supported)
            {
                m.Best = -1;
                m.Resolution = 0;
            }
        }
    }

    /// <summary>
    /// "Min, Yesagyo", "Kafr Nabl, Idlib", "La Pedrera, Amazonas department": a name written before a comma and a
    /// province, country or town qualifies as a place inside it, and resolution already gives every reading inside it
    /// a large bonus. When the name's reading lies in another country after all (for a qualifying town, when it is a
    /// small town), the name is a village or district the gazetteer lacks, and its namesake abroad ("Min" in China)
    /// is not where it happened: the name is placed at its qualifier with confidence <see cref="UnknownInQualifier"/>,
    /// below <see cref="GeoparserOptions.MinConfidence"/>, as a given span the gazetteer lacks is placed at the text's
    /// focus. A qualifier written as a code or abbreviation ("N.C.", "S.D.") is not trusted for this, nor is a comma
    /// inside a list ("Zaïre, Bundibugyo, Côte d'Ivoire").
    /// </summary>
    private void PlaceForeignTownsAtTheirQualifier(List<Mention> mentions)
    {
        if (!mentions.Exists(m => m.Qualifier is not null))
        {
            return;
        }

        foreach (var m in mentions)
        {
            // A name that itself qualifies another ("Zaïre, Bundibugyo, Côte d'Ivoire") is one of a list; looked up
            // only for the few qualified names, as a set of all qualifiers costs more than the scan.
            if (m.Qualifier is not { Best: >= 0 } qualifier || m.Best < 0 || qualifier.Length <= ShortQualifier || IsQualifierOfAnother(mentions, m))
            {
                continue;
            }

            var area = qualifier.Links[qualifier.Best];
            var place = m.Links[m.Best] >> 4;
            if (((NameFlags)(area & 15) & NameFlags.Code) != 0 || place == area >> 4
                || _gazetteer.Kind(place) is not (PlaceKind.City or PlaceKind.Admin2) || IsListOfPeers(m, _gazetteer.Kind(area >> 4)))
            {
                continue;
            }

            // Only another country counts: within one country the qualifier's own reading may be the one that is off
            // ("Greenwood, W. Va." read with Virginia).
            var outside = _gazetteer.CountryIndex(place) != _gazetteer.CountryIndex(area >> 4) && _gazetteer.Kind(area >> 4) switch
            {
                PlaceKind.Country or PlaceKind.Admin1 => true,
                PlaceKind.City or PlaceKind.Admin2 => _gazetteer.Population(place) < ListedTownPopulation,
                _ => false,
            };
            if (outside)
            {
                m.Links = [area & ~15];
                m.Best = 0;
                m.Resolution = UnknownInQualifier;
            }
        }
    }

    private static bool IsQualifierOfAnother(List<Mention> mentions, Mention m)
    {
        foreach (var other in mentions)
        {
            if (other.Qualifier == m)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"Alaska, Alabama, Arizona": a name that can be a place of the same kind as the one after the comma is
    /// one of a list, not qualified by it, whichever reading it got.</summary>
    private bool IsListOfPeers(Mention m, PlaceKind kind)
    {
        foreach (var link in m.Links)
        {
            if (_gazetteer.Kind(link >> 4) == kind && ((NameFlags)(link & 15) & NameFlags.Preferred) != 0)
            {
                return true;
            }
        }

        return false;
    }

    // A town this size or more is known abroad by other spellings ("Kiev", "Bombay"); below it, another spelling of
    // a foreign town is more often a local name the gazetteer lacks.
    private const long KnownAbroadPopulation = 100_000;

    /// <summary>
    /// "Abs Hospital", "in Min", "El Abbasiya Hospital": a single word read as a small town (under
    /// <see cref="KnownAbroadPopulation"/>) that the gazetteer knows by that word only as another spelling (Abu Simbel's
    /// "Abs", a Chinese town's "Min") is usually a local place the gazetteer lacks when nothing else in the text sets
    /// the scene: no other place named (a demonym such as "Saudi-led" sets none unless it is that town's country) and
    /// no declared feed country of that town's. Such a lone name is left unresolved rather than placed abroad. A
    /// spelling within an edit or so of the town's own name ("Azaz" for I‘zāz) is the town's, not another name.
    /// </summary>
    private void DropUnsupportedAlternateSpellings(string text, List<Mention> mentions, int contextCountry)
    {
        foreach (var m in mentions)
        {
            if (m.Best < 0 || m.EndToken - m.FirstToken != 1)
            {
                continue;
            }

            var link = m.Links[m.Best];
            var place = link >> 4;
            if (((NameFlags)(link & 15) & NameFlags.Preferred) != 0
                || _gazetteer.Kind(place) is not (PlaceKind.City or PlaceKind.Admin2)
                || _gazetteer.Population(place) >= KnownAbroadPopulation)
            {
                continue;
            }

            if (IsSpellingOf(text.Substring(m.Start, m.Length), place))
            {
                continue;
            }

            var country = _gazetteer.CountryIndex(place);
            var supported = country == contextCountry;
            foreach (var other in mentions)
            {
                // Any other place named gives the text a setting, in which the spelling may well be the place's.
                supported |= other.NameKey != m.NameKey && other.Best >= 0
                    && (_gazetteer.CountryIndex(other.Links[other.Best] >> 4) == country || !other.ReadsAsDemonym);
            }

            if (!supported)
            {
                m.Best = -1;
                m.Resolution = 0;
            }
        }
    }

    /// <summary>Whether the name as written is a variant spelling of the place's own name: their letters, folded,
    /// differ by at most one edit per four letters ("Azaz" and I‘zāz), not another name (Abu Simbel's "Abs"); a name
    /// written in an uncased script counts as the place's own.</summary>
    private bool IsSpellingOf(string written, int place)
    {
        if (!GeoText.IsCasedScript(written[0]))
        {
            // Arabic, Cyrillic...: another script's names are the place's own in that script (أعزاز).
            return true;
        }

        var own = Letters(GeoText.FoldName(_gazetteer.NameOf(place)));
        var asWritten = Letters(GeoText.FoldName(written));
        return asWritten.Length > 0 && EditDistance(own, asWritten) <= Math.Max(1, Math.Min(own.Length, asWritten.Length) / 4);
    }

    private static string Letters(string folded) => string.Concat(folded.Where(char.IsLetter));

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
