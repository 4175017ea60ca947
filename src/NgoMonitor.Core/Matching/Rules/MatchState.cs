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
