namespace NgoMonitor.Core.Matching.Rules;

/// <summary>Where an atom (a compiled term) occurred: field, first and last word position, UTF-16 span.</summary>
internal readonly record struct Occurrence(RuleField Field, int First, int Last, int Start, int End);

/// <summary>The atoms found in one item, by atom id; only atoms that occurred have an entry.</summary>
internal sealed class MatchState
{
    public Dictionary<int, List<Occurrence>> ByAtom { get; } = [];

    public void Add(int atom, Occurrence occurrence)
    {
        if (!ByAtom.TryGetValue(atom, out var list))
        {
            list = new List<Occurrence>(2);
            ByAtom.Add(atom, list);
        }

        list.Add(occurrence);
    }
}

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
}

internal sealed class AtomExpr(int atom, RuleField field) : RuleExpr
{
    public int Atom { get; } = atom;

    public RuleField Field { get; } = field;

    public override bool Evaluate(MatchState state)
    {
        if (!state.ByAtom.TryGetValue(Atom, out var list))
        {
            return false;
        }

        if (Field == RuleField.Any)
        {
            return true;
        }

        foreach (var o in list)
        {
            if ((o.Field & Field) != 0)
            {
                return true;
            }
        }

        return false;
    }

    public override void Spans(MatchState state, List<Occurrence> into)
    {
        if (state.ByAtom.TryGetValue(Atom, out var list))
        {
            foreach (var o in list)
            {
                if ((o.Field & Field) != 0)
                {
                    into.Add(o);
                }
            }
        }
    }

    public override void Atoms(List<(AtomExpr Atom, bool Negated)> into, bool negated) => into.Add((this, negated));
}

internal sealed class AndExpr(RuleExpr[] operands) : RuleExpr
{
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
        var pairs = new List<Occurrence>();
        Collect(state, pairs, firstOnly: true);
        return pairs.Count > 0;
    }

    public override void Spans(MatchState state, List<Occurrence> into) => Collect(state, into, firstOnly: false);

    public override void Atoms(List<(AtomExpr Atom, bool Negated)> into, bool negated)
    {
        left.Atoms(into, negated);
        right.Atoms(into, negated);
    }

    private void Collect(MatchState state, List<Occurrence> into, bool firstOnly)
    {
        var lefts = new List<Occurrence>();
        left.Spans(state, lefts);
        if (lefts.Count == 0)
        {
            return;
        }

        var rights = new List<Occurrence>();
        right.Spans(state, rights);
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
                        return;
                    }
                }
            }
        }
    }
}
