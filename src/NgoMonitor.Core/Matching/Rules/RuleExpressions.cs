namespace NgoMonitor.Core.Matching.Rules;

/// <summary>Where an atom (a compiled term) occurred: field, first and last word position, UTF-16 span.</summary>
internal readonly record struct Occurrence(RuleField Field, int First, int Last, int Start, int End);

/// <summary>
/// The atoms found in one item, by atom id; only atoms that occurred have an entry. One instance per thread is
/// reused from item to item (<see cref="Rent"/>), lists included, so matching allocates little.
/// </summary>
internal sealed class MatchState
{
    [ThreadStatic]
    private static MatchState? t_cached;

    private readonly Stack<List<Occurrence>> _free = new();

    public Dictionary<int, List<Occurrence>> ByAtom { get; } = [];

    /// <summary>Rule indexes to evaluate, reused between items.</summary>
    public List<int> Candidates { get; } = [];

    public bool IsEmpty => ByAtom.Count == 0;

    /// <summary>This thread's state, emptied. Not re-entrant: one match at a time per thread.</summary>
    public static MatchState Rent()
    {
        var state = t_cached ??= new MatchState();
        state.Clear();
        return state;
    }

    public void Add(int atom, Occurrence occurrence)
    {
        if (!ByAtom.TryGetValue(atom, out var list))
        {
            list = TakeList();
            ByAtom.Add(atom, list);
        }

        list.Add(occurrence);
    }

    /// <summary>An empty list from the pool; give it back with <see cref="Return"/>.</summary>
    public List<Occurrence> TakeList() => _free.Count > 0 ? _free.Pop() : new List<Occurrence>(4);

    public void Return(List<Occurrence> list)
    {
        list.Clear();
        _free.Push(list);
    }

    private void Clear()
    {
        foreach (var list in ByAtom.Values)
        {
            Return(list);
        }

        ByAtom.Clear();
        Candidates.Clear();
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

    /// <summary>
    /// A set of atoms at least one of which must occur for this expression to be true, chosen to be small and
    /// selective (<paramref name="selectivity"/>: higher is rarer); null when none can be given (under NOT).
    /// The rule is only evaluated for items where one of its trigger atoms occurred.
    /// </summary>
    public abstract int[]? Trigger(Func<int, double> selectivity);

    /// <summary>The most selective of several alternative trigger sets: fewest atoms, then rarest.</summary>
    protected static int[]? Best(IEnumerable<int[]?> candidates, Func<int, double> selectivity)
    {
        int[]? best = null;
        var bestRarity = 0.0;
        foreach (var candidate in candidates)
        {
            if (candidate is null || (best is not null && candidate.Length > best.Length))
            {
                continue;
            }

            var rarity = double.MaxValue;
            foreach (var atom in candidate)
            {
                rarity = Math.Min(rarity, selectivity(atom));
            }

            if (best is null || candidate.Length < best.Length || rarity > bestRarity)
            {
                best = candidate;
                bestRarity = rarity;
            }
        }

        return best;
    }
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

    public override int[]? Trigger(Func<int, double> selectivity) => [Atom];
}

internal sealed class AndExpr(RuleExpr[] operands) : RuleExpr
{
    public override int[]? Trigger(Func<int, double> selectivity) => Best(operands.Select(o => o.Trigger(selectivity)), selectivity);

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
    public override int[]? Trigger(Func<int, double> selectivity)
    {
        var all = operands.Select(o => o.Trigger(selectivity)).ToList();
        return all.Any(t => t is null) ? null : all.SelectMany(t => t!).Distinct().ToArray();
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
    public override int[]? Trigger(Func<int, double> selectivity) => null;

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

    public override int[]? Trigger(Func<int, double> selectivity) => Best([left.Trigger(selectivity), right.Trigger(selectivity)], selectivity);

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
