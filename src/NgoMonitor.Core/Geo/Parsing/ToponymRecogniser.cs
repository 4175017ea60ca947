using static NgoMonitor.Core.Geo.Parsing.GeoWords;
using static NgoMonitor.Core.Geo.Parsing.RecognitionRules;

namespace NgoMonitor.Core.Geo.Parsing;

// One piece past ~400 lines: Spot is the recognition rule chain, read top to bottom in one method, and the name
// lookups it calls (WordIds, FindName, FollowedByRegion) share the gazetteer's word ids with it.
/// <summary>
/// Finds the names of places in a text (recognition steps 1–4 of <see cref="Geoparser"/>): the longest gazetteer
/// name at each capitalised word, kept or rejected by the rules in <see cref="RecognitionRules"/> and the word lists
/// in <see cref="GeoWords"/>. One instance per gazetteer, shared by all threads.
/// </summary>
internal sealed partial class ToponymRecogniser(Gazetteer gazetteer, GeoparserOptions options)
{
    private readonly Gazetteer _gazetteer = gazetteer;
    private readonly GeoparserOptions _options = options;

    public int[] SpanLinks(GeoTokens tokens, int[] words, int first, int end)
    {
        // Whole span, then trimmed of a leading article/possessive, then the longest name inside the span.
        var links = ExactLinks(words, first, end);
        if (links.Length > 0)
        {
            return links;
        }

        // Only a leading article or connector may be dropped ("the U.S."), or a trailing feature type ("Neches River"
        // → "Neches"); another inner name ("Meadow" in "Meadow Grove", "Union" in "European Union") is another place.
        var from = first;
        while (from < end - 1 && ConnectorLookup.Contains(tokens.FoldedOf(from)))
        {
            from++;
        }

        for (var length = end - from; length >= 1; length--)
        {
            links = ExactLinks(words, from, from + length);
            if (links.Length > 0 && (from + length == end || TypeWordLookup.Contains(tokens.FoldedOf(from + length))))
            {
                return links;
            }
        }

        return [];
    }

    private int[] ExactLinks(int[] words, int first, int end)
    {
        if (first >= end || end - first > GazetteerFormat.MaxNameWords || words[first] < 0)
        {
            return [];
        }

        var name = FindName(words, first, end - first);
        return name < 0 ? [] : _gazetteer.NameLinks(name).ToArray();
    }

    public int[] WordIds(GeoTokens tokens, bool allWords, out int[] peeled)
    {
        var words = new int[tokens.Tokens.Count];
        peeled = new int[tokens.Tokens.Count];
        for (var i = 0; i < words.Length; i++)
        {
            var folded = tokens.FoldedOf(i);
            var first = tokens.Text[tokens.Tokens[i].Start];
            if (!allWords && char.IsLower(first) && GeoText.IsCasedScript(first) && (folded.Length > MaxConnectorLength || !ConnectorLookup.Contains(folded)))
            {
                // Lower-case words can only be connectors inside a name; skipping their lookup is most of the speed.
                words[i] = -1;
                continue;
            }

            var id = _gazetteer.WordId(folded);
            if (id < 0 && folded.Length > 3 && GeoText.IsArabic(folded[0]))
            {
                // Arabic clitics written onto the word: و (and), ف (so), ب (in), ل (to), ك (like), then the article.
                for (var skip = 1; skip <= 2 && id < 0 && folded.Length - skip >= 3; skip++)
                {
                    if ("وفبلك".IndexOf(folded[skip - 1], StringComparison.Ordinal) < 0)
                    {
                        break;
                    }

                    var rest = folded[skip..];
                    id = _gazetteer.WordId(rest);
                    if (id < 0 && rest.Length >= 5 && rest[0] == 'ا' && rest[1] == 'ل')
                    {
                        id = _gazetteer.WordId(rest[2..]);
                    }

                    if (id >= 0)
                    {
                        peeled[i] = skip;
                    }
                }
            }

            words[i] = id;
        }

        return words;
    }

    /// <summary>The name id whose words are exactly words[first..first+length), or -1 (binary search within the first word's group).</summary>
    public int FindName(int[] words, int first, int length)
    {
        var (start, end) = _gazetteer.NamesStartingWith(words[first]);

        // Names in the group are ordered by length descending, then by word ids.
        int lo = start, hi = end;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_gazetteer.NameWords(mid).Length > length)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var groupStart = lo;
        hi = end;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_gazetteer.NameWords(mid).Length >= length)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var groupEnd = lo;
        var target = words.AsSpan(first, length);
        lo = groupStart;
        hi = groupEnd;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = _gazetteer.NameWords(mid).SequenceCompareTo(target);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return -1;
    }

    /// <param name="home">The feed's home area, when known: its towns are named in its organisations' names.</param>
    public List<Mention> Recognise(GeoTokens tokens, int[] words, int[] peeled, FeedHomeArea? home = null)
    {
        var text = tokens.Text;
        var list = tokens.Tokens;
        var mentions = new List<Mention>();
        List<(int Token, int Name)>? beforeCapitalised = null;
        for (var i = 0; i < list.Count; i++)
        {
            if (words[i] < 0 || !StartsName(text, list[i]))
            {
                continue;
            }

            var maxLength = 1;
            while (maxLength < GazetteerFormat.MaxNameWords && i + maxLength < list.Count && words[i + maxLength] >= 0
                   && JoinedWithinName(text, list[i + maxLength - 1], list[i + maxLength]))
            {
                maxLength++;
            }

            for (var length = maxLength; length >= 1; length--)
            {
                var lastToken = list[i + length - 1];
                if (!StartsName(text, lastToken) && !IsDigitWord(text, lastToken))
                {
                    continue;
                }

                if (!InnerWordsAllowed(tokens, i, length))
                {
                    continue;
                }

                var name = FindName(words, i, length);
                if (name < 0)
                {
                    continue;
                }

                if (length >= 2 && StopPhrases.Contains(JoinFolded(tokens, i, length)))
                {
                    // An organisation named like a place ("Red Cross", "La Croix-Rouge"): its words name nothing else.
                    i += length - 1;
                    break;
                }

                // "Mogok Township Hospital" is a facility of the seat town (IsAreaFacility), not the township named after it.
                var feature = IsFollowedByFeatureWord(tokens, i + length) && !IsAreaFacility(tokens, i + length);
                if (IsStreetOrRoad(tokens, i, length + (feature ? 1 : 0), name))
                {
                    // "Red Bank Road", "Antelope Valley Freeway", "KY 90", "US-24": a street's or a road's name, whose
                    // words name nothing else ("East Washington Street" is not Washington either).
                    i += length - 1 + (feature ? 1 : 0);
                    break;
                }

                var mention = Spot(tokens, words, i, length, name, peeled[i], mentions.Count > 0 ? mentions[^1] : null, withFeatureWord: feature);
                if (mention is null)
                {
                    if (home is not null && length == 1 && IsBeforeCapitalisedWord(tokens, words, i))
                    {
                        (beforeCapitalised ??= []).Add((i, name));
                    }

                    continue;
                }

                mentions.Add(mention);
                i = mention.EndToken - 1;
                break;
            }
        }

        if (beforeCapitalised is not null)
        {
            SameNameBeforeCapitalisedWord(tokens, words, peeled, mentions, beforeCapitalised, home!);
        }

        Surnames.DropSurnames(_gazetteer, tokens, words, mentions);
        MarkCommaPairs(tokens, mentions);
        return mentions;
    }

    /// <param name="samePlaceElsewhere">The same word is a place elsewhere in the text: a capitalised word after it
    /// does not make it a given name.</param>
    /// <param name="withFeatureWord">An area word named after the place follows ("Swat Valley", "Hamilton Township"): the
    /// mention spans it, and it is a cue.</param>
    private Mention? Spot(GeoTokens tokens, int[] words, int i, int length, int name, int peeledPrefix, Mention? previous, bool samePlaceElsewhere = false, bool withFeatureWord = false)
    {
        var text = tokens.Text;
        var list = tokens.Tokens;
        var first = list[i];
        var endToken = i + length + (withFeatureWord ? 1 : 0);
        var last = list[endToken - 1];
        var start = first.Start + peeledPrefix;
        var end = last.Start + last.Length;
        if (IncludesAbbreviationDot(text, start, end, length))
        {
            end++;
        }
        if (length > 1 && IsAreaFacility(tokens, i + length - 1))
        {
            // "Tachileik District Hospital": not the district of that name but a hospital in its seat; the shorter
            // name is read as the town.
            return null;
        }

        var surface = text.AsSpan(start, end - start);
        var allCaps = IsAllCaps(surface);
        var allCapsAcronym = allCaps && surface.Length <= 6 && !IsAllCaps(text.AsSpan(Math.Max(0, start - 40), Math.Min(text.Length, end + 40) - Math.Max(0, start - 40)));
        var links = _gazetteer.NameLinks(name);
        var kept = new List<int>(links.Length);
        var demonymOnly = true;
        var isCountry = false;
        var hasBigPlace = false;
        var hasCapital = false;
        var dateline = NewsReading.IsDateline(text, start, end);
        long maxPopulation = 0;
        foreach (var link in links)
        {
            var flags = (NameFlags)(link & 15);
            if ((flags & NameFlags.Code) != 0 && !allCaps)
            {
                continue;
            }

            if (allCapsAcronym && !dateline && (flags & NameFlags.Code) == 0)
            {
                // "NGO", "INGO", "NHS": acronyms in running text are organisations; only country codes count.
                continue;
            }

            if ((flags & NameFlags.Demonym) != 0 && !_options.Demonyms)
            {
                continue;
            }

            demonymOnly &= (flags & NameFlags.Demonym) != 0;
            var place = link >> 4;
            hasBigPlace |= _gazetteer.Kind(place) is PlaceKind.Country or PlaceKind.Admin1 or PlaceKind.Region or PlaceKind.WaterBody && (flags & (NameFlags.Preferred | NameFlags.Demonym)) != 0;
            hasCapital |= _gazetteer.FeatureCode(place) == "PPLC";
            // Countries and populous regions (a US state, a governorate) keep their name next to another capitalised
            // word ("Ohio State", "Texas Rangers"); small ones (Barbados' parish "Michael") do not.
            // A country's code in capitals ("UK will", "US officials") is no person's name either.
            isCountry |= ((flags & (NameFlags.Preferred | NameFlags.Demonym)) != 0 || ((flags & NameFlags.Code) != 0 && allCaps))
                && (_gazetteer.Kind(place) is PlaceKind.Country or PlaceKind.Region or PlaceKind.WaterBody || (_gazetteer.Kind(place) == PlaceKind.Admin1 && _gazetteer.Population(place) >= 500_000));
            maxPopulation = Math.Max(maxPopulation, _gazetteer.Population(place));
            kept.Add(link);
        }

        var areaHint = AreaHintOf(tokens, i, length);
        if (areaHint == AreaHint.Area)
        {
            // "Bui department": an area, so a town known by that name only as another spelling (Bowie) is not read;
            // a town's own name stays, as districts are often named after their seat.
            kept.RemoveAll(l => _gazetteer.Kind(l >> 4) is PlaceKind.City && ((NameFlags)(l & 15) & NameFlags.Preferred) == 0);
        }

        if (IsNameGivenToFacility(tokens, i))
        {
            // "a medical centre called Amani": the centre's own name, not a town.
            return null;
        }

        if (ArabicArticle.Follows(tokens, i))
        {
            // "al Amal Hospital": an Arabic name, so not Åmål in Sweden; only readings where Arabic names places stay.
            kept.RemoveAll(l => _gazetteer.Kind(l >> 4) is PlaceKind.City or PlaceKind.Admin2 or PlaceKind.Admin1
                && !ArabicArticle.NamesPlacesInArabic(_gazetteer.CountryCode(l >> 4)));
        }

        if (withFeatureWord)
        {
            // "Swat Valley" is read as the place it is named after, which lies around it only by that place's own name
            // ("Swat" for Swat District): another spelling ("Kiser Valley" read as Keyser) names some other place.
            kept.RemoveAll(l => ((NameFlags)(l & 15) & (NameFlags.Preferred | NameFlags.Weak)) == 0);
        }

        if (GroupNames.IsInGroupName(tokens, i, length))
        {
            // "Katsina militia", "Islamic State in Khorasan": where the group comes from, not where it acted.
            kept.RemoveAll(l => _gazetteer.Kind(l >> 4) is PlaceKind.City or PlaceKind.Admin2);
        }

        if (kept.Count == 0)
        {
            return null;
        }

        if (length == 1 && IsContraction(surface))
        {
            // "I'll", "I’d": a pronoun and a verb, not "Ill." (Illinois).
            return null;
        }

        if (IsCurrencyPrefix(text, start, end))
        {
            // "US$10", "$US 1.5 billion", "CA$10.8 million": a currency, not the country.
            return null;
        }

        var folded = tokens.FoldedOf(i);
        if (length == 1 && !GeoText.IsCasedScript(text[first.Start]) && IsArabicFunctionWord(folded))
        {
            return null;
        }

        if (length == 1 && (LocativeLookup.Contains(folded) || ConnectorLookup.Contains(folded)))
        {
            // "In", "At", "AS": a preposition or article capitalised at a sentence start or in capitals is not a place.
            return null;
        }

        if (IsCutFromUnknownCompound(tokens, words, i, length) && !IsPartyAffiliation(tokens, i))
        {
            // "Aga-Oja", "Taunt-Tet", "Anti-Balaka": one part of a hyphenated name the gazetteer lacks is not a place.
            return null;
        }

        if (i + length < list.Count && DiseaseWordLookup.Contains(tokens.FoldedOf(i + length)))
        {
            // "Marburg virus", "Lassa fever", "Reston ebolavirus": a disease named after a place, not the place.
            return null;
        }

        var cue = HasLocativeCue(tokens, i) || dateline || areaHint != AreaHint.None || withFeatureWord || IsPartyAffiliation(tokens, i) || QualifiesPrevious(tokens, previous, i, kept);
        var government = hasCapital && NewsReading.IsFollowedBySpeech(text, end);
        var followedByRegion = FollowedByRegion(tokens, words, i + length);
        var confidence = 0.6;
        if (length == 1)
        {
            var codeInCapitals = allCaps && kept.All(l => ((NameFlags)(l & 15) & NameFlags.Code) != 0);
            var common = StopWordLookup.Contains(folded) || (!codeInCapitals && !dateline && AppearsInLowerCase(tokens, i));
            var stopWithCue = StopWordsThatArePlacesWithCueLookup.Contains(folded) || (StopWordLookup.Contains(folded) && hasBigPlace);
            if (common && !((cue || followedByRegion) && stopWithCue) && !IsListedArea(tokens, i, length))
            {
                return null;
            }

            if (!government && !dateline && IsPersonName(tokens, words, i, isCountry, samePlaceElsewhere || withFeatureWord))
            {
                return null;
            }

            if (IsTailOfUnknownArabicName(tokens, i))
            {
                return null;
            }

            if (!cue && !followedByRegion && GeoText.IsCasedScript(text[first.Start]) && IsSentenceStart(text, first.Start)
                && !kept.Exists(l => ((NameFlags)(l & 15) & (NameFlags.Preferred | NameFlags.Demonym | NameFlags.Code)) != 0))
            {
                // A capitalised first word that is only another spelling of a place, with no cue: "Farmers" (an alternate
                // name of Milan, a US town), "She" (Shenyang), "Que". A place's own name still counts ("Gainesville").
                return null;
            }

            if (!cue && !followedByRegion && GeoText.IsCasedScript(text[first.Start]) && surface.Length <= 3
                && !kept.Exists(l => ((NameFlags)(l & 15) & (NameFlags.Preferred | NameFlags.Demonym | NameFlags.Code)) != 0))
            {
                // A short word that is only another spelling or a code of a place ("Tet" Tete, "Aga" Agadir's airport
                // code, "Min", "Abs"), with no cue: a person's name, an abbreviation or a word in capitals.
                return null;
            }

            if (!hasBigPlace && !cue && !followedByRegion && maxPopulation < _options.MinPopulationWithoutCue)
            {
                return null;
            }

            if (IsSentenceStart(text, first.Start) && !hasBigPlace)
            {
                confidence -= 0.15;
            }
        }
        else
        {
            confidence += 0.15;
        }

        if (cue)
        {
            confidence += 0.25;
        }

        if (followedByRegion)
        {
            confidence += 0.2;
        }

        if (hasBigPlace)
        {
            confidence += 0.15;
        }

        if (demonymOnly)
        {
            // "Turkish" as an adjective: the country is involved, the event is not necessarily there.
            confidence = 0.5;
        }

        return new Mention(start, end - start, i, endToken, Math.Clamp(confidence, 0, 1))
        {
            Links = [.. kept], IsDemonym = demonymOnly, IsDateline = dateline, IsGovernment = government, AreaHint = areaHint,
            OpensOrganisationName = endToken < list.Count && OpensOrganisationName(tokens, endToken),
        };
    }

    /// <summary>
    /// A street or numbered road named after a place: a capitalised street word after the name ("Red Bank Road",
    /// "Antelope Valley Freeway") unless the name is a county's, whose roads are numbered by the county and name it
    /// ("Douglas County Road 4"), or a country's or first-level region's ("Texas Avenue" is left to the other rules);
    /// or a code in capitals before a route number ("KY 90", "US-24").
    /// </summary>
    private bool IsStreetOrRoad(GeoTokens tokens, int i, int length, int name)
    {
        if (IsRoadNumber(tokens, i, length))
        {
            return true;
        }

        if (!IsFollowedByStreetWord(tokens, i + length) || tokens.FoldedOf(i + length - 1) is "county" or "parish")
        {
            return false;
        }

        foreach (var link in _gazetteer.NameLinks(name))
        {
            if (_gazetteer.Kind(link >> 4) is PlaceKind.Country or PlaceKind.Admin1 or PlaceKind.Region or PlaceKind.WaterBody)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"Newton County, Ga.", "Harrisburg, Pa.": a state or country written right after a place and a comma
    /// qualifies it, so even a short abbreviation that alone needs a cue is read there.</summary>
    private bool QualifiesPrevious(GeoTokens tokens, Mention? previous, int i, List<int> kept)
    {
        if (previous is null || previous.EndToken != i)
        {
            return false;
        }

        var from = previous.Start + previous.Length;
        return tokens.Text.AsSpan(from, tokens.Tokens[i].Start - from).Trim() is "," or "،"
            && kept.Exists(l => _gazetteer.Kind(l >> 4) is PlaceKind.Admin1 or PlaceKind.Country);
    }

    private bool FollowedByRegion(GeoTokens tokens, int[] words, int next)
    {
        var list = tokens.Tokens;
        if (next >= list.Count || words[next] < 0 || !StartsName(tokens.Text, list[next]))
        {
            return false;
        }

        var between = tokens.Text.AsSpan(list[next - 1].Start + list[next - 1].Length, list[next].Start - list[next - 1].Start - list[next - 1].Length);
        if (between.Trim() is not "," and not "،")
        {
            return false;
        }

        for (var length = Math.Min(4, list.Count - next); length >= 1; length--)
        {
            var name = FindName(words, next, length);
            if (name < 0)
            {
                continue;
            }

            foreach (var link in _gazetteer.NameLinks(name))
            {
                if (_gazetteer.Kind(link >> 4) is PlaceKind.Admin1 or PlaceKind.Country)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
