using NgoMonitor.Core.Matching.Evaluation;
using NgoMonitor.Core.Matching.NonEvents;
using NgoMonitor.Core.Matching.Rules;

namespace NgoMonitor.ModelBuilder;

/// <summary>
/// The rules that stand before each model, decided as the watchlist matcher decides them: the rule pack whose id (or
/// category) is the model's category, from the packs shipped in the core or, with --packs, from a folder of pack
/// files (to measure packs being rewritten), then the non-event gate (a film or an anniversary passes no pack;
/// <see cref="PackDetector"/>). A category without a pack has no gate: every item goes to its model.
/// </summary>
internal sealed class RuleGate
{
    private readonly Dictionary<string, string> _packOf = new(StringComparer.Ordinal);

    private readonly PackDetector _detector;

    private readonly Dictionary<string, IReadOnlySet<string>> _flagged = new(StringComparer.Ordinal);

    public RuleGate(string? packsDirectory)
    {
        var packs = packsDirectory is null ? RulePacks.All() : RulePacks.ReadDirectory(packsDirectory);
        var gating = new List<RulePack>();
        foreach (var (category, _) in Corpus.Categories)
        {
            var pack = packs.FirstOrDefault(p => p.Id == category) ?? packs.FirstOrDefault(p => p.Category == category);
            if (pack is not null)
            {
                _packOf[category] = pack.Id;
                gating.Add(pack);
            }
        }

        _detector = new PackDetector([.. gating.DistinctBy(p => p.Id)], NonEventGate.Default);
    }

    /// <summary>The pack gating <paramref name="category"/>, or null when there is none.</summary>
    public string? PackOf(string category) => _packOf.GetValueOrDefault(category);

    /// <summary>Whether the category's rules pass the text and the non-event gate lets it through (true when the
    /// category has no pack). Items go in with no declared language, as the matcher sees them from feeds without one,
    /// and dated by the incident's date, as the matcher dates an item by its publication.</summary>
    public bool Passes(string category, LabelledText text)
    {
        if (!_packOf.TryGetValue(category, out var packId))
        {
            return true;
        }

        // Each text is decided many times across folds and categories; the answer never changes, so it is kept.
        IReadOnlySet<string>? flagged;
        lock (_flagged)
        {
            _flagged.TryGetValue(text.Id, out flagged);
        }

        if (flagged is null)
        {
            var example = new EventExample(text.Id, text.Date, text.Title, text.Body, new HashSet<string>());
            flagged = _detector.Detect(example).Flags.Keys.ToHashSet(StringComparer.Ordinal);
            lock (_flagged)
            {
                _flagged[text.Id] = flagged;
            }
        }

        return flagged.Contains(packId);
    }
}
