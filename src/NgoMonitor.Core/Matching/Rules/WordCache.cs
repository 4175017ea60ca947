using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NgoMonitor.Core.Matching.Rules;

/// <summary>
/// What a compiled rule set knows of item words already seen in one language chain: each word's automaton symbol
/// and the atoms (rule terms) it adds by itself wherever it occurs. Analysing a word (case folding, stemming, a walk of the prefix trie) costs many
/// times more than finding it again, and news text keeps repeating the same few thousand words.
/// <para>
/// Why this layout: the lookup is the innermost step of matching (once per word of every item), and at 10,000 rules
/// it was the largest single cost, nearly all of it waiting for memory. Each slot (32 bytes, two to a cache line)
/// holds the hash, the symbol and the word's first eight characters, so a lookup of a word of up to eight characters
/// (most news words) reads one slot and nothing else; longer words read their remaining characters from one shared
/// array. (Before: a hash array, an entry object and a string, three or four cache misses a word.)
/// </para>
/// <para>
/// Insert-only open addressing with linear probing: readers never lock (a slot is written whole before its hash,
/// with release semantics, and never changed after), writers take a lock, and the table doubles, built aside and
/// published whole, until it holds <see cref="Limit"/> words; then it stops caching, and further new words are
/// analysed on each sight (as a bounded cache must). Item text comes from outside, so words are hashed with a seed
/// chosen at random per process, and a lookup gives up after <see cref="MaxProbes"/> slots: text crafted to collide
/// cannot make matching slow, at worst its words are not cached.
/// </para>
/// </summary>
internal sealed class WordCache
{
    /// <summary>Distinct words cached; past this, new words are analysed on each sight.</summary>
    public const int Limit = 200_000;

    /// <summary>Longest word cached (<see cref="RuleTextAnalyzer.MaxWordLength"/>: longer words are skipped).</summary>
    public const int MaxLength = RuleTextAnalyzer.MaxWordLength;

    /// <summary>Slots probed before a lookup or insert gives up (the table is at most half full).</summary>
    private const int MaxProbes = 32;

    private const ulong Multiplier = 0x9E3779B97F4A7C15;

    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64();

    private readonly Lock _gate = new();
    private Table _table = new(1024, 1024);
    private int _count;

    /// <summary>The word's hash and first eight characters, computed once and used for the lookup and the insert.</summary>
    /// <param name="Hash">Seeded multiply-xorshift over the word read 8 bytes at a time; never 0 (an empty slot).</param>
    internal readonly record struct Key(ulong Head0, ulong Head1, int Hash, int Length);

    /// <summary>The key of <paramref name="word"/> (at most <see cref="MaxLength"/> characters).</summary>
    public static Key KeyOf(ReadOnlySpan<char> word) => KeyOf(word, 0, word.Length);

    /// <summary>The key of the word of <paramref name="length"/> characters (at most <see cref="MaxLength"/>) at
    /// <paramref name="start"/> of <paramref name="text"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Key KeyOf(ReadOnlySpan<char> text, int start, int length)
    {
        // The first 8 characters. When the text goes on that far (the usual case) they are read straight from it and
        // the characters past the word masked off; a copy into a padded buffer, as for a word at the very end of the
        // text, showed in profiles (most words are shorter than 8 characters).
        ulong head0, head1;
        var bytes = MemoryMarshal.AsBytes(text[start..]);
        if (bytes.Length >= 16)
        {
            head0 = BinaryPrimitives.ReadUInt64LittleEndian(bytes) & FirstCharacters(length);
            head1 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]) & FirstCharacters(length - 4);
        }
        else
        {
            Span<ulong> padded = [0, 0];
            bytes[..(2 * Math.Min(length, 8))].CopyTo(MemoryMarshal.AsBytes(padded));
            head0 = padded[0];
            head1 = padded[1];
        }

        var word = text.Slice(start, length);
        var h = Mix(Mix(Seed ^ (ulong)word.Length, head0), head1);
        if (word.Length > 8)
        {
            // The rest 8 bytes at a time, the last block overlapping the one before.
            bytes = MemoryMarshal.AsBytes(word);
            var rest = bytes[16..];
            while (rest.Length > 8)
            {
                h = Mix(h, BinaryPrimitives.ReadUInt64LittleEndian(rest));
                rest = rest[8..];
            }

            h = Mix(h, BinaryPrimitives.ReadUInt64LittleEndian(bytes[^8..]));
        }

        // A full avalanche at the end (the MurmurHash3 finaliser): slots are chosen by the low bits, and words that
        // differ only in later characters (word1, word2, ...) must still spread over the table.
        h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCD;
        h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53;
        h ^= h >> 33;
        var hash = (int)h;
        return new Key(head0, head1, hash == 0 ? 1 : hash, word.Length);
    }

    /// <summary>
    /// Asks the processor to start loading the slot where the word of <paramref name="key"/> would be found, without
    /// waiting for it, so that the loads of several words' slots overlap (<see cref="CompiledRuleSet"/> keys a batch
    /// of words, prefetching each, before looking them up). Never changes a result.
    /// </summary>
    public void Prefetch(in Key key)
    {
        if (key.Hash != 0)
        {
            var slots = Volatile.Read(ref _table).Slots;
            CacheHint.Prefetch(slots, key.Hash & (slots.Length - 1));
        }
    }

    /// <summary>Finds <paramref name="word"/> (whose key is <paramref name="key"/>): its symbol and its atoms, one of
    /// them possibly in <paramref name="inlineAtom"/> (else -1), the others in <paramref name="atoms"/>.</summary>
    /// <remarks>Inlined into the scan (once per item word): a call passing the key on the stack and the results
    /// through memory showed beside the lookup itself.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryFind(ReadOnlySpan<char> word, scoped in Key key, out int symbol, out int inlineAtom, out ReadOnlySpan<int> atoms)
    {
        var table = Volatile.Read(ref _table);
        var slots = table.Slots;
        var mask = slots.Length - 1;
        var i = key.Hash & mask;
        for (var probe = 0; probe < MaxProbes; probe++)
        {
            ref readonly var slot = ref slots[i];
            var slotHash = Volatile.Read(in slot.Hash);
            if (slotHash == 0)
            {
                break;
            }

            if (slotHash == key.Hash && slot.Head0 == key.Head0 && slot.Head1 == key.Head1 && slot.Length == key.Length
                && (key.Length <= 8 || word[8..].SequenceEqual(table.Tail(slot))))
            {
                // Symbol -2 - a: no symbol, and the word's only atom is a (no read of the pool for it).
                symbol = slot.Symbol >= -1 ? slot.Symbol : -1;
                inlineAtom = slot.Symbol >= -1 ? -1 : -2 - slot.Symbol;
                atoms = table.Atoms(slot);
                return true;
            }

            i = (i + 1) & mask;
        }

        symbol = -1;
        inlineAtom = -1;
        atoms = default;
        return false;
    }

    /// <summary>Adds a word unless it is there already, the cache is full, or its probe run is too long.</summary>
    public void Add(ReadOnlySpan<char> word, Key key, int symbol, ReadOnlySpan<int> atoms)
    {
        // The commonest rule word: no automaton symbol and a single atom, kept in the slot's symbol field.
        if (symbol < 0 && atoms.Length == 1)
        {
            symbol = -2 - atoms[0];
            atoms = default;
        }

        lock (_gate)
        {
            if (_count >= Limit || word.Length > MaxLength || atoms.Length > byte.MaxValue)
            {
                return;
            }

            var table = _table;
            var poolNeeded = Table.PoolLength(word.Length, atoms.Length);
            if ((_count + 1) * 2 > table.Slots.Length || table.PoolUsed + poolNeeded > table.Pool.Length)
            {
                // Build the larger table aside and publish it whole: readers keep using the old one meanwhile.
                var slots = (_count + 1) * 2 > table.Slots.Length ? table.Slots.Length * 2 : table.Slots.Length;
                var larger = new Table(slots, Math.Max(table.Pool.Length * 2, table.PoolUsed + poolNeeded));
                larger.CopyFrom(table);
                Volatile.Write(ref _table, larger);
                table = larger;
            }

            if (table.Insert(word, key, symbol, atoms))
            {
                _count++;
            }
        }
    }

    /// <summary>A mask over a block of 4 characters keeping its first <paramref name="count"/> (none when 0 or less,
    /// all when 4 or more).</summary>
    private static ulong FirstCharacters(int count) =>
        count >= 4 ? ulong.MaxValue : count <= 0 ? 0 : (1UL << (16 * count)) - 1;

    private static ulong Mix(ulong h, ulong block)
    {
        h = (h ^ block) * Multiplier;
        return h ^ (h >> 29);
    }

    /// <summary>One cached word. <see cref="Hash"/> is written last and read first: a reader that sees it sees the rest.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public int Hash;
        /// <summary>The automaton symbol (-1: none), or -2 - a when there is none and the word's one atom is a.</summary>
        public int Symbol;
        public ulong Head0;
        public ulong Head1;

        /// <summary>Where the word's characters after the eighth, then its atoms, start in the pool.</summary>
        public int PoolStart;
        public byte Length;
        public byte AtomCount;
    }

    /// <summary>Slots and the pool of long words' tails and their atoms (as ints, two characters to an int).</summary>
    private sealed class Table(int slots, int pool)
    {
        public Slot[] Slots { get; } = new Slot[slots];

        public int[] Pool { get; } = new int[pool];

        public int PoolUsed { get; private set; }

        public static int PoolLength(int wordLength, int prefixCount) => ((Math.Max(0, wordLength - 8) + 1) / 2) + prefixCount;

        public ReadOnlySpan<char> Tail(in Slot slot) =>
            MemoryMarshal.Cast<int, char>(Pool.AsSpan(slot.PoolStart, (slot.Length - 8 + 1) / 2))[..(slot.Length - 8)];

        public ReadOnlySpan<int> Atoms(in Slot slot) => slot.AtomCount == 0 ? default
            : Pool.AsSpan(slot.PoolStart + ((Math.Max(0, slot.Length - 8) + 1) / 2), slot.AtomCount);

        public void CopyFrom(Table old)
        {
            old.Pool.AsSpan(0, old.PoolUsed).CopyTo(Pool);
            PoolUsed = old.PoolUsed;
            foreach (var slot in old.Slots)
            {
                if (slot.Hash != 0)
                {
                    Place(slot);
                }
            }
        }

        public bool Insert(ReadOnlySpan<char> word, Key key, int symbol, ReadOnlySpan<int> atoms)
        {
            var mask = Slots.Length - 1;
            var i = key.Hash & mask;
            for (var probe = 0; probe < MaxProbes; probe++)
            {
                ref var slot = ref Slots[i];
                if (slot.Hash == 0)
                {
                    var start = PoolUsed;
                    var tailInts = (Math.Max(0, word.Length - 8) + 1) / 2;
                    if (word.Length > 8)
                    {
                        word[8..].CopyTo(MemoryMarshal.Cast<int, char>(Pool.AsSpan(start, tailInts)));
                    }

                    atoms.CopyTo(Pool.AsSpan(start + tailInts));
                    PoolUsed = start + tailInts + atoms.Length;
                    slot.Symbol = symbol;
                    slot.Head0 = key.Head0;
                    slot.Head1 = key.Head1;
                    slot.PoolStart = start;
                    slot.Length = (byte)key.Length;
                    slot.AtomCount = (byte)atoms.Length;
                    Volatile.Write(ref slot.Hash, key.Hash);
                    return true;
                }

                if (slot.Hash == key.Hash && slot.Head0 == key.Head0 && slot.Head1 == key.Head1 && slot.Length == key.Length
                    && (key.Length <= 8 || word[8..].SequenceEqual(Tail(slot))))
                {
                    return false;
                }

                i = (i + 1) & mask;
            }

            return false;
        }

        /// <summary>Places a slot from a smaller table (its pool entries already copied); a new table has room.</summary>
        private void Place(in Slot slot)
        {
            var mask = Slots.Length - 1;
            var i = slot.Hash & mask;
            while (Slots[i].Hash != 0)
            {
                i = (i + 1) & mask;
            }

            Slots[i] = slot;
        }
    }
}
