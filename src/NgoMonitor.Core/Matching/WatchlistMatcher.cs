using System.Globalization;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Geo.Fences;
using NgoMonitor.Core.Matching.NonEvents;
using NgoMonitor.Core.Matching.Relevance;
using NgoMonitor.Core.Matching.Rules;

namespace NgoMonitor.Core.Matching;

/// <summary>
/// Matches an item against all watchlists at once. Rules, in order:
/// 1. keywords: every rule of every watchlist is compiled into one <see cref="CompiledRuleSet"/> (one automaton over
///    analysed tokens, so the cost grows with the item, not the number of rules); a watchlist's keywords match when
///    any of its rules does, and the terms of its first matching rule explain the match; matches of shipped-pack rules
///    are dropped when the item describes no current event (<see cref="NonEventGate"/>: a film, an anniversary);
/// 2. place: the item's GeoRSS point when it carries one, else the place <see cref="PlacementChooser"/> ranks first
///    among those the <see cref="IPlaceFinder"/> resolves in the title and summary (found lazily: most items match no
///    rule): the most specific confident place the text reads as where it happened, never a place it names only to
///    locate another ("Sake, west of Goma" is placed at Sake); each match carries that <see cref="Placement"/>;
/// 3. a geofenced watchlist also needs that place inside one of its fences (<see cref="FenceIndex"/>: a country-level
///    mention never matches a town-sized circle); the nearest of its fences holding the place is reported with the
///    distance, the direction from the site, and what the distance is measured from ("8 km from Azaz office", "12 km
///    inside Syria", "3 km from M4"). When none of its fences holds the chosen place, the next event place one holds
///    is taken (a story naming two towns), with that place's own placement, so a doubtful one is worded as uncertain
///    and raises nothing; a reference or destination place never is, so a fence around Goma does not match "Sake,
///    west of Goma";
/// 4. relevance: when a <see cref="RelevanceModel"/> has a model for the watchlist's category and the item is in
///    English, the item is scored (features once per item) and the match is dropped below the watchlist's
///    <see cref="Watchlist.MinScore"/> (default: the model's threshold); otherwise the rules alone decide;
/// 5. a global watchlist reports the chosen place, so every line of an alert names the same place; places are
///    reported as written in the item ("Idleb", "أعزاز"), so the alert speaks the item's language.
/// Immutable once built, so one instance serves a whole cycle across threads.
/// </summary>
public sealed class WatchlistMatcher
{
    private readonly Dictionary<string, Watchlist> _watchlists;
    private readonly CompiledRuleSet _rules;
    private readonly FenceIndex _fences;
    private readonly IPlaceFinder _places;
    private readonly HashSet<string> _packRules;
    private readonly RelevanceModel? _relevance;

    /// <summary>
    /// Builds the matcher. Country fences take their outline from <paramref name="countries"/>, or, when none is
    /// given, from the place finder if it knows outlines (the production geoparser does); a country without an
    /// outline is left out of the index, so its watchlist matches nothing rather than everything. Without
    /// <paramref name="relevance"/>, the rules alone decide and no match carries a score.
    /// </summary>
    public WatchlistMatcher(IEnumerable<Watchlist> watchlists, IPlaceFinder places, ICountryOutlines? countries = null, RelevanceModel? relevance = null)
    {
        _watchlists = watchlists.ToDictionary(w => w.Id, StringComparer.Ordinal);
        _rules = CompiledRuleSet.Compile(_watchlists.Values.SelectMany(w => w.Rules.Select((rule, i) =>
            new RuleDefinition(RuleId(w.Id, i), rule.ToQuery(), w.Category, w.Severity, rule.Lang))));
        var needsOutlines = _watchlists.Values.Any(w => w.Geofences.Any(f => f.Kind is FenceKind.Country or FenceKind.Region));
        var outlines = !needsOutlines ? null : countries ?? places as ICountryOutlines ?? (places is Geoparser g ? new GazetteerCountries(g.Gazetteer) : null);
        _fences = new FenceIndex(_watchlists.Values.SelectMany(w => w.Geofences.Select((fence, i) => fence.ToFence(RuleId(w.Id, i), outlines)))
            .OfType<Fence>());
        _places = places;
        _packRules = _watchlists.Values.SelectMany(w => w.Rules.Select((rule, i) => rule.Pack is null ? null : RuleId(w.Id, i))).OfType<string>().ToHashSet(StringComparer.Ordinal);
        _relevance = relevance;
    }

    /// <summary>The watchlists this matcher was built from, by id: what a match's <see cref="WatchlistMatch.WatchlistId"/> names.</summary>
    public IReadOnlyDictionary<string, Watchlist> Watchlists => _watchlists;

    /// <summary>The watchlists the item matches. <paramref name="geo"/> is what is known of the item's feed (its home
    /// area): the place finder reads the item's places with it.</summary>
    public IReadOnlyList<WatchlistMatch> Match(FeedItem item, string? language = null, GeoContext? geo = null)
    {
        var matches = new List<WatchlistMatch>();
        Run(item, language, geo, matches, null);
        return matches;
    }

    /// <summary>
    /// The watchlists whose rules hit the item although <see cref="Match"/> does not match it, each with why, for the
    /// editor's preview: the steps above in order, the first that drops the watchlist named (a pack rule's hit on an
    /// item that describes no current event; a relevance score under the threshold; a geofenced watchlist's place
    /// outside its fences, or no place found).
    /// </summary>
    public IReadOnlyList<NearMiss> NearMisses(FeedItem item, string? language = null, GeoContext? geo = null)
    {
        var misses = new List<NearMiss>();
        Run(item, language, geo, null, misses);
        return misses;
    }

    /// <summary><see cref="Match"/> and <see cref="NearMisses"/> of the item from one pass of the steps.</summary>
    public (IReadOnlyList<WatchlistMatch> Matches, IReadOnlyList<NearMiss> NearMisses) MatchWithNearMisses(FeedItem item, string? language = null, GeoContext? geo = null)
    {
        var matches = new List<WatchlistMatch>();
        var misses = new List<NearMiss>();
        Run(item, language, geo, matches, misses);
        return (matches, misses);
    }

    /// <summary>The steps for one item: each watchlist its rules hit is added to <paramref name="matches"/>, or, with
    /// the first step that drops it, to <paramref name="misses"/> (either list may be null: not wanted).</summary>
    private void Run(FeedItem item, string? language, GeoContext? geo, List<WatchlistMatch>? matches, List<NearMiss>? misses)
    {
        if (_rules.Count == 0)
        {
            return;
        }

        // Read once for the rules and the relevance step; the gate is given the declared language, as it detects on
        // the item's lead alone.
        var read = LanguageDetector.Read(language, item.Title, item.Summary);
        var raw = _rules.Match(new MatchDocument(item.Title, item.Summary, language), read);
        var hits = raw.Count == 0 ? raw : NonEventGate.Default.WithoutNonEvents(raw, _packRules, item.Title, item.Summary, language, item.Published);
        if (hits.Count == 0 && (misses is null || raw.Count == 0))
        {
            return;
        }

        // The gate keeps the hits it does not drop, in order, so a watchlist's first kept hit explains its match;
        // its misses are only worked out when wanted. Rule ids run watchlist by watchlist in compile order, so
        // watchlists come in the same order either way.
        var kept = misses is null || ReferenceEquals(hits, raw) ? null : hits.Select(h => h.RuleId).ToHashSet(StringComparer.Ordinal);
        var scoring = new ItemScoring(item, read.Language, _relevance);
        ItemPlaces? placed = null;
        foreach (var byWatchlist in (misses is null ? hits : raw).GroupBy(h => WatchlistIdOf(h.RuleId)))
        {
            var watchlist = _watchlists[byWatchlist.Key];
            var survivor = kept is null ? byWatchlist.First() : byWatchlist.FirstOrDefault(h => kept.Contains(h.RuleId));
            if (survivor is null)
            {
                misses!.Add(new NearMiss(item.Id, watchlist, Surfaces(item, byWatchlist.First().Terms), "the item describes no current event (a film, an anniversary, a look back), so pack rules do not alert on it"));
                continue;
            }

            if (!scoring.Passes(watchlist, out var score, out var threshold))
            {
                misses?.Add(new NearMiss(item.Id, watchlist, Surfaces(item, survivor.Terms), string.Create(CultureInfo.InvariantCulture, $"relevance {score:0.00} is below the threshold {threshold:0.00}"), score));
                continue;
            }

            var terms = Surfaces(item, survivor.Terms);
            if (!watchlist.IsGeofenced)
            {
                if (matches is not null)
                {
                    var primary = (placed ??= new ItemPlaces(item, _places, _fences, geo ?? GeoContext.None)).Primary;
                    matches.Add(new WatchlistMatch(item.Id, watchlist.Id, terms, primary?.Surface, item.Point ?? placed.PrimaryPoint, null, null) { Placement = primary, Score = score });
                }

                continue;
            }

            placed ??= new ItemPlaces(item, _places, _fences, geo ?? GeoContext.None);
            if (placed.NearestHit(h => WatchlistIdOf(h.Fence.Id) == watchlist.Id) is var (nearest, placement))
            {
                // The distance's reference: the protected site when the hit was measured from it ("8 km from Azaz
                // office"), else the fence itself: inwards from its edge ("12 km inside Syria") or from its line.
                var fromSite = nearest.Measure == FenceDistance.FromSite;
                var reference = fromSite ? nearest.Fence.Site?.Name ?? nearest.Fence.Name : nearest.Fence.Name;
                matches?.Add(new WatchlistMatch(item.Id, watchlist.Id, terms, placement.Surface, nearest.Point, reference, Math.Round(nearest.DistanceKm, 1))
                {
                    Inside = nearest.Measure == FenceDistance.InsideEdge,
                    Placement = placement,
                    // Under a kilometre a direction says nothing (and the site's and the place's points are often one).
                    Direction = fromSite && nearest.DistanceKm >= 1 && nearest.Fence.Site is { } site ? site.Point.CompassTo(nearest.Point) : null,
                    Score = score,
                });
            }
            else
            {
                var where = placed.Primary?.Surface;
                misses?.Add(new NearMiss(item.Id, watchlist, terms, where is null ? "no place found in the item, and the watchlist is geofenced" : $"{where} is outside every fence", score, where));
            }
        }
    }

    /// <summary>Everything of the watchlists the compiled matcher depends on, as one string: equal strings, same matcher.</summary>
    public static string Fingerprint(IEnumerable<Watchlist> watchlists) => string.Join('\n', watchlists.Select(w => string.Join('\u001f',
        [w.Id, w.Name, w.Category, w.Severity.ToString(), w.MinScore?.ToString("R", CultureInfo.InvariantCulture) ?? "", .. w.Rules.Select(r => r.Pack + "\u001e" + r.Lang + "\u001e" + r.ToQuery()),
         .. w.Geofences.Select(f => f.Fingerprint()), .. w.RecipientIds])));

    /// <summary>Validates a rule query for admins: the problems, each with its column (empty when valid).</summary>
    public static IReadOnlyList<RuleSyntaxError> Validate(KeywordRule rule) => RuleParser.Validate(rule.ToQuery());

    /// <summary>The words of the item that matched, as written there (title first, in order), once each.</summary>
    private static List<string> Surfaces(FeedItem item, IReadOnlyList<TermHit> hits) =>
        hits.Select(h => (h.Field == "title" ? item.Title : item.Summary) is var text && h.Start >= 0 && h.Start + h.Length <= text.Length ? text.Substring(h.Start, h.Length) : h.Term)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    private static string RuleId(string watchlistId, int index) => watchlistId + "/" + index.ToString(CultureInfo.InvariantCulture);

    private static string WatchlistIdOf(string ruleId) => ruleId[..ruleId.LastIndexOf('/')];

    /// <summary>
    /// Where one item is, worked out once for all its watchlists: the GeoRSS point, or the ranked places of its text;
    /// fence hits are looked up per place, the chosen one first and the others only when a watchlist needs them.
    /// </summary>
    private sealed class ItemPlaces
    {
        private readonly FeedItem _item;
        private readonly FenceIndex _fences;
        private readonly IReadOnlyList<PlaceCandidate> _candidates;
        private readonly IReadOnlyList<FenceHit>?[] _hits;

        public ItemPlaces(FeedItem item, IPlaceFinder places, FenceIndex fences, GeoContext geo)
        {
            _item = item;
            _fences = fences;
            _candidates = item.Point is null ? PlacementChooser.Rank(item.Text, item.Title.Length, places.FindPlaces(item.Text, geo)) : [];
            _hits = new IReadOnlyList<FenceHit>?[Math.Max(1, _candidates.Count)];
            Primary = item.Point is not null ? Placement.FromGeoRss() : _candidates.Count > 0 ? _candidates[0].Placement : null;
        }

        public Placement? Primary { get; }

        public GeoPoint? PrimaryPoint => _candidates.Count > 0 ? _candidates[0].Place.Point : null;

        /// <summary>The nearest hit of the chosen place among the fences <paramref name="wanted"/> selects, else of the
        /// first other event place with one; null when none is inside.</summary>
        public (FenceHit Hit, Placement Placement)? NearestHit(Func<FenceHit, bool> wanted)
        {
            if (_fences.Count == 0)
            {
                return null;
            }

            if (_item.Point is { } point)
            {
                return (_hits[0] ??= _fences.FencesContaining(point)).FirstOrDefault(wanted) is { } hit ? (hit, Primary!) : null;
            }

            for (var i = 0; i < _candidates.Count; i++)
            {
                var candidate = _candidates[i];
                if (i > 0 && candidate.Role != MentionRole.Event)
                {
                    continue;
                }

                if ((_hits[i] ??= _fences.Match(null, candidate.Mentions)).FirstOrDefault(wanted) is { } hit)
                {
                    return (hit, candidate.Placement);
                }
            }

            return null;
        }
    }
}
