using System.Globalization;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Geo.Fences;
using NgoMonitor.Core.Matching.Relevance;
using NgoMonitor.Core.Matching.Rules;

namespace NgoMonitor.Core.Matching;

/// <summary>
/// Matches an item against all watchlists at once. Rules, in order:
/// 1. keywords: every rule of every watchlist is compiled into one <see cref="CompiledRuleSet"/> (one automaton over
///    analysed tokens, so the cost grows with the item, not the number of rules); a watchlist's keywords match when
///    any of its rules does, and the terms of its first matching rule explain the match;
/// 2. place: the item's GeoRSS point when it carries one, else the places the <see cref="IPlaceFinder"/> resolves in
///    the title and summary (found lazily: most items match no rule);
/// 3. a geofenced watchlist also needs the place inside one of its fences (<see cref="FenceIndex"/>: a country-level
///    mention never matches a town-sized circle); the nearest hit is reported with its distance and what that is
///    measured from (<see cref="FenceHit.Describe"/>: "8 km from Azaz office", "12 km inside Syria", "3 km from M4");
/// 4. relevance: when a <see cref="RelevanceModel"/> has a model for the watchlist's category and the item is in
///    English, the item is scored (features once per item) and the match is dropped below the watchlist's
///    <see cref="Watchlist.MinScore"/> (default: the model's threshold); otherwise the rules alone decide;
/// 5. a global watchlist reports the most confident place named (a capitalised word opening a sentence, "Un hôpital…",
///    can resolve to a village somewhere, but with less confidence than the real place), if any, for the alert text; places are reported
///    as written in the item ("Idleb", "أعزاز"), so the alert speaks the item's language.
/// Immutable once built, so one instance serves a whole cycle across threads.
/// </summary>
public sealed class WatchlistMatcher
{
    private readonly Dictionary<string, Watchlist> _watchlists;
    private readonly CompiledRuleSet _rules;
    private readonly FenceIndex _fences;
    private readonly IPlaceFinder _places;
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
            new RuleDefinition(RuleId(w.Id, i), rule.ToQuery(), w.Category, w.Severity))));
        var needsOutlines = _watchlists.Values.Any(w => w.Geofences.Any(f => f.Kind == FenceKind.Country));
        var outlines = !needsOutlines ? null : countries ?? places as ICountryOutlines ?? (places is Geoparser g ? new GazetteerCountries(g.Gazetteer) : null);
        _fences = new FenceIndex(_watchlists.Values.SelectMany(w => w.Geofences.Select((fence, i) => fence.ToFence(RuleId(w.Id, i), outlines)))
            .OfType<Fence>());
        _places = places;
        _relevance = relevance;
    }

    public IReadOnlyList<WatchlistMatch> Match(FeedItem item, string? language = null)
    {
        var hits = _rules.Match(new MatchDocument(item.Title, item.Summary, language));
        if (hits.Count == 0)
        {
            return [];
        }

        var mentions = item.Point is null ? _places.FindPlaces(item.Text) : [];
        var fenceHits = _fences.Count == 0 ? [] : _fences.Match(item.Point, mentions);
        var matches = new List<WatchlistMatch>();
        var scoring = new ItemScoring(item, language, _relevance);
        foreach (var byWatchlist in hits.GroupBy(h => WatchlistIdOf(h.RuleId)))
        {
            var watchlist = _watchlists[byWatchlist.Key];
            if (!scoring.Passes(watchlist, out var score))
            {
                continue;
            }

            var terms = Surfaces(item, byWatchlist.First().Terms);
            if (!watchlist.IsGeofenced)
            {
                var best = mentions.MaxBy(m => m.Confidence);
                matches.Add(new WatchlistMatch(item.Id, watchlist, terms, best?.Surface, item.Point ?? best?.Place.Point, null, null) { Score = score });
                continue;
            }

            var nearest = fenceHits.FirstOrDefault(h => WatchlistIdOf(h.Fence.Id) == watchlist.Id);
            if (nearest is not null)
            {
                var surface = mentions.FirstOrDefault(m => m.Place.Name == nearest.PlaceName)?.Surface ?? nearest.PlaceName;
                // The distance's reference: the protected site when the hit was measured from it ("8 km from Azaz
                // office"), else the fence itself: inwards from its edge ("12 km inside Syria") or from its line.
                var reference = nearest.Measure == FenceDistance.FromSite ? nearest.Fence.Site?.Name ?? nearest.Fence.Name : nearest.Fence.Name;
                matches.Add(new WatchlistMatch(item.Id, watchlist, terms, surface, nearest.Point, reference, Math.Round(nearest.DistanceKm, 1))
                {
                    Inside = nearest.Measure == FenceDistance.InsideEdge,
                    Score = score,
                });
            }
        }

        return matches;
    }

    /// <summary>Everything of the watchlists the compiled matcher depends on, as one string: equal strings, same matcher.</summary>
    public static string Fingerprint(IEnumerable<Watchlist> watchlists) => string.Join('\n', watchlists.Select(w => string.Join('\u001f',
        [w.Id, w.Name, w.Category, w.Severity.ToString(), w.MinScore?.ToString("R", CultureInfo.InvariantCulture) ?? "", .. w.Rules.Select(r => r.ToQuery()),
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
}
