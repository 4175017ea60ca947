using System.Runtime.InteropServices;

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

    public int End => Start + Length;
}

/// <summary>
/// Reads places out of English, French and Arabic text and resolves each to a gazetteer entry.
///
/// Recognition, at each word from left to right:
/// 1. the longest gazetteer name starting at the word wins (up to eight words; Arabic clitics و ف ب ل ك and the
///    article ال are peeled off a word the index does not know); its words are not reused;
/// 2. in cased scripts the name must be capitalised, inner words may be lower-case connectors ("Stratford upon Avon",
///    "Deir ez-Zor"), and codes ("US", "U.S.") count only in capitals; words within a name are separated by spaces,
///    hyphens, apostrophes or dots only;
/// 3. a single word is rejected when it is on the stop-list of words that are also places, when the same word also
///    appears in lower case in the text (a common word), when a title or a given name stands before it ("Gov. Perry",
///    "Raquel Henry") or "said" after it (people, not places), when it is a small place (below
///    <see cref="GeoparserOptions.MinPopulationWithoutCue"/>) with no locative cue or region after it, when it opens
///    a sentence, has no cue or region after it and is only an alternate spelling of its places ("Farmers", "She"),
///    when it is an Arabic function word (with or without a clitic: إن, وأن), or when it follows "Capitalised al-"
///    ("Maarat al-Numan", the tail of a name the gazetteer lacks); an organisation's name that is also a place
///    ("Red Cross", "La Croix-Rouge") is skipped with all its words;
/// 4. demonyms ("Turkish forces") stand for their country, with a lower confidence.
///
/// Resolution of each name among the places sharing it, by a score per candidate:
/// 1. prior: log population, a bonus for countries and first-level regions, capitals and seats, and the place's own
///    name over an alternate one;
/// 2. "Paris, Texas": a region or country written right after the name, after a comma, confines it;
/// 3. context from the other names of the text (two rounds): candidates in a country or region that other names
///    resolve to, or that is named itself, gain, and candidates near the others' places gain with closeness;
/// 4. the feed's declared country and area (<see cref="GeoContext"/>) act like names read in the text;
/// 5. a country's name ("Jordan", "Liban", "لبنان", "Türkiye", a demonym) is the country unless the text places the
///    town or county of that name locally: in step 3 such a reading gains only from its own first-level region
///    named and from named places near it, never from its country or from towns elsewhere in it. "Lebanon,
///    Pennsylvania", "Jordan, Minn." (step 2) and "a Palestine man ... the Anderson County sheriff ... Texas" are
///    towns; "refugees crossed into Jordan and Lebanon" stays the countries however many US states the article names.
/// The confidence is the best candidate's share of the softmax of the scores (a region read as its seat town, as
/// "Hama", counts the region's share too), times the recognition confidence.
/// </summary>
public sealed class Geoparser : IPlaceFinder
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        // English and French words, titles and newsroom terms that are also GeoNames place names.
        "police", "mobile", "may", "march", "april", "june", "july", "august", "sunday", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "university", "college", "hospital", "church", "center", "centre", "street",
        "avenue", "road", "county", "city", "state", "north", "south", "east", "west", "central", "republic", "union",
        "government", "department", "office", "school", "park", "lake", "river", "mount", "island", "beach", "valley",
        "hill", "bay", "national", "council", "court", "news", "post", "times", "star", "herald", "tribune", "journal",
        "press", "today", "daily", "more", "many", "most", "good", "best", "new", "old", "young", "long", "man", "home",
        "house", "white", "black", "green", "brown", "price", "hope", "faith", "grace", "joy", "unity", "liberty",
        "independence", "victory", "progress", "commerce", "industry", "energy", "reading", "bath", "nice", "split",
        "mark", "san", "santa", "saint", "st", "fort", "port", "the", "and", "but", "this", "that", "there", "here",
        "when", "where", "what", "who", "why", "how", "all", "one", "two", "first", "after", "before", "with", "also",
        "said", "says", "sheriff", "deputy", "chief", "mayor", "governor", "president", "senator", "fire", "army",
        "forces", "military", "health", "ministry", "minister", "secretary", "general", "major", "captain", "district",
        "area", "region", "province", "village", "town", "camp", "market", "airport", "station", "bridge", "border",
        "gate", "square", "palace", "tower", "castle", "temple", "hall", "clinic", "medical", "red", "cross", "aid",
        "relief", "world", "bank", "trust", "fund", "christmas", "easter", "god", "lord", "king", "queen", "prince",
        "bishop", "father", "mother", "love", "life", "war", "peace", "freedom", "justice", "law", "order", "security",
        "emergency", "crisis", "attack", "storm", "university", "federal", "royal", "union", "media", "ocean", "sea",
        "valentine", "ash", "media", "sport", "sports", "tv", "radio", "net", "web", "online", "page", "photo", "video",
        "friendship", "harmony", "concord", "providence", "enterprise", "opportunity", "eureka", "paradise", "eden",
        "chad", "victoria", "florence", "eugene", "marion", "clinton", "lincoln",
        "madison", "jackson", "franklin", "hamilton", "warren", "hudson", "wayne", "douglas", "murray", "milton",
        "mission", "college", "normal", "bell", "gap", "alpha", "delta", "omega", "hospital", "dans", "pour", "avec",
        "sur", "sous", "mais", "est", "une", "des", "les", "aux", "par", "plus", "selon", "lors", "ont", "ils", "elle",
        "tous", "toutes", "sans", "entre", "depuis", "contre", "vers", "chez", "comme",
        // Month and title abbreviations, pronouns and compass words capitalised in headlines and datelines.
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "rep", "sen", "sgt",
        "mrs", "miss", "gov", "lt", "capt", "cpl", "gen", "col", "we", "no", "an", "at", "ii", "iii", "iv", "day", "ive",
        "lane", "northeast", "northwest", "southeast", "southwest", "western", "eastern", "northern", "southern",
        "superior", "gulf", "metro", "chamber", "ridge", "christian", "union", "liberty", "independence", "white",
        "due", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "some", "many", "other",
        "un", "il", "ce", "cette", "son", "sa", "ses", "leur", "nous", "vous", "selon", "apres", "avant",
        "hamas", "mai", "vice", "arab",
        // Function words and weekdays written capitalised at a sentence start that are alternate or small-place names
        // ("She" Shenyang, "Along" India, "Lundi" Lund, "Mon" Myanmar's Mon State without a cue).
        "she", "her", "our", "since", "yet", "not", "nor", "never", "along", "by", "for", "off", "out", "men", "tu",
        "cet", "ces", "mon", "mes", "vos", "que", "car", "si", "hier", "lundi", "mardi", "mercredi", "jeudi",
        "vendredi", "samedi", "dimanche", "janvier", "fevrier", "mars", "avril", "juin", "juillet", "aout", "septembre",
        "octobre", "novembre", "decembre",
    };

    // Arabic has no capitals to tell names from words, so its commonest function words, which fold to the Arabic
    // spellings of foreign towns (إن/أن "Ans", كان "Cannes", أم "Hamme", الخميس "Khemis"), are never names; checked
    // on the folded word and on the word without a clitic و ف ب ل ك (وأن "Van").
    private static readonly HashSet<string> ArabicFunctionWords = FoldAll(
        "في", "من", "إلى", "على", "عن", "مع", "أن", "إن", "كان", "كانت", "يكون", "قد", "لقد", "هذا", "هذه", "ذلك", "تلك",
        "التي", "الذي", "الذين", "ما", "لا", "لم", "لن", "هو", "هي", "هم", "نحن", "أنا", "أنت", "بعد", "قبل", "خلال",
        "منذ", "حتى", "عند", "بين", "ضد", "حول", "تحت", "فوق", "أيضا", "ثم", "كما", "لكن", "بل", "أو", "أم", "إذا", "لو",
        "كل", "بعض", "غير", "قال", "قالت", "أكد", "أعلن", "يوم", "أمس", "اليوم", "الأحد", "الاثنين", "الثلاثاء",
        "الأربعاء", "الخميس", "الجمعة", "السبت", "إنه", "أنه", "إنها", "أنها", "لأن", "عليه", "فيه", "منه", "له", "لها");

    // Organisations and buildings whose names are also GeoNames places.
    private static readonly HashSet<string> StopPhrases = new(StringComparer.Ordinal)
    {
        "red cross", "red crescent", "white house", "new year", "good friday", "holy see", "croix rouge",
        "la croix rouge", "croissant rouge",
    };

    // Words after a town's name that make it part of an organisation's or a street's name the gazetteer would not
    // hold, yet still name the town ("Gainesville Police", "Henry County Sheriff").
    private static readonly HashSet<string> OrganisationWords = new(StringComparer.Ordinal)
    {
        "police", "county", "city", "fire", "department", "school", "schools", "high", "university", "college",
        "hospital", "council", "township", "area", "region", "airport", "station", "mayor", "sheriff", "news", "times",
        "post", "herald", "journal", "chamber", "library", "board", "commission", "district", "court", "municipal",
        "regional", "community", "public", "state", "metro", "museum", "center", "centre", "zoo", "port", "harbor",
    };

    // Country and well-known region names on the stop-list above are still places when a cue or context supports them.
    private static readonly HashSet<string> StopWordsThatArePlacesWithCue = new(StringComparer.Ordinal)
    {
        "chad", "victoria", "florence", "eugene", "marion", "clinton", "lincoln",
        "madison", "jackson", "franklin", "hamilton", "warren", "hudson", "wayne", "douglas", "murray", "milton", "nice",
        "reading", "bath", "split", "mobile", "normal",
    };

    private static readonly HashSet<string> TypeWords = new(StringComparer.Ordinal)
    {
        "river", "county", "parish", "creek", "lake", "mountain", "mountains", "valley", "city", "town", "township",
        "village", "district", "province", "governorate", "region", "state", "island", "islands", "camp", "area",
    };

    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal)
    {
        "of", "de", "la", "le", "du", "des", "el", "al", "ez", "ed", "es", "er", "upon", "on", "the", "da", "di", "del",
        "sur", "en", "am", "an", "der", "y", "lès", "les", "l", "d", "ash", "as", "at", "bin", "ibn", "bir",
    };


    private static readonly HashSet<string> Locatives = new(StringComparer.Ordinal)
    {
        "in", "near", "outside", "from", "at", "to", "into", "towards", "toward", "across", "around", "between", "through",
        "throughout", "via", "inside", "within", "north", "south", "east", "west", "northern", "southern", "eastern",
        "western", "central", "downtown", "suburban", "rural", "visit", "visited", "village", "town", "city", "province",
        "à", "au", "aux", "en", "près", "pres", "dans", "vers", "depuis", "de", "sud", "nord", "est", "ouest",
        "في", "قرب", "من", "الى", "إلى", "الي", "مدينه", "بلده", "قريه", "محافظه", "مدينة", "بلدة", "قرية", "محافظة",
        "شمال", "جنوب", "شرق", "غرب", "ريف",
    };

    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gov", "governor", "president", "judge", "officer",
        "sheriff", "capt", "captain", "sgt", "sergeant", "lt", "lieutenant", "coach", "pastor", "rev", "reverend", "father",
        "sister", "brother", "prof", "professor", "mayor", "chief", "deputy", "detective", "gen", "general", "col",
        "colonel", "maj", "cpl", "pvt", "st", "saint", "lord", "lady", "sir", "dame", "king", "queen", "prince", "princess",
        "m", "mme", "mlle", "monsieur", "madame",
    };

    private static readonly HashSet<string> SpeechVerbs = new(StringComparer.Ordinal)
    {
        "said", "says", "told", "added", "stated", "explained", "noted", "asked", "wrote", "testified", "pleaded",
        "was", "is", "has", "had", "who", "will", "would", "did", "declined", "died", "scored", "led", "played",
    };

    // Span views of the word sets: the spotting rules test folded words in place, without a string per test.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordsThatArePlacesWithCueLookup = StopWordsThatArePlacesWithCue.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> TypeWordLookup = TypeWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ConnectorLookup = Connectors.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> LocativeLookup = Locatives.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> TitleLookup = Titles.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SpeechVerbLookup = SpeechVerbs.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ArabicFunctionWordLookup = ArabicFunctionWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> OrganisationWordLookup = OrganisationWords.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly int MaxConnectorLength = Connectors.Max(c => c.Length);

    private readonly Gazetteer _gazetteer;
    private readonly GeoparserOptions _options;
    private readonly double[] _placePrior;

    public Geoparser(Gazetteer gazetteer, GeoparserOptions? options = null)
    {
        _gazetteer = gazetteer;
        _options = options ?? new GeoparserOptions();

        // Priors are read for every candidate of every name of every text: computed once per place (~10 ms).
        _placePrior = new double[gazetteer.Count];
        for (var place = 0; place < _placePrior.Length; place++)
        {
            _placePrior[place] = PlacePrior(place);
        }
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
                CodePointStart = hasSurrogates ? GeoText.CodePointIndex(text, t.Start) : t.Start,
                CodePointEnd = hasSurrogates ? GeoText.CodePointIndex(text, t.End) : t.End,
            });
        }

        return NewsReading.LinkBearings(text, mentions);
    }

    /// <summary>Recognises and resolves the toponyms of a text (every recognised one, whatever its confidence).</summary>
    public IReadOnlyList<Toponym> Parse(string text, GeoContext? context = null)
    {
        var tokens = GeoText.Tokenise(text);
        var words = WordIds(tokens, allWords: false, out var peeled);
        var mentions = Recognise(tokens, words, peeled);
        Resolve(tokens, mentions, context ?? GeoContext.None);
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
        var words = WordIds(tokens, allWords: true, out _);
        var mentions = new List<Mention>(spans.Count);
        foreach (var (start, end) in spans)
        {
            var first = tokens.Tokens.FindIndex(t => t.Start + t.Length > start);
            var last = tokens.Tokens.FindLastIndex(t => t.Start < end);
            var mention = new Mention(start, end - start, first, last + 1, 0.9) { Links = [] };
            if (first >= 0 && last >= first)
            {
                mention.Links = SpanLinks(tokens, words, first, last + 1);
            }

            mentions.Add(mention);
        }

        MarkCommaPairs(tokens, mentions.Where(m => m.Links.Length > 0).OrderBy(m => m.Start).ToList());
        Resolve(tokens, mentions, context ?? GeoContext.None);

        // A span naming a place the gazetteer lacks ("Meadow Grove", "Neches River", "South Ossetia") is placed at
        // the text's focus: the most specific place resolved in it, the most often named among those. Local news
        // names small places around the town it is about; the confidence says it is a guess.
        var focus = mentions.Where(m => m.Best >= 0)
            .GroupBy(m => m.Links[m.Best] >> 4)
            .OrderByDescending(g => Specificity(_gazetteer.Kind(g.Key)))
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

    private int[] SpanLinks(GeoTokens tokens, int[] words, int first, int end)
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

    private int[] WordIds(GeoTokens tokens, bool allWords, out int[] peeled)
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
    private int FindName(int[] words, int first, int length)
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

    private List<Mention> Recognise(GeoTokens tokens, int[] words, int[] peeled)
    {
        var text = tokens.Text;
        var list = tokens.Tokens;
        var mentions = new List<Mention>();
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

                var mention = Spot(tokens, words, i, length, name, peeled[i]);
                if (mention is null)
                {
                    continue;
                }

                mentions.Add(mention);
                i += length - 1;
                break;
            }
        }

        MarkCommaPairs(tokens, mentions);
        return mentions;
    }

    private Mention? Spot(GeoTokens tokens, int[] words, int i, int length, int name, int peeledPrefix)
    {
        var text = tokens.Text;
        var list = tokens.Tokens;
        var first = list[i];
        var last = list[i + length - 1];
        var start = first.Start + peeledPrefix;
        var end = last.Start + last.Length;
        if (IncludesAbbreviationDot(text, start, end, length))
        {
            end++;
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
            isCountry |= (flags & (NameFlags.Preferred | NameFlags.Demonym)) != 0
                && (_gazetteer.Kind(place) is PlaceKind.Country or PlaceKind.Region or PlaceKind.WaterBody || (_gazetteer.Kind(place) == PlaceKind.Admin1 && _gazetteer.Population(place) >= 500_000));
            maxPopulation = Math.Max(maxPopulation, _gazetteer.Population(place));
            kept.Add(link);
        }

        if (kept.Count == 0)
        {
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

        var cue = HasLocativeCue(tokens, i) || dateline;
        var government = hasCapital && NewsReading.IsFollowedBySpeech(text, end);
        var followedByRegion = FollowedByRegion(tokens, words, i + length);
        var confidence = 0.6;
        if (length == 1)
        {
            var codeInCapitals = allCaps && kept.All(l => ((NameFlags)(l & 15) & NameFlags.Code) != 0);
            var common = StopWordLookup.Contains(folded) || (!codeInCapitals && !dateline && AppearsInLowerCase(tokens, i));
            var stopWithCue = StopWordsThatArePlacesWithCueLookup.Contains(folded) || (StopWordLookup.Contains(folded) && hasBigPlace);
            if (common && !((cue || followedByRegion) && stopWithCue))
            {
                return null;
            }

            if (!government && !dateline && IsPersonName(tokens, words, i, isCountry))
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

        return new Mention(start, end - start, i, i + length, Math.Clamp(confidence, 0, 1))
        {
            Links = [.. kept], IsDemonym = demonymOnly, IsDateline = dateline, IsGovernment = government,
        };
    }

    private void Resolve(GeoTokens tokens, List<Mention> mentions, GeoContext context)
    {
        _ = tokens;
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

                if (context.RegionCentre is { } centre && _gazetteer.Kind(place) is PlaceKind.City or PlaceKind.Admin2)
                {
                    name.Base[k] += 2 * Closeness(FastDistanceKm(_gazetteer.Lat(place), _gazetteer.Lon(place), centre.Lat, centre.Lon));
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
                var row = rank < 0 ? Span<float>.Empty : known.AsSpan(bucketOffset[country] + slotIndex[a * MaxCandidatesInContext + rank] * bucket.Count, bucket.Count);
                var candidate = CandidateOf(place, name.IsLocalOnly(name.Scored[s]));
                var entries = CollectionsMarshal.AsSpan(bucket);
                for (var j = 0; j < entries.Length; j++)
                {
                    var (slot, other) = entries[j];
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
                        known[bucketOffset[country] + j * bucket.Count + slotIndex[a * MaxCandidatesInContext + rank]] = fit;
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

        foreach (var name in names)
        {
            var favourite = ArgMax(name.Scores);
            var best = PreferSeatOverRegion(name, favourite);

            // A region read as its seat town ("Hama") keeps the region's share too: both readings are the same area,
            // so the town's own share alone (often below MinConfidence) would understate it.
            var confidence = Softmax(name.Scores, best) + (best != favourite ? Softmax(name.Scores, favourite) : 0);
            foreach (var m in name.Mentions)
            {
                m.Best = best;
                m.Resolution = confidence;
            }
        }
    }

    private const int MaxCandidatesInContext = 8;
    private const int MaxCandidatesScored = 16;

    private static int Specificity(PlaceKind kind) => kind switch
    {
        PlaceKind.City => 3,
        PlaceKind.Admin2 => 2,
        PlaceKind.Admin1 => 1,
        PlaceKind.Country => 0,
        _ => -1,
    };
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

    /// <summary>What <see cref="Compatibility"/> reads of a place, copied once per text out of the gazetteer's arrays.
    /// <paramref name="LocalOnly"/>: a town or county read by a name that also names a country (resolution step 5).</summary>
    private readonly record struct Candidate(int Place, PlaceKind Kind, int Admin1, double Lat, double Lon, bool LocalOnly);

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

    /// <summary>
    /// How much two candidate places of the same country support each other: nested regions, same region, same
    /// country, nearness (places in different countries never fit: the caller pairs only places of one country).
    /// <para>
    /// When either is a town or county named like a country (resolution step 5), only what places it locally counts:
    /// its own first-level region named (2.5) and a town or county named within <see cref="LocalEvidenceKm"/>, without
    /// the 0.5 any two places of one country get. The country named and places farther away do not: a text about
    /// Syria's neighbours that names US senators' states and cities is not about Lebanon, Ohio, while "a Palestine
    /// man" beside "the Anderson County sheriff" is the Texas town. Symmetric, as the fit matrix in Resolve needs.
    /// </para>
    /// </summary>
    private static double Compatibility(in Candidate a, in Candidate b)
    {
        if (a.Place == b.Place)
        {
            return 0;
        }

        var local = a.LocalOnly || b.LocalOnly;
        var sameCountry = local ? 0 : 0.5;
        if (a.Kind == PlaceKind.Country || b.Kind == PlaceKind.Country)
        {
            return local ? 0 : 1.0;
        }

        var sameAdmin1 = a.Admin1 == b.Admin1 && a.Admin1 >= 0;
        if (a.Kind == PlaceKind.Admin1 || b.Kind == PlaceKind.Admin1)
        {
            return sameAdmin1 ? 2.5 : sameCountry;
        }

        var d = FastDistanceKm(a.Lat, a.Lon, b.Lat, b.Lon);
        return local && d > LocalEvidenceKm ? 0 : sameCountry + (sameAdmin1 ? 1.0 : 0) + 2.0 * Closeness(d);
    }

    /// <summary>How far a named town or county still places a town named like a country (resolution step 5): about
    /// the reach of a local paper or a county's neighbours.</summary>
    private const double LocalEvidenceKm = 100;

    /// <summary>1 at 0 km, falling with the log of the distance to 0 at 1,000 km.</summary>
    private static double Closeness(double km) => Math.Max(0, 1 - Math.Log10(1 + km) / 3);

    /// <summary>Equirectangular approximation: within 1% of the haversine below 1,000 km, which is all closeness needs.</summary>
    private static double FastDistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double kmPerDegree = 111.195;
        var dLon = Math.Abs(lon1 - lon2);
        if (dLon > 180)
        {
            dLon = 360 - dLon;
        }

        var x = dLon * Math.Cos((lat1 + lat2) * (Math.PI / 360));
        var y = lat1 - lat2;
        return kmPerDegree * Math.Sqrt(x * x + y * y);
    }

    private static int[] TopCandidates(double[] scores, int max)
    {
        var order = new int[scores.Length];
        for (var k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        if (scores.Length <= max)
        {
            return order;
        }

        // Highest scores first, ties in list order (what a stable sort gives).
        Array.Sort(order, (x, y) => scores[x] != scores[y] ? scores[y].CompareTo(scores[x]) : x.CompareTo(y));
        return order[..max];
    }

    /// <summary>exp(score − best score) over the subset: 1 for the current favourite, near 0 for unlikely readings.</summary>
    private static void RelativeLikelihood(double[] scores, int[] subset, Span<double> result)
    {
        var max = double.MinValue;
        foreach (var k in subset)
        {
            max = Math.Max(max, scores[k]);
        }

        for (var t = 0; t < subset.Length; t++)
        {
            result[t] = Math.Exp(scores[subset[t]] - max);
        }
    }

    /// <summary>How well a reading fits another name's reading <see cref="Slot"/> (name × MaxCandidatesInContext +
    /// its rank among that name's readings); only fits above 0 are kept.</summary>
    private readonly record struct Fit(int Slot, float Value);

    /// <summary>Lists Resolve fills for every text, kept per thread so that a busy parser does not reallocate them.</summary>
    private sealed class ResolveScratch
    {
        public Dictionary<int, List<(int Slot, Candidate Place)>> ByCountry { get; } = [];

        public List<Fit> Fits { get; } = new(1024);
    }

    [ThreadStatic]
    private static ResolveScratch? t_scratch;

    private sealed class NameGroup(int[] links, List<Mention> mentions)
    {
        public int[] Links { get; } = links;

        public List<Mention> Mentions { get; } = mentions;

        public double[] Base { get; } = new double[links.Length];

        public double[] Scores { get; set; } = [];

        public int[] Top { get; set; } = [];

        public int[] Scored { get; set; } = [];

        /// <summary>Per reading: a town or county named like a country (resolution step 5); empty when the name
        /// names no country.</summary>
        public bool[] LocalOnly { get; set; } = [];

        public bool IsLocalOnly(int reading) => LocalOnly.Length > 0 && LocalOnly[reading];
    }

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

    private bool Contains(int region, int place)
    {
        return _gazetteer.Kind(region) switch
        {
            PlaceKind.Country => _gazetteer.CountryIndex(region) == _gazetteer.CountryIndex(place),
            PlaceKind.Admin1 => _gazetteer.Admin1Of(place) == region,
            _ => false,
        };
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

    private static void MarkCommaPairs(GeoTokens tokens, List<Mention> mentions)
    {
        for (var k = 0; k + 1 < mentions.Count; k++)
        {
            var a = mentions[k];
            var b = mentions[k + 1];
            if (b.FirstToken != a.EndToken)
            {
                continue;
            }

            var between = tokens.Text.AsSpan(a.Start + a.Length, b.Start - a.Start - a.Length).Trim();
            if (between is "," or "،")
            {
                a.Qualifier = b;
            }
        }
    }

    private static bool HasLocativeCue(GeoTokens tokens, int i)
    {
        for (var back = 1; back <= 2 && i - back >= 0; back++)
        {
            var prev = tokens.FoldedOf(i - back);
            if (LocativeLookup.Contains(prev))
            {
                return true;
            }

            if (back == 1 && !ConnectorLookup.Contains(prev) && prev is not "the" and not "of")
            {
                // "in the" or "in northern" reach back one more word; anything else stops.
                break;
            }
        }

        return false;
    }

    /// <summary>"Maarat al-Numan": a word joined by a hyphen to a lower-case Arabic article after a capitalised word
    /// ends a longer name the gazetteer lacks; on its own it would name another place (Numan, Nigeria).</summary>
    private static bool IsTailOfUnknownArabicName(GeoTokens tokens, int i)
    {
        if (i < 2)
        {
            return false;
        }

        var text = tokens.Text;
        var article = tokens.Tokens[i - 1];
        var before = tokens.Tokens[i - 2];
        return char.IsLower(text[article.Start])
            && tokens.FoldedOf(i - 1) is "al" or "el" or "ad" or "ar" or "as" or "ash" or "at" or "az" or "ez" or "ed" or "es" or "er" or "an" or "en" or "ech" or "et"
            && text.AsSpan(article.Start + article.Length, tokens.Tokens[i].Start - article.Start - article.Length) is "-"
            && article.Start - (before.Start + before.Length) == 1
            && StartsName(text, before) && char.IsLetter(text[before.Start]);
    }

    private static string JoinFolded(GeoTokens tokens, int first, int length)
    {
        var words = new string[length];
        for (var k = 0; k < length; k++)
        {
            words[k] = tokens.FoldedString(first + k);
        }

        return string.Join(' ', words);
    }

    private static bool IsArabicFunctionWord(ReadOnlySpan<char> folded)
    {
        if (ArabicFunctionWordLookup.Contains(folded))
        {
            return true;
        }

        return folded.Length > 2 && "وفبلك".Contains(folded[0]) && ArabicFunctionWordLookup.Contains(folded[1..]);
    }

    private static HashSet<string> FoldAll(params string[] words)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            set.Add(GeoText.FoldName(word));
        }

        return set;
    }

    private static bool IsPersonName(GeoTokens tokens, int[] words, int i, bool isCountry)
    {
        var text = tokens.Text;
        var list = tokens.Tokens;
        if (i > 0)
        {
            var prev = list[i - 1];
            var between = text.AsSpan(prev.Start + prev.Length, list[i].Start - prev.Start - prev.Length);
            var prevFolded = tokens.FoldedOf(i - 1);
            var adjacent = between.Trim().Length == 0 || between.Trim() is ".";
            if (adjacent && TitleLookup.Contains(prevFolded))
            {
                return true;
            }

            if (!isCountry && between is " " && StartsName(text, prev) && char.IsLetter(text[prev.Start])
                && GeoText.IsCasedScript(text[prev.Start]) && !LocativeLookup.Contains(prevFolded) && !ConnectorLookup.Contains(prevFolded))
            {
                // A capitalised word right before, in the same phrase: "Raquel Henry", "Michael Jones".
                return true;
            }
        }

        if (i + 1 < list.Count && !isCountry)
        {
            var next = list[i + 1];
            var between = text.AsSpan(list[i].Start + list[i].Length, next.Start - list[i].Start - list[i].Length);
            if (between.Trim().Length == 0 && SpeechVerbLookup.Contains(tokens.FoldedOf(i + 1)))
            {
                return true;
            }

            if (between is " " && StartsName(text, next) && GeoText.IsCasedScript(text[next.Start]) && char.IsLetter(text[next.Start])
                && !OrganisationWordLookup.Contains(tokens.FoldedOf(i + 1)) && !(i + 2 < list.Count && words[i + 1] >= 0 && IsAllCaps(text.AsSpan(next.Start, next.Length))))
            {
                // A capitalised word right after that does not make an organisation's name: "David Smith", "Ford Motor".
                return true;
            }
        }

        return false;
    }

    private static bool AppearsInLowerCase(GeoTokens tokens, int i)
    {
        return GeoText.IsCasedScript(tokens.Text[tokens.Tokens[i].Start]) && tokens.HasLowerCaseTwin(i);
    }

    private static bool InnerWordsAllowed(GeoTokens tokens, int i, int length)
    {
        for (var k = i + 1; k < i + length - 1; k++)
        {
            var t = tokens.Tokens[k];
            if (!StartsName(tokens.Text, t) && !ConnectorLookup.Contains(tokens.FoldedOf(k)) && !IsDigitWord(tokens.Text, t))
            {
                return false;
            }
        }

        return true;
    }

    private static bool StartsName(string text, GeoToken token)
    {
        var c = text[token.Start];
        return !GeoText.IsCasedScript(c) || char.IsUpper(c) || (char.IsLetter(c) && !char.IsLower(c));
    }

    private static bool IsDigitWord(string text, GeoToken token) => char.IsDigit(text[token.Start]);

    private static bool JoinedWithinName(string text, GeoToken a, GeoToken b)
    {
        for (var k = a.Start + a.Length; k < b.Start; k++)
        {
            var c = text[k];
            if (c is not (' ' or '-' or '.' or '\'' or '’' or '\u00A0' or '‐' or '–'))
            {
                return false;
            }
        }

        return b.Start - (a.Start + a.Length) <= 3;
    }

    /// <summary>"U.S." and "Springfield, Ill." end with the abbreviation's dot, which belongs to the name; "Paris." does not.</summary>
    private static bool IncludesAbbreviationDot(string text, int start, int end, int words)
    {
        if (end >= text.Length || text[end] != '.')
        {
            return false;
        }

        if (words > 1 && text.AsSpan(start, end - start).Contains('.'))
        {
            return true;
        }

        var k = start - 1;
        while (k >= 0 && text[k] == ' ')
        {
            k--;
        }

        return end - start <= 5 && k >= 0 && text[k] == ',';
    }

    private static bool IsSentenceStart(string text, int start)
    {
        var k = start - 1;
        while (k >= 0 && (text[k] == ' ' || text[k] == '"' || text[k] == '“' || text[k] == '(' || text[k] == '\''))
        {
            k--;
        }

        return k < 0 || text[k] is '.' or '!' or '?' or '\n' or ':' or '—';
    }

    private static bool IsAllCaps(ReadOnlySpan<char> surface)
    {
        var letters = 0;
        foreach (var c in surface)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (!char.IsUpper(c))
                {
                    return false;
                }
            }
        }

        return letters > 0;
    }

    private static int ArgMax(double[] scores)
    {
        var best = -1;
        for (var k = 0; k < scores.Length; k++)
        {
            if (best < 0 || scores[k] > scores[best])
            {
                best = k;
            }
        }

        return best;
    }

    private static double Softmax(double[] scores, int index)
    {
        var max = scores[index];
        double sum = 0;
        foreach (var s in scores)
        {
            sum += Math.Exp(s - max);
        }

        return 1 / sum;
    }

    private sealed class Mention(int start, int length, int firstToken, int endToken, double recognition)
    {
        public int Start { get; } = start;

        public int Length { get; } = length;

        public int FirstToken { get; } = firstToken;

        public int EndToken { get; } = endToken;

        public double Recognition { get; } = recognition;

        public required int[] Links { get; set; }

        public double[] Scores { get; set; } = [];

        public int Best { get; set; } = -1;

        public double Resolution { get; set; }

        public Mention? Qualifier { get; set; }

        public bool IsDemonym { get; init; }

        /// <summary>A dateline ("WASHINGTON (Reuters) –", "GOMA, DR Congo —"): where the story was filed, a city.</summary>
        public bool IsDateline { get; init; }

        /// <summary>A capital standing for its government ("Washington said", "Moscow denied").</summary>
        public bool IsGovernment { get; init; }

        /// <summary>Mentions with the same candidate list are the same name (the index stores one list per name).</summary>
        public int NameKey => Links.Length == 0 ? -1 : HashCode.Combine(Links.Length, Links[0], Links[^1]);

        public Toponym ToToponym(string text) =>
            new(Start, Length, text.Substring(Start, Length), Best < 0 ? -1 : Links[Best] >> 4, Recognition * Resolution) { IsDemonym = IsDemonym };
    }
}
