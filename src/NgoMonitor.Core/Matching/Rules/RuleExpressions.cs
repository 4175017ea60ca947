namespace NgoMonitor.Core.Matching.Rules;

/// <summary>Where an atom (a compiled term) occurred: field, first and last word position, UTF-16 span.</summary>
internal readonly record struct Occurrence(RuleField Field, int First, int Last, int Start, int End);

/// <summary>
/// The atoms found in one item: occurrences by atom id, in an array indexed by atom (an array read per rule term is
/// what keeps evaluating hundreds of candidate rules per item cheap), plus the list of atoms that occurred. One
/// instance per thread is reused from item to item (<see cref="Rent"/>), lists included, so matching allocates little.
/// </summary>
internal sealed class MatchState
{
    [ThreadStatic]
    private static MatchState? t_cached;

    private readonly Stack<List<Occurrence>> _free = new();
    private readonly List<int> _found = [];
    private List<Occurrence>?[] _byAtom = [];
    private ulong[] _occurred = [];

    /// <summary>Atoms that occurred, in order of first occurrence.</summary>
    public IReadOnlyList<int> Found => _found;

    private ulong[] _ruleBits = [];

    public bool IsEmpty => _found.Count == 0;

    /// <summary>This thread's state, emptied, for a set of <paramref name="atomCount"/> atoms. Not re-entrant: one
    /// match at a time per thread.</summary>
    public static MatchState Rent(int atomCount, int ruleCount)
    {
        var state = t_cached ??= new MatchState();
        state.Clear();
        if (state._byAtom.Length < atomCount)
        {
            state._byAtom = new List<Occurrence>?[atomCount];
            state._occurred = new ulong[(atomCount + 63) / 64];
        }

        if (state._ruleBits.Length * 64 < ruleCount)
        {
            state._ruleBits = new ulong[(ruleCount + 63) / 64];
        }

        return state;
    }

    /// <summary>A cleared bit set of <paramref name="ruleCount"/> bits, one per rule: the rules to evaluate.</summary>
    public Span<ulong> RuleBits(int ruleCount)
    {
        var bits = _ruleBits.AsSpan(0, (ruleCount + 63) / 64);
        bits.Clear();
        return bits;
    }

    /// <summary>Whether <paramref name="atom"/> occurred: a bit set small enough to stay in cache.</summary>
    public bool Occurred(int atom) => (_occurred[atom >> 6] & (1UL << atom)) != 0;

    /// <summary>Where <paramref name="atom"/> occurred; null when it did not.</summary>
    public List<Occurrence>? Occurrences(int atom) => _byAtom[atom];

    public void Add(int atom, Occurrence occurrence)
    {
        var list = _byAtom[atom];
        if (list is null)
        {
            _byAtom[atom] = list = TakeList();
            _occurred[atom >> 6] |= 1UL << atom;
            _found.Add(atom);
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
        foreach (var atom in _found)
        {
            Return(_byAtom[atom]!);
            _byAtom[atom] = null;
            _occurred[atom >> 6] = 0;
        }

        _found.Clear();
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

    /// <summary>Adds atoms that must occur (in some field) whenever this expression is true: a cheap test that
    /// rejects most triggered rules before evaluation. None under OR and NOT.</summary>
    public virtual void Required(List<int> into)
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
    protected static int[]? Best(RuleExpr[] operands, Func<int, double> selectivity)
    {
        int[]? best = null;
        var bestRarity = 0.0;
        foreach (var operand in operands)
        {
            var candidate = operand.Trigger(selectivity);
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
        if (state.Occurrences(Atom) is not { } list)
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
        if (state.Occurrences(Atom) is { } list)
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

    public override void Required(List<int> into) => into.Add(Atom);

    public override void Atoms(List<(AtomExpr Atom, bool Negated)> into, bool negated) => into.Add((this, negated));

    public override int[]? Trigger(Func<int, double> selectivity) => [Atom];
}

internal sealed class AndExpr(RuleExpr[] operands) : RuleExpr
{
    public override int[]? Trigger(Func<int, double> selectivity) => Best(operands, selectivity);

    public override void Required(List<int> into)
    {
        foreach (var operand in operands)
        {
            operand.Required(into);
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
    public override int[]? Trigger(Func<int, double> selectivity)
    {
        // Any operand may make the OR true, so the rule needs a trigger from each; none when one has none.
        var union = new List<int>();
        foreach (var operand in operands)
        {
            if (operand.Trigger(selectivity) is not { } trigger)
            {
                return null;
            }

            foreach (var atom in trigger)
            {
                if (!union.Contains(atom))
                {
                    union.Add(atom);
                }
            }
        }

        return [.. union];
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

    public override int[]? Trigger(Func<int, double> selectivity) => Best([left, right], selectivity);

    public override void Required(List<int> into)
    {
        left.Required(into);
        right.Required(into);
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
