using System.Runtime.CompilerServices;
namespace NgoMonitor.Core.Matching.Rules;

/// <summary>Where an atom (a compiled term) occurred: field, first and last word position, UTF-16 span.</summary>
internal readonly record struct Occurrence(RuleField Field, int First, int Last, int Start, int End);

/// <summary>
/// The atoms found in one item. Occurrences go into one flat array, each linking to the previous occurrence of the
/// same atom, with the latest per atom in an array indexed by atom; a bit set says which atoms occurred. Adding an
/// occurrence is two array writes, and the bit set (a bit per rule term) stays in the core's cache while hundreds of
/// candidate rules are checked against it. One instance per thread is reused from item to item (<see cref="Rent"/>),
/// so matching allocates little.
/// </summary>
internal sealed class MatchState
{
    [ThreadStatic]
    private static MatchState? t_cached;

    private readonly List<int> _found = [];
    private readonly Stack<List<Occurrence>> _free = new();

    // _latest[atom]: 1 + index in _occurrences of the atom's latest occurrence, 0 when none; _previous[i] likewise.
    private int[] _latest = [];
    private ulong[] _occurred = [];
    private Occurrence[] _occurrences = new Occurrence[256];
    private int[] _previous = new int[256];
    private int _count;
    private ulong[] _ruleBits = [];

    /// <summary>Atoms that occurred, in order of first occurrence.</summary>
    public List<int> Found => _found;

    /// <summary>Scratch list for explaining a hit, reused from rule to rule.</summary>
    public List<(Occurrence O, int Atom)> Explained { get; } = [];

    public bool IsEmpty => _found.Count == 0;

    /// <summary>A pseudo-atom that has always occurred, for a test that needs no term (see <see cref="OccurredBit"/>).</summary>
    public const int Always = -2;

    /// <summary>A pseudo-atom that never occurs.</summary>
    public const int Never = -1;

    /// <summary>This thread's state, emptied, for a set of <paramref name="atomCount"/> atoms. Not re-entrant: one
    /// match at a time per thread.</summary>
    public static MatchState Rent(int atomCount, int ruleCount)
    {
        var state = t_cached ??= new MatchState();
        state.Clear();
        if (state._latest.Length < atomCount || state._occurred.Length * 64 < atomCount + 2)
        {
            state._latest = new int[atomCount];
            state._occurred = new ulong[(atomCount + 2 + 63) / 64];
        }

        state._occurred[0] |= 1; // Always

        if (state._ruleBits.Length * 64 < ruleCount)
        {
            state._ruleBits = new ulong[(ruleCount + 63) / 64];
        }

        return state;
    }

    /// <summary>A bit set of <paramref name="ruleCount"/> bits, one per rule: the rules to evaluate. It is all
    /// zeros: whoever reads a word of it sets it back to zero (clearing all of it per item showed in profiles).</summary>
    public Span<ulong> RuleBits(int ruleCount) => _ruleBits.AsSpan(0, (ruleCount + 63) / 64);

    /// <summary>Whether <paramref name="atom"/> occurred.</summary>
    public bool Occurred(int atom) => OccurredBit(atom) != 0;

    /// <summary>1 when <paramref name="atom"/> (or the pseudo-atom <see cref="Always"/>) occurred, else 0: a number
    /// rather than a bool, for tests combined without branches. Bit a + 2 of the set stands for atom a.</summary>
    public ulong OccurredBit(int atom) => (_occurred[(atom + 2) >> 6] >> (atom + 2)) & 1;

    /// <summary>The link of the latest occurrence of <paramref name="atom"/>, 0 when none.</summary>
    public int Latest(int atom) => _latest[atom];

    /// <summary>The occurrence at <paramref name="link"/> (not 0).</summary>
    public ref readonly Occurrence At(int link) => ref _occurrences[link - 1];

    /// <summary>The link of the occurrence of the same atom before the one at <paramref name="link"/>, 0 when none.</summary>
    public int Previous(int link) => _previous[link - 1];

    /// <summary>Records an occurrence of <paramref name="atom"/>. Inlined into the scan: it runs for every rule word of
    /// every item, and a call passing the occurrence on the stack cost more than the work.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int atom, in Occurrence occurrence)
    {
        if (_count == _occurrences.Length)
        {
            Grow();
        }

        var latest = _latest[atom];
        if (latest == 0)
        {
            _occurred[(atom + 2) >> 6] |= 1UL << (atom + 2);
            _found.Add(atom);
        }

        _occurrences[_count] = occurrence;
        _previous[_count] = latest;
        _latest[atom] = ++_count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        Array.Resize(ref _occurrences, _count * 2);
        Array.Resize(ref _previous, _count * 2);
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
            _latest[atom] = 0;
            _occurred[(atom + 2) >> 6] = 0;
        }

        _found.Clear();
        _count = 0;
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
    /// Adds conditions every match of this expression needs, each a set of atoms at least one of which must occur
    /// (in some field): a term needs itself, AND and NEAR need the conditions of both sides, OR needs one term from
    /// each operand's best condition, NOT needs nothing. The rule is indexed under one of them (its trigger: see
    /// <see cref="Best"/>) and the others are tested on the item's occurrence bits before the rule tree is
    /// evaluated, which most triggered rules never reach.
    /// </summary>
    public abstract void Clauses(List<int[]> into, Func<int, double> selectivity);

    /// <summary>The most selective condition of <paramref name="expr"/> (<paramref name="selectivity"/>: higher is
    /// rarer): fewest atoms, then the rarest; null when it has none (NOT only).</summary>
    public static int[]? Best(RuleExpr expr, Func<int, double> selectivity)
    {
        var clauses = new List<int[]>();
        expr.Clauses(clauses, selectivity);
        return Best(clauses, selectivity);
    }

    /// <summary>The most selective of <paramref name="clauses"/> of at most <paramref name="maxLength"/> atoms:
    /// fewest atoms, then the rarest.</summary>
    public static int[]? Best(List<int[]> clauses, Func<int, double> selectivity, int maxLength = int.MaxValue)
    {
        int[]? best = null;
        var bestRarity = 0.0;
        foreach (var clause in clauses)
        {
            if (clause.Length > maxLength)
            {
                continue;
            }

            var rarity = double.MaxValue;
            foreach (var atom in clause)
            {
                rarity = Math.Min(rarity, selectivity(atom));
            }

            if (best is null || clause.Length < best.Length || (clause.Length == best.Length && rarity > bestRarity))
            {
                best = clause;
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

    public override void Clauses(List<int[]> into, Func<int, double> selectivity) => into.Add([Atom]);

    public override void Atoms(List<(AtomExpr Atom, bool Negated)> into, bool negated) => into.Add((this, negated));
}

internal sealed class AndExpr(RuleExpr[] operands) : RuleExpr
{
    public override void Clauses(List<int[]> into, Func<int, double> selectivity)
    {
        foreach (var operand in operands)
        {
            operand.Clauses(into, selectivity);
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
    public override void Clauses(List<int[]> into, Func<int, double> selectivity)
    {
        // Any operand may make the OR true, so the condition takes the best one of each; none when an operand has
        // none (a NOT under OR).
        var union = new List<int>();
        foreach (var operand in operands)
        {
            if (Best(operand, selectivity) is not { } best)
            {
                return;
            }

            foreach (var atom in best)
            {
                if (!union.Contains(atom))
                {
                    union.Add(atom);
                }
            }
        }

        into.Add([.. union]);
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
    public override void Clauses(List<int[]> into, Func<int, double> selectivity)
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

    public override void Clauses(List<int[]> into, Func<int, double> selectivity)
    {
        left.Clauses(into, selectivity);
        right.Clauses(into, selectivity);
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
