namespace NgoMonitor.Core.Matching.Rules;

/// <summary>
/// Compiles watchlist rules into a <see cref="CompiledRuleSet"/>: parses each rule, numbers its terms
/// (<see cref="TermTable"/>), and indexes it under a trigger condition with its partner and remaining conditions
/// (see <see cref="CompiledRuleSet"/> step 4), notes the languages each rule applies to, then builds each chain's
/// automaton.
/// </summary>
internal static class RuleSetCompiler
{
    /// <inheritdoc cref="CompiledRuleSet.Compile"/>
    public static CompiledRuleSet Compile(IEnumerable<RuleDefinition> rules)
    {
        // Sized for the rule count when it is known: grown tables of 10,000 rules are copied several times over, on the
        // large object heap (whose garbage only a full collection reclaims).
        var expected = rules.TryGetNonEnumeratedCount(out var count) ? count : 0;
        var terms = new TermTable(expected);
        var ids = new HashSet<string>(expected, StringComparer.Ordinal);
        var compiled = new List<CompiledRule>(expected);
        var scopes = new List<LanguageSet>(expected);
        var atoms = new List<(AtomExpr Atom, bool Negated)>();
        var clauses = new RuleClauses(terms.Selectivity);
        var conditions = new List<int>();
        var conditionsByRule = new FlatRows<int>.Builder(expected);
        var triggers = new List<(int Atom, TriggerEntry Entry)>(expected);
        foreach (var rule in rules)
        {
            if (!ids.Add(rule.Id))
            {
                throw new ArgumentException("Rule id '" + rule.Id + "' is used twice", nameof(rules));
            }

            RuleNode ast;
            try
            {
                ast = RuleParser.Parse(rule.Query);
            }
            catch (RuleSyntaxException e)
            {
                throw new RuleSyntaxException(e.Error, rule.Id);
            }

            var expr = terms.Convert(ast);
            atoms.Clear();
            expr.Atoms(atoms, negated: false);
            clauses.Clear();
            expr.Clauses(clauses);
            var index = compiled.Count;
            compiled.Add(new CompiledRule(rule, expr, PositiveAtoms(atoms)));
            scopes.Add(LanguageSets.Of(rule.Lang));

            // Index the rule under its most selective condition; with none (NOT-heavy rules) under all of its atoms,
            // which is always safe because the parser refuses rules true with none present.
            var trigger = clauses.Best();
            if (trigger < 0)
            {
                IndexUnderAllAtoms(index, atoms, triggers);
                conditionsByRule.Add([]);
                continue;
            }

            // The other conditions, each stored as its length then its atoms. The most selective one of one or two
            // terms also goes beside the rule in the trigger index (its partner), so that most triggered rules are
            // dropped by a bit test or two while reading the index in order, before their conditions are read.
            var partner = clauses.Best(maxLength: 2, skip: trigger);
            conditions.Clear();
            for (var clause = 0; clause < clauses.Count; clause++)
            {
                if (clause != trigger && clause != partner)
                {
                    conditions.Add(clauses[clause].Length);
                    conditions.AddRange(clauses[clause]);
                }
            }

            conditionsByRule.Add(conditions);
            var entry = partner < 0
                ? new TriggerEntry(index, MatchState.Always, MatchState.Never)
                : new TriggerEntry(index, clauses[partner][0], clauses[partner] is [_, var second] ? second : MatchState.Never);
            foreach (var atom in clauses[trigger])
            {
                triggers.Add((atom, entry));
            }
        }

        return new CompiledRuleSet([.. compiled], [.. scopes], terms.AtomDisplays(), FlatRows<TriggerEntry>.Group(terms.AtomCount, triggers),
            conditionsByRule.Build(), terms.BuildAutomata(), terms.Prefixes);
    }

    /// <summary>Indexes rule <paramref name="index"/> under each of its distinct atoms, in order of first use. (A rule
    /// has few atoms: a scan of the earlier ones finds repeats without the set and arrays Distinct made per rule.)</summary>
    private static void IndexUnderAllAtoms(int index, List<(AtomExpr Atom, bool Negated)> atoms, List<(int Atom, TriggerEntry Entry)> triggers)
    {
        var entry = new TriggerEntry(index, MatchState.Always, MatchState.Never);
        for (var i = 0; i < atoms.Count; i++)
        {
            var atom = atoms[i].Atom.Atom;
            var seen = false;
            for (var j = 0; j < i && !seen; j++)
            {
                seen = atoms[j].Atom.Atom == atom;
            }

            if (!seen)
            {
                triggers.Add((atom, entry));
            }
        }
    }

    /// <summary>The distinct atoms of a rule outside NOT, each with the fields any of its uses looks in: what a hit
    /// explains.</summary>
    private static (int Atom, RuleField Fields)[] PositiveAtoms(List<(AtomExpr Atom, bool Negated)> atoms)
    {
        // Gathered on the stack and copied once: a list per rule and a lambda per atom (a closure and a delegate each)
        // were a tenth of what compiling allocated.
        Span<(int Atom, RuleField Fields)> positive = atoms.Count <= 32 ? stackalloc (int, RuleField)[atoms.Count] : new (int, RuleField)[atoms.Count];
        var count = 0;
        foreach (var (atom, negated) in atoms)
        {
            if (negated)
            {
                continue;
            }

            var at = 0;
            while (at < count && positive[at].Atom != atom.Atom)
            {
                at++;
            }

            if (at == count)
            {
                positive[count++] = (atom.Atom, atom.Field);
            }
            else
            {
                positive[at].Fields |= atom.Field;
            }
        }

        return positive[..count].ToArray();
    }
}
