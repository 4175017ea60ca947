using System.Runtime.InteropServices;
using static NgoMonitor.Core.Geo.Parsing.Coherence;

namespace NgoMonitor.Core.Geo.Parsing;

// One piece past ~400 lines: resolution steps 1–5 run in order over one text's readings and scores, which they all
// update; the end-to-end-only rules for places the gazetteer lacks are apart in ToponymResolver.Unplaced.cs.
/// <summary>
/// Chooses each recognised name's place among the gazetteer's readings of it (resolution steps 1–5 of
/// <see cref="Geoparser"/>): a prior per place, the text's qualifiers, datelines and government metonyms, the feed's
/// context, then three rounds of coherence between the names. One instance per gazetteer, shared by all threads.
/// </summary>
internal sealed partial class ToponymResolver
{
    // Weights of the resolution score, tuned on LGL given gold spans (docs/geoparsing.md): ln(population) counts
    // half, coherence with the other names 1.5 times its fit, and fixed bonuses for countries, first-level regions,
    // capitals and a place's own name; ProbabilityFloor is how much an unlikely reading of another name still counts.
    private const double PopulationWeight = 0.5;
    private const double CoherenceWeight = 1.5;
    private const double CountryBonus = 4;
    private const double Admin1Bonus = 1.5;
    private const double CapitalBonus = 2;
    private const double PreferredBonus = 1.5;
    private const double ProbFloor = 0.3;

    // A word next to the name saying what it is ("Isfahan province", "Amara city") outweighs a prior's size gap.
    private const double AreaWordBonus = 6;

    private readonly Gazetteer _gazetteer;
    private readonly double[] _placePrior;

    public ToponymResolver(Gazetteer gazetteer)
    {
        _gazetteer = gazetteer;

        // Priors are read for every candidate of every name of every text: computed once per place (~10 ms).
        _placePrior = new double[gazetteer.Count];
        for (var place = 0; place < _placePrior.Length; place++)
        {
            _placePrior[place] = PlacePrior(place);
        }
    }

    public void Resolve(GeoTokens tokens, List<Mention> mentions, GeoContext context)
    {
        if (mentions.Count == 0)
        {
            return;
        }

        var contextCountry = context.CountryCode is { } code ? _gazetteer.CountryIndexOf(code) : -1;

        // One name, one place within a text ("one sense per discourse"): mentions sharing a candidate list are one
        // name, scored once; a comma qualifier on any of them ("Paris, Texas") counts for all.
        var names = new List<NameGroup>();
        var byKey = new Dictionary<int, NameGroup>();
        foreach (var mention in mentions)
        {
            if (mention.Links.Length == 0)
            {
                continue;
            }

            if (byKey.TryGetValue(mention.NameKey, out var group))
            {
                group.Mentions.Add(mention);
                continue;
            }

            byKey[mention.NameKey] = new NameGroup(mention.Links, [mention]);
        }

        foreach (var name in byKey.Values)
        {
            var links = name.Links;
            var qualified = name.Mentions.FindAll(m => m.Qualifier is not null);
            var dateline = name.Mentions.Exists(m => m.IsDateline);
            var government = name.Mentions.Exists(m => m.IsGovernment);
            var area = name.Mentions.Exists(m => m.AreaHint == AreaHint.Area);
            var settlement = name.Mentions.Exists(m => m.AreaHint == AreaHint.Settlement);
            var namesCountry = false;
            for (var k = 0; k < links.Length; k++)
            {
                namesCountry |= NamesCountry(links[k]);
                name.Base[k] = Prior(links[k]);
                var place = links[k] >> 4;
                if (contextCountry >= 0 && _gazetteer.CountryIndex(place) == contextCountry)
                {
                    name.Base[k] += 3;
                }

                // A dateline names the city the story was filed from; a capital that speaks is its government.
                if ((dateline && _gazetteer.Kind(place) == PlaceKind.City) || (government && _gazetteer.FeatureCode(place) == "PPLC"))
                {
                    name.Base[k] += NewsReading.DatelineBonus;
                }

                // "Isfahan province" is the province, "Amara city" the city, whatever their sizes.
                if ((area && _gazetteer.Kind(place) is PlaceKind.Admin1 or PlaceKind.Admin2) || (settlement && _gazetteer.Kind(place) == PlaceKind.City))
                {
                    name.Base[k] += AreaWordBonus;
                }

                if (context.RegionCentre is { } centre && _gazetteer.Kind(place) is PlaceKind.City or PlaceKind.Admin2)
                {
                    name.Base[k] += 2 * Closeness(FastDistanceKm(_gazetteer.Lat(place), _gazetteer.Lon(place), centre.Lat, centre.Lon));
                }

                if (context.Home is { } home && _gazetteer.Kind(place) is PlaceKind.City or PlaceKind.Admin2)
                {
                    name.Base[k] += HomeAreaBonus(home, place);
                }

                foreach (var m in qualified)
                {
                    foreach (var ql in m.Qualifier!.Links)
                    {
                        var qp = ql >> 4;
                        if (qp != place && Contains(qp, place))
                        {
                            name.Base[k] += 8;
                            break;
                        }
                    }
                }
            }

            name.Scores = (double[])name.Base.Clone();
            name.Top = TopCandidates(name.Base, MaxCandidatesInContext);
            name.LocalOnly = LocalOnlyReadings(links, namesCountry || NamesMajorCity(links));
            names.Add(name);
        }

        // Coherence: each candidate gains from the best-fitting candidate of every other name (same region, same
        // country, nearby), weighted by how likely that candidate currently is. Three rounds let a confident name
        // ("Tennessee") settle an ambiguous one ("Henry County"), which then settles the next ("Paris"). The fits
        // do not change between rounds, so they are computed once: a name's MaxCandidatesScored best readings by
        // prior against every other name's MaxCandidatesInContext (the rest keep their prior, which cannot win).
        // Only candidates in the same country can fit (Compatibility is 0 across countries), so each scored
        // candidate meets only the other names' readings in its own country, found through a bucket per country,
        // and keeps only the fits above 0, ordered by name: the sums below are the same as over every pair.
        var scratch = t_scratch ??= new ResolveScratch();
        var byCountry = scratch.ByCountry;
        foreach (var list in byCountry.Values)
        {
            list.Clear();
        }

        for (var b = 0; b < names.Count; b++)
        {
            var other = names[b];
            for (var t = 0; t < other.Top.Length; t++)
            {
                var place = other.Links[other.Top[t]] >> 4;
                var country = _gazetteer.CountryIndex(place);
                if (country < 0)
                {
                    continue;
                }

                if (!byCountry.TryGetValue(country, out var bucket))
                {
                    byCountry[country] = bucket = [];
                }

                bucket.Add((b * MaxCandidatesInContext + t, CandidateOf(place, other.IsLocalOnly(other.Top[t]))));
            }
        }

        // A pair of readings both among their names' MaxCandidatesInContext best is met from both sides; its fit
        // (Compatibility is symmetric) is computed once and kept in a matrix per country bucket, NaN until known.
        var bucketOffset = new Dictionary<int, int>(byCountry.Count);
        var slotIndex = new int[names.Count * MaxCandidatesInContext];
        var cells = 0;
        foreach (var (country, bucket) in byCountry)
        {
            bucketOffset[country] = cells;
            for (var j = 0; j < bucket.Count; j++)
            {
                slotIndex[bucket[j].Slot] = j;
            }

            cells += bucket.Count * bucket.Count;
        }

        var known = new float[cells];
        known.AsSpan().Fill(float.NaN);

        var fits = scratch.Fits;
        fits.Clear();
        var fitStart = new int[names.Count][];
        for (var a = 0; a < names.Count; a++)
        {
            var name = names[a];
            name.Scored = TopCandidates(name.Base, MaxCandidatesScored);
            var starts = fitStart[a] = new int[name.Scored.Length + 1];
            for (var s = 0; s < name.Scored.Length; s++)
            {
                starts[s] = fits.Count;
                var place = name.Links[name.Scored[s]] >> 4;
                var country = _gazetteer.CountryIndex(place);
                if (!byCountry.TryGetValue(country, out var bucket))
                {
                    continue;
                }

                var rank = Array.IndexOf(name.Top, name.Scored[s]);
                var offset = bucketOffset[country];
                var column = rank < 0 ? 0 : slotIndex[a * MaxCandidatesInContext + rank];
                var row = rank < 0 ? Span<float>.Empty : known.AsSpan(offset + column * bucket.Count, bucket.Count);
                var candidate = CandidateOf(place, name.IsLocalOnly(name.Scored[s]));
                var entries = CollectionsMarshal.AsSpan(bucket);
                for (var j = 0; j < entries.Length; j++)
                {
                    // Read in place: an entry is a slot and a 40-byte candidate, and this loop runs for every pair.
                    ref readonly var entry = ref entries[j];
                    var slot = entry.Slot;
                    ref readonly var other = ref entry.Place;
                    if (slot / MaxCandidatesInContext == a)
                    {
                        continue;
                    }

                    float fit;
                    if (rank < 0)
                    {
                        fit = (float)Compatibility(candidate, other);
                    }
                    else if (float.IsNaN(row[j]))
                    {
                        fit = row[j] = (float)Compatibility(candidate, other);
                        known[offset + j * bucket.Count + column] = fit;
                    }
                    else
                    {
                        fit = row[j];
                    }

                    if (fit > 0)
                    {
                        fits.Add(new Fit(slot, fit));
                    }
                }
            }

            starts[name.Scored.Length] = fits.Count;
        }

        // Readings' relative likelihoods, flat by slot (name × MaxCandidatesInContext + reading), as the fits address them.
        var likelihood = new double[names.Count * MaxCandidatesInContext];
        var fitSpan = CollectionsMarshal.AsSpan(fits);
        for (var round = 0; round < 3; round++)
        {
            for (var b = 0; b < names.Count; b++)
            {
                RelativeLikelihood(names[b].Scores, names[b].Top, likelihood.AsSpan(b * MaxCandidatesInContext));
            }

            for (var a = 0; a < names.Count; a++)
            {
                var name = names[a];
                var starts = fitStart[a];
                for (var s = 0; s < name.Scored.Length; s++)
                {
                    // Sum over the other names of the best fit among each one's readings.
                    var coherence = 0.0;
                    var current = -1;
                    var best = 0.0;
                    foreach (var fit in fitSpan[starts[s]..starts[s + 1]])
                    {
                        var other = fit.Slot / MaxCandidatesInContext;
                        if (other != current)
                        {
                            coherence += best;
                            best = 0;
                            current = other;
                        }

                        best = Math.Max(best, fit.Value * (ProbFloor + (1 - ProbFloor) * likelihood[fit.Slot]));
                    }

                    coherence += best;
                    var k = name.Scored[s];
                    name.Scores[k] = name.Base[k] + CoherenceWeight * coherence;
                }
            }
        }

        PreferOwnNamesTheTextSupports(names);
        PreferTheTextsOwnRegion(names);
        CapitalOrRegion.Prefer(_gazetteer, tokens, mentions, names, byKey);

        foreach (var name in names)
        {
            var favourite = ArgMax(name.Scores);
            var best = name.Mentions.Exists(m => m.AreaHint == AreaHint.Area) ? favourite : PreferSeatOverRegion(name, favourite);

            // A region read as its seat town ("Hama") keeps the region's share too: both readings are the same area,
            // so the town's own share alone (often below MinConfidence) would understate it.
            var confidence = Softmax(name.Scores, best) + (best != favourite ? Softmax(name.Scores, favourite) : 0);
            foreach (var m in name.Mentions)
            {
                m.Best = best;
                m.Resolution = confidence;
                m.LocalOnly = name.LocalOnly;
            }
        }
    }

    /// <summary>Coherence a place's own-name reading needs to beat an alternate-name reading the text does not
    /// support: about one other name's likely reading in the same country.</summary>
    internal const double OwnNameSupport = 0.5;

    /// <summary>
    /// "Berea, 40 km north of Maseru": Berea is an old name of Aleppo, a far larger city, and the own name of a district
    /// of Lesotho. When a name's favourite is a town or region read by another spelling that no other name of the text
    /// supports (no coherence at all), and a reading by the place's own name is supported by the other names (its
    /// country or region named, or a town near it), the own name wins: the text's places outrank a namesake's size.
    /// Countries, macro-regions and demonyms keep their readings.
    /// </summary>
    private void PreferOwnNamesTheTextSupports(List<NameGroup> names)
    {
        if (names.Count < 2)
        {
            return;
        }

        foreach (var name in names)
        {
            var favourite = ArgMax(name.Scores);
            var flags = (NameFlags)(name.Links[favourite] & 15);
            if ((flags & (NameFlags.Preferred | NameFlags.Demonym | NameFlags.Code)) != 0
                || _gazetteer.Kind(name.Links[favourite] >> 4) is not (PlaceKind.City or PlaceKind.Admin2 or PlaceKind.Admin1)
                || name.Scores[favourite] > name.Base[favourite])
            {
                continue;
            }

            var own = -1;
            for (var k = 0; k < name.Links.Length; k++)
            {
                if (((NameFlags)(name.Links[k] & 15) & NameFlags.Preferred) != 0 && name.Scores[k] - name.Base[k] >= OwnNameSupport
                    && (own < 0 || name.Scores[k] > name.Scores[own]))
                {
                    own = k;
                }
            }

            if (own >= 0)
            {
                name.Scores[own] = name.Scores[favourite] + OwnNameSupport;
            }
        }
    }

    /// <summary>Score added to a town named like a country or a world city when it lies in the text's own region.</summary>
    internal const double OwnRegionBonus = 4;

    /// <summary>
    /// A local paper names its own town and county and often its state, and nothing of other states: "Paris" beside
    /// "Edgar County" and "Illinois", "London" beside "Laurel County" and "Kentucky". The text's own region is the
    /// first-level region that at least two thirds of the places the text names lie in (counting mentions, a region
    /// named counting for itself, its own country named not counting), leaving out the names with a reading that needs
    /// local evidence (a country named, such as "Syria", that no town shares, counts): a story that also names Syria and Jordan is not a Pennsylvania paper's. A reading of
    /// such a name (resolution step 5) that lies in that region gains <see cref="OwnRegionBonus"/>; international
    /// news naming several states, or none, has no own region and keeps the country or the world city.
    /// </summary>
    private void PreferTheTextsOwnRegion(List<NameGroup> names)
    {
        var needsEvidence = false;
        foreach (var name in names)
        {
            needsEvidence |= name.LocalOnly.Length > 0;
        }

        if (!needsEvidence)
        {
            return;
        }

        // Mentions per first-level region, and of areas above it (countries, continents) per country (-1 for none).
        var counts = new Dictionary<int, int>();
        var areas = new Dictionary<int, int>();
        var total = 0;
        foreach (var name in names)
        {
            if (Array.IndexOf(name.LocalOnly, true) >= 0)
            {
                continue;
            }

            var place = name.Links[ArgMax(name.Scores)] >> 4;
            total += name.Mentions.Count;
            var region = _gazetteer.Kind(place) is PlaceKind.City or PlaceKind.Admin2 or PlaceKind.Admin1 ? _gazetteer.Admin1Of(place) : -1;
            if (region >= 0)
            {
                counts[region] = counts.GetValueOrDefault(region) + name.Mentions.Count;
            }
            else
            {
                var country = _gazetteer.CountryIndex(place);
                areas[country] = areas.GetValueOrDefault(country) + name.Mentions.Count;
            }
        }

        // The region's own country named ("U.S.") does not count against it; other countries and continents do.
        var own = -1;
        foreach (var (region, count) in counts)
        {
            var against = total - areas.GetValueOrDefault(_gazetteer.CountryIndex(region));
            if (3 * count >= 2 * against && (own < 0 || count > counts[own]))
            {
                own = region;
            }
        }

        if (own < 0)
        {
            return;
        }

        foreach (var name in names)
        {
            for (var k = 0; k < name.LocalOnly.Length; k++)
            {
                if (name.LocalOnly[k] && _gazetteer.Admin1Of(name.Links[k] >> 4) == own)
                {
                    name.Scores[k] += OwnRegionBonus;
                }
            }
        }
    }

    /// <summary>
    /// "Idlib", "Aleppo": a region named after its seat is read as the seat town, which is more specific and what
    /// a town-sized fence can use; the seat is the region's PPLA candidate among the name's readings.
    /// </summary>
    private int PreferSeatOverRegion(NameGroup name, int best)
    {
        if (best < 0 || _gazetteer.Kind(name.Links[best] >> 4) != PlaceKind.Admin1)
        {
            return best;
        }

        var region = name.Links[best] >> 4;
        for (var k = 0; k < name.Links.Length; k++)
        {
            var place = name.Links[k] >> 4;
            if (_gazetteer.FeatureCode(place) == "PPLA" && _gazetteer.Admin1Of(place) == region)
            {
                return k;
            }
        }

        return best;
    }

    private Candidate CandidateOf(int place, bool localOnly) =>
        new(place, _gazetteer.Kind(place), _gazetteer.Admin1Of(place), _gazetteer.Lat(place), _gazetteer.Lon(place), localOnly);

    /// <summary>True when a reading names a country by its own or an alternate name or demonym (not by a code such
    /// as "IN", nor by a region's name without its type word): the name's towns and counties then count only local
    /// evidence in coherence (resolution step 5).</summary>
    private bool NamesCountry(int link) =>
        _gazetteer.Kind(link >> 4) == PlaceKind.Country && ((NameFlags)(link & 15) & (NameFlags.Code | NameFlags.Weak)) == 0;

    /// <summary>Per reading of a name that also names a country: true for its towns and counties; empty otherwise.</summary>
    private bool[] LocalOnlyReadings(int[] links, bool namesCountry)
    {
        if (!namesCountry)
        {
            return [];
        }

        var major = MajorCity(links);
        var localOnly = new bool[links.Length];
        for (var k = 0; k < links.Length; k++)
        {
            var place = links[k] >> 4;
            localOnly[k] = _gazetteer.Kind(place) is PlaceKind.City or PlaceKind.Admin2
                && (major < 0 || (place != major && _gazetteer.Population(place) * NewsReading.MajorCityRatio < _gazetteer.Population(major)));
        }

        return localOnly;
    }

    private bool NamesMajorCity(int[] links) => MajorCity(links) >= 0;

    /// <summary>
    /// The reading of a name that is a capital or a city of at least <see cref="NewsReading.MajorCityPopulation"/>
    /// ("London", "Paris", "Liverpool"), or -1. Its far smaller namesakes ("London, Kentucky") then count only local
    /// evidence in coherence, as towns named like a country do (resolution step 5): international news names US
    /// states and cities in the same article without meaning the Kentucky town.
    /// </summary>
    private int MajorCity(int[] links)
    {
        var major = -1;
        foreach (var link in links)
        {
            var place = link >> 4;
            if (_gazetteer.Kind(place) == PlaceKind.City && ((NameFlags)(link & 15) & NameFlags.Preferred) != 0
                && (_gazetteer.Population(place) >= NewsReading.MajorCityPopulation || _gazetteer.FeatureCode(place) == "PPLC")
                && (major < 0 || _gazetteer.Population(place) > _gazetteer.Population(major)))
            {
                major = place;
            }
        }

        return major;
    }

    [ThreadStatic]
    private static ResolveScratch? t_scratch;

    private double Prior(int link)
    {
        var flags = (NameFlags)(link & 15);
        var score = _placePrior[link >> 4];
        if ((flags & NameFlags.Preferred) != 0)
        {
            score += PreferredBonus;
        }

        if ((flags & NameFlags.Weak) != 0)
        {
            score -= 1;
        }

        return score;
    }

    /// <summary>The part of a candidate's prior that depends on the place only (not on the name it is read by).</summary>
    private double PlacePrior(int place)
    {
        var score = Math.Log(1 + _gazetteer.Population(place)) * PopulationWeight;
        score += _gazetteer.Kind(place) switch
        {
            PlaceKind.Country => CountryBonus,
            PlaceKind.Admin1 => Admin1Bonus,
            PlaceKind.Admin2 => 0,
            PlaceKind.Region => CountryBonus,
            PlaceKind.WaterBody => NewsReading.WaterBodyPrior,
            _ => 0,
        };
        score += _gazetteer.FeatureCode(place) switch
        {
            "PPLC" => CapitalBonus,
            "PPLA" => 1,
            "PPLA2" => 0.5,
            _ => 0,
        };
        return score;
    }

    public bool Contains(int region, int place)
    {
        return _gazetteer.Kind(region) switch
        {
            PlaceKind.Country => _gazetteer.CountryIndex(region) == _gazetteer.CountryIndex(place),
            PlaceKind.Admin1 => _gazetteer.Admin1Of(place) == region,
            _ => false,
        };
    }
}
