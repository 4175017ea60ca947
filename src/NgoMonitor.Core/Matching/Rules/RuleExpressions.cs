using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    /// <see cref="RuleClauses.Best"/>) and the others are tested on the item's occurrence bits before the rule tree
    /// is evaluated, which most triggered rules never reach.
    /// </summary>
    public abstract void Clauses(RuleClauses into);
}

/// <summary>
/// The conditions of one rule (see <see cref="RuleExpr.Clauses"/>), each a set of atoms, kept flat in one list of
/// atoms with a (start, length) per condition. One instance is reused from rule to rule while compiling: an array
/// per condition (one per term, plus lists for OR) was a tenth of what compiling 10,000 rules allocated.
/// </summary>
internal sealed class RuleClauses(Func<int, double> selectivity)
{
    private readonly List<int> _atoms = [];
    private readonly List<(int Start, int Length)> _clauses = [];

    // The union an OR builds from its operands' best conditions; only used between reading them and adding it.
    private readonly List<int> _union = [];

    public int Count => _clauses.Count;

    /// <summary>The atoms of condition <paramref name="clause"/>; valid until the next change.</summary>
    public ReadOnlySpan<int> this[int clause]
    {
        get
        {
            var (start, length) = _clauses[clause];
            return CollectionsMarshal.AsSpan(_atoms).Slice(start, length);
        }
    }

    public void Clear()
    {
        _atoms.Clear();
        _clauses.Clear();
    }

    /// <summary>Adds the condition "<paramref name="atom"/> occurs".</summary>
    public void Add(int atom)
    {
        _clauses.Add((_atoms.Count, 1));
        _atoms.Add(atom);
    }

    /// <summary>Replaces conditions <paramref name="from"/> onward with one: at least one atom of the best condition
    /// of each range (<paramref name="bests"/>, indexes of conditions from <paramref name="from"/> on) occurs. Atoms
    /// keep their first order, without repeats.</summary>
    public void ReplaceWithUnion(int from, ReadOnlySpan<int> bests)
    {
        _union.Clear();
        foreach (var best in bests)
        {
            foreach (var atom in this[best])
            {
                if (!_union.Contains(atom))
                {
                    _union.Add(atom);
                }
            }
        }

        Truncate(from);
        _clauses.Add((_atoms.Count, _union.Count));
        _atoms.AddRange(_union);
    }

    /// <summary>Removes conditions <paramref name="from"/> onward.</summary>
    public void Truncate(int from)
    {
        if (from < _clauses.Count)
        {
            _atoms.RemoveRange(_clauses[from].Start, _atoms.Count - _clauses[from].Start);
            _clauses.RemoveRange(from, _clauses.Count - from);
        }
    }

    /// <summary>The most selective condition from <paramref name="from"/> on, other than <paramref name="skip"/>, of
    /// at most <paramref name="maxLength"/> atoms: fewest atoms, then the rarest (selectivity: higher is rarer), the
    /// first of equals; -1 when there is none.</summary>
    public int Best(int from = 0, int maxLength = int.MaxValue, int skip = -1)
    {
        var best = -1;
        var bestLength = 0;
        var bestRarity = 0.0;
        for (var clause = from; clause < _clauses.Count; clause++)
        {
            var length = _clauses[clause].Length;
            if (clause == skip || length > maxLength)
            {
                continue;
            }

            var rarity = double.MaxValue;
            foreach (var atom in this[clause])
            {
                rarity = Math.Min(rarity, selectivity(atom));
            }

            if (best < 0 || length < bestLength || (length == bestLength && rarity > bestRarity))
            {
                best = clause;
                bestLength = length;
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
