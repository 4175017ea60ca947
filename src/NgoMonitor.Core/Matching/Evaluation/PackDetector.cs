using NgoMonitor.Core.Matching.NonEvents;
using NgoMonitor.Core.Matching.Rules;

namespace NgoMonitor.Core.Matching.Evaluation;

/// <summary>
/// The packs as one compiled rule set, deciding every category of an example on its own, followed by the non-event
/// gate as the watchlist matcher applies it: which packs flag the example, each with the terms that fired.
/// </summary>
public sealed class PackDetector(IReadOnlyList<RulePack> packs, NonEventGate gate)
{
    private readonly CompiledRuleSet _rules = CompiledRuleSet.Compile(packs.SelectMany(p => p.ToDefinitions()));

    /// <summary>Pack id → the distinct terms that fired, for every pack that flags the example.</summary>
    public Dictionary<string, string> Detect(EventExample example)
    {
        var document = new MatchDocument(example.Title, example.Text, null);
        var hits = _rules.Match(document);
        if (hits.Count > 0 && gate.IsNonEvent(example.Title, example.Text, null, example.Date is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null))
        {
            return [];
        }

        return hits.GroupBy(h => h.RuleId[..h.RuleId.LastIndexOf('/')])
            .ToDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Terms).Select(t => t.Term).Distinct()));
    }
}
