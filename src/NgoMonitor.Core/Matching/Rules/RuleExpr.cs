namespace NgoMonitor.Core.Matching.Rules;

/// <summary>A compiled rule tree evaluated against a <see cref="MatchState"/>.</summary>
internal abstract class RuleExpr
{
    public abstract bool Evaluate(MatchState state);

    /// <summary>The word spans where a positional expression (term, OR of them, NEAR) holds, for NEAR.</summary>
    public virtual void Spans(MatchState state, List<Occurrence> into)
    {
    }

    /// <summary>Every atom under this expression; <paramref name="negated"/> is true under a NOT.</summary>
    public abstract void Atoms(List<(AtomExpr Atom, bool Negated)> into, bool negated);

    /// <summary>
    /// Adds conditions every match of this expression needs, each a set of atoms at least one of which must occur
    /// (in some field): a term needs itself, AND and NEAR need the conditions of both sides, OR needs one term from
    /// each operand's best condition, NOT needs nothing. The rule is indexed under one of them (its trigger: see
    /// <see cref="RuleClauses.Best"/>) and the others are tested on the item's occurrence bits before the rule tree
    /// is evaluated, which most triggered rules never reach.
    /// </summary>
    public abstract void Clauses(RuleClauses into);
}

internal sealed class AtomExpr(int atom, RuleField field) : RuleExpr
{
    public int Atom { get; } = atom;

    public RuleField Field { get; } = field;

    public override bool Evaluate(MatchState state)
    {
        if (Field == RuleField.Any)
        {
            return state.Occurred(Atom);
        }

        for (var link = state.Latest(Atom); link != 0; link = state.Previous(link))
        {
            if ((state.At(link).Field & Field) != 0)
            {
                return true;
            }
        }

        return false;
    }

    public override void Spans(MatchState state, List<Occurrence> into)
    {
        for (var link = state.Latest(Atom); link != 0; link = state.Previous(link))
        {
            if ((state.At(link).Field & Field) != 0)
            {
                into.Add(state.At(link));
            }
        }
    }

    public override void Clauses(RuleClauses into) => into.Add(Atom);

    public override void Atoms(List<(AtomExpr Atom, bool Negated)> into, bool negated) => into.Add((this, negated));
}

internal sealed class AndExpr(RuleExpr[] operands) : RuleExpr
{
    public override void Clauses(RuleClauses into)
    {
        foreach (var operand in operands)
        {
            operand.Clauses(into);
        }
    }

    public override bool Evaluate(MatchState state)
    {
        foreach (var operand in operands)
        {
            if (!operand.Evaluate(state))
            {
                return false;
            }
        }

        return true;
    }

    public override void Atoms(List<(AtomExpr Atom, bool Negated)> into, bool negated)
    {
        foreach (var operand in operands)
        {
            operand.Atoms(into, negated);
        }
    }
}

internal sealed class OrExpr(RuleExpr[] operands) : RuleExpr
{
    public override void Clauses(RuleClauses into)
    {
        // Any operand may make the OR true, so the condition takes the best one of each; none when an operand has
        // none (a NOT under OR). Each operand's conditions go after the OR's start, then make way for the union.
        var from = into.Count;
        Span<int> bests = operands.Length <= 16 ? stackalloc int[operands.Length] : new int[operands.Length];
        for (var i = 0; i < operands.Length; i++)
        {
            var start = into.Count;
            operands[i].Clauses(into);
            bests[i] = into.Best(start);
            if (bests[i] < 0)
            {
                into.Truncate(from);
                return;
            }
        }

        into.ReplaceWithUnion(from, bests);
    }

    public override bool Evaluate(MatchState state)
    {
        foreach (var operand in operands)
        {
            if (operand.Evaluate(state))
            {
                return true;
            }
        }

        return false;
    }

    public override void Spans(MatchState state, List<Occurrence> into)
    {
        foreach (var operand in operands)
        {
            operand.Spans(state, into);
        }
    }

    public override void Atoms(List<(AtomExpr Atom, bool Negated)> into, bool negated)
    {
        foreach (var operand in operands)
        {
            operand.Atoms(into, negated);
        }
    }
}

internal sealed class NotExpr(RuleExpr operand) : RuleExpr
{
    public override void Clauses(RuleClauses into)
    {
    }

    public override bool Evaluate(MatchState state) => !operand.Evaluate(state);

    public override void Atoms(List<(AtomExpr Atom, bool Negated)> into, bool negated) => operand.Atoms(into, !negated);
}

/// <summary>
/// NEAR/n: some span of the left and some span of the right lie in the same field with a word distance of at most n,
/// in either order; distance is the step from the end of one to the start of the other (adjacent words: 1;
/// overlapping spans: 0). Its own spans cover each qualifying pair, so NEAR chains ("a NEAR/3 b NEAR/3 c").
/// </summary>
internal sealed class NearExpr(RuleExpr left, RuleExpr right, int distance) : RuleExpr
{
    public override bool Evaluate(MatchState state)
    {
        var pairs = state.TakeList();
        Collect(state, pairs, firstOnly: true);
        var found = pairs.Count > 0;
        state.Return(pairs);
        return found;
    }

    public override void Spans(MatchState state, List<Occurrence> into) => Collect(state, into, firstOnly: false);

    public override void Clauses(RuleClauses into)
    {
        left.Clauses(into);
        right.Clauses(into);
    }

    public override void Atoms(List<(AtomExpr Atom, bool Negated)> into, bool negated)
    {
        left.Atoms(into, negated);
        right.Atoms(into, negated);
    }

    private void Collect(MatchState state, List<Occurrence> into, bool firstOnly)
    {
        var lefts = state.TakeList();
        var rights = state.TakeList();
        left.Spans(state, lefts);
        if (lefts.Count > 0)
        {
            right.Spans(state, rights);
        }

        foreach (var a in lefts)
        {
            foreach (var b in rights)
            {
                if (a.Field != b.Field)
                {
                    continue;
                }

                var gap = b.First > a.Last ? b.First - a.Last : a.First > b.Last ? a.First - b.Last : 0;
                if (gap <= distance)
                {
                    into.Add(new Occurrence(a.Field, Math.Min(a.First, b.First), Math.Max(a.Last, b.Last),
                        Math.Min(a.Start, b.Start), Math.Max(a.End, b.End)));
                    if (firstOnly)
                    {
                        goto done;
                    }
                }
            }
        }

    done:
        state.Return(lefts);
        state.Return(rights);
    }
}
