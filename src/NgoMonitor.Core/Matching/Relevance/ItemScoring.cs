using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Matching.Rules;

namespace NgoMonitor.Core.Matching.Relevance;

/// <summary>
/// The relevance step of one item across the watchlists it matched: features are extracted at most once, and each
/// category is scored at most once. Only English items are scored, as the models learned English (others keep the
/// rules' decision, with no score). <paramref name="language"/> is the item's resolved language
/// (<see cref="LanguageDetector.Resolve"/>), worked out once by the caller for the rules as well.
/// </summary>
internal sealed class ItemScoring(FeedItem item, string language, RelevanceModel? model)
{
    private Dictionary<string, double>? _scores;
    private IReadOnlyList<ulong>? _features;

    /// <summary>Whether the watchlist keeps its rule match: true when no model scores it, else when the score
    /// reaches the watchlist's <see cref="Watchlist.MinScore"/> or, without one, the model's threshold (the one applied,
    /// in <paramref name="threshold"/>; null when the item was not scored).</summary>
    public bool Passes(Watchlist watchlist, out double? score, out double? threshold)
    {
        score = null;
        threshold = null;
        if (model?.Category(watchlist.Category) is not { } category)
        {
            return true;
        }

        if (language != "en")
        {
            return true;
        }

        _scores ??= new(StringComparer.Ordinal);
        if (!_scores.TryGetValue(category.Id, out var value))
        {
            _features ??= RelevanceFeatures.Extract(item.Title, item.Summary);
            value = model.Score(category.Id, _features, 0).Score;
            _scores[category.Id] = value;
        }

        score = Math.Round(value, 3);
        threshold = watchlist.MinScore ?? category.Threshold;
        return value >= threshold;
    }
}
