using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;

namespace NgoMonitor.Core.Matching;

/// <summary>
/// Matches an item against all watchlists. For each watchlist, in order:
/// 1. keyword rules on the folded title and summary (any rule may match; see <see cref="KeywordRule"/>);
/// 2. for a geofenced watchlist, the item's place must fall inside one of its fences: the GeoRSS point when the item
///    carries one, else each place the <see cref="IPlaceFinder"/> names in the text; the nearest fence hit wins;
/// 3. a global watchlist reports the first place named, if any, for the alert text.
/// Built once per set of watchlists and shared by a cycle's items; immutable, so safe across threads.
/// </summary>
public sealed class WatchlistMatcher
{
    private readonly IReadOnlyList<CompiledWatchlist> _watchlists;
    private readonly IPlaceFinder _places;

    public WatchlistMatcher(IEnumerable<Watchlist> watchlists, IPlaceFinder places)
    {
        _watchlists = watchlists.Select(w => new CompiledWatchlist(w)).ToList();
        _places = places;
    }

    public IReadOnlyList<WatchlistMatch> Match(FeedItem item)
    {
        var words = TextNormaliser.Tokenise(item.Text).Select(t => t.Text).ToArray();
        IReadOnlyList<PlaceMention>? mentions = null; // found lazily: most items match no rule
        var matches = new List<WatchlistMatch>();
        foreach (var watchlist in _watchlists)
        {
            var terms = watchlist.MatchTerms(words);
            if (terms is null)
            {
                continue;
            }

            mentions ??= _places.FindPlaces(item.Text);
            var match = Locate(item, watchlist.Source, terms, mentions);
            if (match is not null)
            {
                matches.Add(match);
            }
        }

        return matches;
    }

    private static WatchlistMatch? Locate(FeedItem item, Watchlist watchlist, IReadOnlyList<string> terms, IReadOnlyList<PlaceMention> mentions)
    {
        var candidates = item.Point is { } point
            ? [(Name: (string?)null, Point: point)]
            : mentions.Select(m => (Name: (string?)m.Place.Name, m.Place.Point)).ToList();

        if (!watchlist.IsGeofenced)
        {
            var first = candidates.Cast<(string? Name, GeoPoint Point)?>().FirstOrDefault();
            return new WatchlistMatch(item.Id, watchlist, terms, first?.Name, first?.Point, null, null);
        }

        var best = candidates
            .SelectMany(c => watchlist.Geofences.Select(f => (c.Name, c.Point, Fence: f, Distance: f.DistanceKmIfInside(c.Point))))
            .Where(h => h.Distance is not null)
            .OrderBy(h => h.Distance)
            .FirstOrDefault();
        return best.Fence is null
            ? null
            : new WatchlistMatch(item.Id, watchlist, terms, best.Name, best.Point, best.Fence.Name, Math.Round(best.Distance!.Value, 1));
    }

    /// <summary>A watchlist with its phrases pre-folded into word arrays.</summary>
    private sealed class CompiledWatchlist(Watchlist source)
    {
        private readonly IReadOnlyList<CompiledRule> _rules = source.Rules.Select(r => new CompiledRule(r)).ToList();

        public Watchlist Source { get; } = source;

        /// <summary>The terms of the first rule that matches, or null when none does.</summary>
        public List<string>? MatchTerms(string[] words) =>
            _rules.Select(r => r.Match(words)).FirstOrDefault(t => t is not null);
    }

    private sealed class CompiledRule(KeywordRule rule)
    {
        private readonly Phrase[][] _any = rule.Any.Select(Phrase.CompileGroup).ToArray();
        private readonly Phrase[][] _all = rule.All.Select(Phrase.CompileGroup).ToArray();
        private readonly Phrase[][] _none = rule.None.Select(Phrase.CompileGroup).ToArray();

        public List<string>? Match(string[] words)
        {
            if (_none.Any(group => FirstIn(group, words) is not null))
            {
                return null;
            }

            var all = _all.Select(group => FirstIn(group, words)).ToList();
            if (all.Any(p => p is null))
            {
                return null;
            }

            var any = _any.Select(group => FirstIn(group, words)).OfType<Phrase>().ToList();
            if (_any.Length > 0 && any.Count == 0)
            {
                return null;
            }

            return any.Concat(all.OfType<Phrase>()).Select(p => p.Original).Distinct().ToList();
        }

        private static Phrase? FirstIn(Phrase[] alternatives, string[] words) => alternatives.FirstOrDefault(p => p.OccursIn(words));
    }

    private sealed record Phrase(string Original, string[] Words, bool Prefix)
    {
        /// <summary>"shelled|bombed|evacuat*": alternatives, any one of which satisfies the entry.</summary>
        public static Phrase[] CompileGroup(string entry) =>
            entry.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Compile).ToArray();

        public static Phrase Compile(string phrase)
        {
            var trimmed = phrase.Trim();
            var prefix = trimmed.EndsWith('*');
            return new Phrase(trimmed, TextNormaliser.Fold(trimmed.TrimEnd('*')).Split(' ', StringSplitOptions.RemoveEmptyEntries), prefix);
        }

        public bool OccursIn(string[] words)
        {
            if (Words.Length == 0)
            {
                return false;
            }

            for (var i = 0; i + Words.Length <= words.Length; i++)
            {
                if (MatchesAt(words, i))
                {
                    return true;
                }
            }

            return false;
        }

        private bool MatchesAt(string[] words, int at)
        {
            for (var j = 0; j < Words.Length; j++)
            {
                var isLast = j == Words.Length - 1;
                var ok = isLast && Prefix
                    ? words[at + j].StartsWith(Words[j], StringComparison.Ordinal)
                    : words[at + j] == Words[j];
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
