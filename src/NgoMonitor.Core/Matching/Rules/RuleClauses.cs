using System.Runtime.InteropServices;

namespace NgoMonitor.Core.Matching.Rules;

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
