using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Matching.Rules;

namespace NgoMonitor.Core.Matching.Relevance;

/// <summary>
/// The relevance step of one item across the watchlists it matched: features are extracted at most once, and each
/// category is scored at most once. Only English items are scored, as the models learned English (others keep the
/// rules' decision, with no score).
/// </summary>
internal sealed class ItemScoring(FeedItem item, string? language, RelevanceModel? model)
{
    private readonly Dictionary<string, double> _scores = new(StringComparer.Ordinal);
    private IReadOnlyList<ulong>? _features;
    private bool? _english;

    /// <summary>Whether the watchlist keeps its rule match: true when no model scores it, else when the score
    /// reaches the watchlist's <see cref="Watchlist.MinScore"/> or, without one, the model's threshold.</summary>
    public bool Passes(Watchlist watchlist, out double? score)
    {
        score = null;
        if (model?.Category(watchlist.Category) is not { } category)
        {
            return true;
        }

        _english ??= LanguageDetector.Resolve(language, item.Title, item.Summary) == "en";
        if (!_english.Value)
        {
            return true;
        }

        if (!_scores.TryGetValue(category.Id, out var value))
        {
            _features ??= RelevanceFeatures.Extract(item.Title, item.Summary);
            value = model.Score(category.Id, _features, 0).Score;
            _scores[category.Id] = value;
        }

        score = Math.Round(value, 3);
        return value >= (watchlist.MinScore ?? category.Threshold);
    }
}
