namespace NgoMonitor.Core.Matching.Rules;

/// <summary>Rows of values in two flat arrays, row r being <c>items[start[r]..start[r + 1]]</c>: one allocation instead of
/// one array per row, and rows read in order lie side by side in memory. A bit per row says whether it is empty,
/// without touching the arrays (small enough to stay in the core's cache).</summary>
internal sealed class FlatRows<T>
{
    private readonly int[] _start;
    private readonly T[] _items;
    private readonly ulong[] _nonEmpty;

    private FlatRows(int[] start, T[] items)
    {
        _start = start;
        _items = items;
        _nonEmpty = new ulong[(start.Length + 63) / 64];
        for (var row = 0; row + 1 < start.Length; row++)
        {
            if (start[row + 1] > start[row])
            {
                _nonEmpty[row >> 6] |= 1UL << row;
            }
        }
    }

    public ReadOnlySpan<T> this[int row] => _items.AsSpan(_start[row], _start[row + 1] - _start[row]);

    public bool IsEmpty(int row) => (_nonEmpty[row >> 6] & (1UL << row)) == 0;

    /// <summary>Rows of <paramref name="rowCount"/> from (row, item) pairs in any order; within a row, items keep
    /// the order they were added in.</summary>
    public static FlatRows<T> Group(int rowCount, List<(int Row, T Item)> added)
    {
        var start = new int[rowCount + 1];
        foreach (var (row, _) in added)
        {
            start[row + 1]++;
        }

        for (var r = 0; r < rowCount; r++)
        {
            start[r + 1] += start[r];
        }

        var next = start[..rowCount];
        var items = new T[added.Count];
        foreach (var (row, item) in added)
        {
            items[next[row]++] = item;
        }

        return new FlatRows<T>(start, items);
    }

    /// <summary>Builds rows in order, one <see cref="Add"/> per row.</summary>
    internal sealed class Builder
    {
        private readonly List<int> _start;
        private readonly List<T> _items = [];

        /// <param name="expectedRows">Rows expected (0: unknown), to size the table once.</param>
        public Builder(int expectedRows = 0)
        {
            _start = new List<int>(expectedRows + 1) { 0 };
        }

        public void Add(List<T> row)
        {
            _items.AddRange(row);
            _start.Add(_items.Count);
        }

        public FlatRows<T> Build() => new([.. _start], [.. _items]);
    }
}
