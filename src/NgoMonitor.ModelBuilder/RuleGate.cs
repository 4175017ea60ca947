using NgoMonitor.Core.Matching.Rules;

namespace NgoMonitor.ModelBuilder;

/// <summary>
/// The rules that stand before each model: the rule pack whose id (or category) is the model's category, from the
/// packs shipped in the core or, with --packs, from a folder of pack files (to measure packs being rewritten).
/// A category without a pack has no gate: every item goes to its model.
/// </summary>
internal sealed class RuleGate
{
    private readonly Dictionary<string, (string PackId, CompiledRuleSet Rules)> _gates = new(StringComparer.Ordinal);

    private readonly Dictionary<(string Category, string Id), bool> _decided = [];

    public RuleGate(string? packsDirectory)
    {
        var packs = packsDirectory is null ? RulePacks.All() : RulePacks.ReadDirectory(packsDirectory);
        foreach (var (category, _) in Corpus.Categories)
        {
            var pack = packs.FirstOrDefault(p => p.Id == category) ?? packs.FirstOrDefault(p => p.Category == category);
            if (pack is not null)
            {
                _gates[category] = (pack.Id, CompiledRuleSet.Compile(pack.ToDefinitions()));
            }
        }
    }

    /// <summary>The pack gating <paramref name="category"/>, or null when there is none.</summary>
    public string? PackOf(string category) => _gates.TryGetValue(category, out var gate) ? gate.PackId : null;

    /// <summary>Whether the category's rules pass the text (true when it has no pack). Items go in with no declared
    /// language, as the matcher sees them from feeds without one.</summary>
    public bool Passes(string category, LabelledText text)
    {
        if (!_gates.TryGetValue(category, out var gate))
        {
            return true;
        }

        // Each text is decided many times across folds; the answer never changes, so it is kept.
        lock (_decided)
        {
            if (!_decided.TryGetValue((category, text.Id), out var passes))
            {
                passes = gate.Rules.Match(new MatchDocument(text.Title, text.Body, null)).Count > 0;
                _decided[(category, text.Id)] = passes;
            }

            return passes;
        }
    }
}
