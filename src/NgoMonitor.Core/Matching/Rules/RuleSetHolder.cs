namespace NgoMonitor.Core.Matching.Rules;

/// <summary>
/// The current compiled rule set, swapped whole when watchlists change. A cycle reads <see cref="Current"/> once
/// and keeps that instance to its end, so a recompile never blocks or changes a running cycle.
/// </summary>
public sealed class RuleSetHolder(CompiledRuleSet initial)
{
    private CompiledRuleSet _current = initial;

    public RuleSetHolder()
        : this(CompiledRuleSet.Empty)
    {
    }

    public CompiledRuleSet Current => Volatile.Read(ref _current);

    /// <summary>Compiles <paramref name="rules"/> off to the side, then publishes the new set; on a syntax error the
    /// current set stays and the exception propagates.</summary>
    public CompiledRuleSet Recompile(IEnumerable<RuleDefinition> rules)
    {
        var next = CompiledRuleSet.Compile(rules);
        Volatile.Write(ref _current, next);
        return next;
    }

    public void Swap(CompiledRuleSet next) => Volatile.Write(ref _current, next);
}
