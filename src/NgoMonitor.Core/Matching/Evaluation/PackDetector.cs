using NgoMonitor.Core.Matching.NonEvents;
using NgoMonitor.Core.Matching.Rules;

namespace NgoMonitor.Core.Matching.Evaluation;

/// <summary>What the packs decided about one example.</summary>
/// <param name="Flags">Pack id → the distinct terms that fired, for every pack that flags the example (a French or
/// Arabic rule's terms marked "fr:", "ar:").</param>
/// <param name="Silenced">Packs whose rules matched but the non-event gate cancelled (a film, an anniversary …).</param>
public sealed record Detection(IReadOnlyDictionary<string, string> Flags, IReadOnlySet<string> Silenced);

/// <summary>
/// The packs as one compiled rule set, deciding every category of an example on its own, followed by the non-event
/// gate as the watchlist matcher applies it. Each rule applies to items in its language, unless
/// <paramref name="everyLanguage"/> asks to apply every rule to every item (what language scoping changes).
/// </summary>
public sealed class PackDetector(IReadOnlyList<RulePack> packs, NonEventGate gate, bool everyLanguage = false)
{
    private readonly CompiledRuleSet _rules = CompiledRuleSet.Compile(packs.SelectMany(p => p.ToDefinitions())
        .Select(d => everyLanguage ? d with { Lang = null } : d));

    public Detection Detect(EventExample example)
    {
        var hits = _rules.Match(new MatchDocument(example.Title, example.Text, null));
        var flags = hits.GroupBy(h => h.RuleId[..h.RuleId.LastIndexOf('/')])
            .ToDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Terms.Select(t => h.Lang is null or "en" ? t.Term : h.Lang + ":" + t.Term)).Distinct()));
        var published = example.Date is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
        return flags.Count > 0 && gate.IsNonEvent(example.Title, example.Text, null, published)
            ? new Detection(new Dictionary<string, string>(), flags.Keys.ToHashSet())
            : new Detection(flags, new HashSet<string>());
    }
}
