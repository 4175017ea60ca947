using NgoMonitor.Core.Geo.Parsing;

namespace NgoMonitor.Core.Geo;

/// <summary>A toponym found and resolved in a text. Offsets are UTF-16 (see <see cref="GeoText.CodePointIndex"/>).</summary>
/// <param name="Start">UTF-16 index of the first character.</param>
/// <param name="Length">UTF-16 length.</param>
/// <param name="Surface">The text as written.</param>
/// <param name="PlaceId">Gazetteer place id, or -1 when no place of that name is known.</param>
/// <param name="Confidence">0–1: recognition (is this a place here?) times resolution (is it this place?).</param>
public readonly record struct Toponym(int Start, int Length, string Surface, int PlaceId, double Confidence)
{
    /// <summary>True when the word is a demonym ("Turkish") standing for its country.</summary>
    public bool IsDemonym { get; init; }

    /// <summary>True when the place is a far smaller namesake of a world city or a country ("Dublin" in Ohio, "Jordan"
    /// in Minnesota) that the text's own local evidence chose over it (resolution step 5).</summary>
    public bool IsLocalNamesake { get; init; }

    /// <summary>When the place is a world city or a country whose name also reads as far smaller towns or counties
    /// ("Dublin", "London", "Jordan"), those namesakes' place ids; otherwise empty. The text gave no
    /// local evidence for them, but a feed's other items may (<see cref="FeedHomeAreaLearner"/>).</summary>
    public IReadOnlyList<int> Namesakes { get; init; } = [];

    public int End => Start + Length;
}

/// <summary>
/// Reads places out of English, French and Arabic text and resolves each to a gazetteer entry: a façade over
/// <see cref="ToponymRecogniser"/> (recognition) and <see cref="ToponymResolver"/> (resolution), whose rules follow.
///
/// Recognition, at each word from left to right:
/// 1. the longest gazetteer name starting at the word wins (up to eight words; Arabic clitics و ف ب ل ك and the
///    article ال are peeled off a word the index does not know); its words are not reused;
/// 2. in cased scripts the name must be capitalised, inner words may be lower-case connectors ("Stratford upon Avon",
///    "Deir ez-Zor"), and codes ("US", "U.S.") count only in capitals; words within a name are separated by spaces,
///    hyphens, apostrophes or dots only;
/// 3. a single word is rejected when it is on the stop-list of words that are also places, when the same word also
///    appears in lower case in the text (a common word), when a title or a given name stands before it ("Gov. Perry",
///    "Raquel Henry") or "said" or "was" after it (people, not places; "in Gaza was" stays a place), or another
///    capitalised word that does not open an organisation's or facility's name ("Bhamo General Hospital" is the
///    town), when it is a small place (below
///    <see cref="GeoparserOptions.MinPopulationWithoutCue"/>) with no locative cue or region after it, when it opens
///    a sentence, has no cue or region after it and is only an alternate spelling of its places ("Farmers", "She"),
///    when it is an Arabic function word (with or without a clitic: إن, وأن), or when it follows "Capitalised al-"
///    ("Maarat al-Numan", the tail of a name the gazetteer lacks); an organisation's name that is also a place
///    ("Red Cross", "La Croix-Rouge") is skipped with all its words, as is a street or numbered road named after a
///    place ("Red Bank Road", "KY 90"); a capitalised area word after a place makes one toponym of both ("Swat
///    Valley", "Hamilton Township"), and a legislator's "D-Braxton" is a place;
/// 4. demonyms ("Turkish forces") stand for their country, with a lower confidence.
///
/// Resolution of each name among the places sharing it, by a score per candidate:
/// 1. prior: log population, a bonus for countries and first-level regions, capitals and seats, and the place's own
///    name over an alternate one;
/// 2. "Paris, Texas": a region or country written right after the name, after a comma, confines it;
/// 3. context from the other names of the text (two rounds): candidates in a country or region that other names
///    resolve to, or that is named itself, gain, and candidates near the others' places gain with closeness;
/// 4. the feed's declared country and area (<see cref="GeoContext"/>) act like names read in the text; a town or county
///    in the feed's home area (<see cref="GeoContext.Home"/>, set or learned by <see cref="FeedHomeAreaLearner"/>)
///    gains nearly as much as a comma qualifier ("Dublin" in a Dublin, Ohio paper);
/// 5. a country's name ("Jordan", "Liban", "لبنان", "Türkiye", a demonym) is the country unless the text places the
///    town or county of that name locally: in step 3 such a reading gains only from its own first-level region
///    named and from named places near it, never from its country or from towns elsewhere in it. "Lebanon,
///    Pennsylvania", "Jordan, Minn." (step 2) and "a Palestine man ... the Anderson County sheriff ... Texas" are
///    towns; "refugees crossed into Jordan and Lebanon" stays the countries however many US states the article names.
/// 6. a town or region read by another spelling that no other name supports yields to a reading by a place's own
///    name that the others support ("Berea, 40 km north of Maseru" is Lesotho's Berea, not Aleppo).
/// The confidence is the best candidate's share of the softmax of the scores (a region read as its seat town, as
/// "Hama", counts the region's share too), times the recognition confidence.
/// </summary>
public sealed class Geoparser : IPlaceFinder
{
    private readonly Gazetteer _gazetteer;
    private readonly GeoparserOptions _options;
    private readonly ToponymRecogniser _recogniser;
    private readonly ToponymResolver _resolver;

    public Geoparser(Gazetteer gazetteer, GeoparserOptions? options = null)
    {
        _gazetteer = gazetteer;
        _options = options ?? new GeoparserOptions();
        _recogniser = new ToponymRecogniser(gazetteer, _options);
        _resolver = new ToponymResolver(gazetteer);
    }

    public Gazetteer Gazetteer => _gazetteer;

    /// <inheritdoc />
    public IReadOnlyList<PlaceMention> FindPlaces(string text) => FindPlaces(text, GeoContext.None);

    /// <summary>The places named in a text, resolved with the feed's context, as the matcher's port records.</summary>
    public IReadOnlyList<PlaceMention> FindPlaces(string text, GeoContext context)
    {
        var toponyms = Parse(text, context);
        var mentions = new List<PlaceMention>(toponyms.Count);

        // Code-point offsets equal UTF-16 offsets unless the text holds surrogate pairs (emoji, rare scripts); only
        // then is each offset counted, as counting from the start for every mention is quadratic in the text.
        var hasSurrogates = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;
        foreach (var t in toponyms)
        {
            if (t.PlaceId < 0 || t.Confidence < _options.MinConfidence)
            {
                continue;
            }

            mentions.Add(new PlaceMention(_gazetteer.ToPlace(t.PlaceId), t.Surface, t.Start, t.Length, Math.Round(t.Confidence, 3))
            {
                IsDemonym = t.IsDemonym,
                IsLocalNamesake = t.IsLocalNamesake,
                Namesakes = t.Namesakes.Count == 0 ? [] : [.. t.Namesakes.OrderByDescending(_gazetteer.Population).Select(_gazetteer.PointOf)],
                CodePointStart = hasSurrogates ? GeoText.CodePointIndex(text, t.Start) : t.Start,
                CodePointEnd = hasSurrogates ? GeoText.CodePointIndex(text, t.End) : t.End,
            });
        }

        // A place qualified by its bearing from another, the ends of a road, and where people were taken: the
        // mentions that are context rather than where it happened.
        return TransferDestinations.Mark(text, RoadsBetweenPlaces.Link(text, NewsReading.LinkBearings(text, mentions)));
    }

    /// <summary>Recognises and resolves the toponyms of a text (every recognised one, whatever its confidence).</summary>
    public IReadOnlyList<Toponym> Parse(string text, GeoContext? context = null)
    {
        var tokens = GeoText.Tokenise(text);
        var words = _recogniser.WordIds(tokens, allWords: false, out var peeled);
        var mentions = _recogniser.Recognise(tokens, words, peeled, context?.Home);
        _resolver.Resolve(tokens, mentions, context ?? GeoContext.None);
        _resolver.SettleUnlikelyReadings(text, mentions, context ?? GeoContext.None);
        return mentions.Select(m => m.ToToponym(text)).ToList();
    }

    /// <summary>
    /// Resolves given spans (UTF-16 start and end) of a text, as in evaluation "given gold spans": each span is looked
    /// up as a whole name (then without a leading "the" or trailing "'s", then by its longest inner name), and the
    /// spans are resolved jointly, each serving as context for the others.
    /// </summary>
    public IReadOnlyList<Toponym> ResolveSpans(string text, IReadOnlyList<(int Start, int End)> spans, GeoContext? context = null)
    {
        var tokens = GeoText.Tokenise(text);
        var words = _recogniser.WordIds(tokens, allWords: true, out _);
        var mentions = new List<Mention>(spans.Count);
        foreach (var (start, end) in spans)
        {
            var first = tokens.Tokens.FindIndex(t => t.Start + t.Length > start);
            var last = tokens.Tokens.FindLastIndex(t => t.Start < end);
            // A word next to the span says what it is, as in recognition: "Washington state", "Isfahan province".
            var hint = first >= 0 && last >= first ? RecognitionRules.AreaHintOf(tokens, first, last + 1 - first) : AreaHint.None;
            var mention = new Mention(start, end - start, first, last + 1, 0.9) { Links = [], AreaHint = hint };
            if (first >= 0 && last >= first)
            {
                mention.Links = _recogniser.SpanLinks(tokens, words, first, last + 1);
            }

            mentions.Add(mention);
        }

        RecognitionRules.MarkCommaPairs(tokens, mentions.Where(m => m.Links.Length > 0).OrderBy(m => m.Start).ToList());
        _resolver.Resolve(tokens, mentions, context ?? GeoContext.None);

        // A span naming a place the gazetteer lacks ("Meadow Grove", "Neches River", "South Ossetia") is placed at
        // the text's focus: the most specific place resolved in it, in the feed's home area if one is, the most often
        // named among those. Local news names small places around the town it is about; the confidence says it is a
        // guess.
        var home = context?.Home;
        var focus = mentions.Where(m => m.Best >= 0)
            .GroupBy(m => m.Links[m.Best] >> 4)
            .OrderByDescending(g => Coherence.Specificity(_gazetteer.Kind(g.Key)))
            .ThenByDescending(g => home is not null && _gazetteer.PointOf(g.Key).DistanceKmTo(home.Centre) <= home.RadiusKm)
            .ThenByDescending(g => g.Count())
            .ThenByDescending(g => g.Max(m => m.Resolution))
            .FirstOrDefault();
        if (focus is not null)
        {
            foreach (var m in mentions.Where(m => m.Links.Length == 0))
            {
                m.Links = [focus.Key << 4];
                m.Best = 0;
                m.Resolution = 0.1;
            }
        }

        return mentions.Select(m => m.ToToponym(text)).ToList();
    }
}
