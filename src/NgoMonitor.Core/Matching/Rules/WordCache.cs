using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NgoMonitor.Core.Matching.Rules;

/// <summary>
/// What a compiled rule set knows of item words already seen in one language chain: each word's automaton symbol
/// and the prefix terms it starts. Analysing a word (case folding, stemming, a walk of the prefix trie) costs many
/// times more than finding it again, and news text keeps repeating the same few thousand words.
/// <para>
/// Why not a <see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey,TValue}"/>: the lookup is the
/// innermost step of matching (once per word of every item) and was a third of the matcher's time. This is an
/// insert-only open-addressing table with linear probing: readers never lock (entries are immutable and published
/// whole, with <see cref="Volatile"/>), writers take a lock, and the table doubles until it holds <see cref="Limit"/>
/// words; then it stops caching, and further new words are analysed on each sight (as a bounded cache must).
/// </para>
/// <para>
/// Item text comes from outside, so words are hashed with a seed chosen at random per process, and a lookup gives up
/// after <see cref="MaxProbes"/> slots: text crafted to collide cannot make matching slow, at worst its words are not
/// cached.
/// </para>
/// </summary>
internal sealed class WordCache
{
    /// <summary>Distinct words cached; past this, new words are analysed on each sight.</summary>
    public const int Limit = 200_000;

    /// <summary>Slots probed before a lookup or insert gives up (the table is at most half full).</summary>
    private const int MaxProbes = 32;

    private const ulong Multiplier = 0x9E3779B97F4A7C15;

    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64();

    private readonly Lock _gate = new();
    private Table _table = new(1024);
    private int _count;

    /// <summary>The hash <see cref="Find"/> and <see cref="Add"/> take: seeded multiply-xorshift over the word read
    /// 8 bytes (4 UTF-16 units) at a time, the last block overlapping the one before; never 0 (0 marks an empty
    /// slot). A char-at-a-time hash was a visible share of matching.</summary>
    public static int Hash(ReadOnlySpan<char> word)
    {
        var h = Seed ^ (ulong)word.Length;
        var bytes = MemoryMarshal.AsBytes(word);
        if (bytes.Length < 8)
        {
            ulong packed = 0;
            foreach (var c in word)
            {
                packed = (packed << 16) | c;
            }

            h = Mix(h, packed);
        }
        else
        {
            var rest = bytes;
            while (rest.Length > 8)
            {
                h = Mix(h, BinaryPrimitives.ReadUInt64LittleEndian(rest));
                rest = rest[8..];
            }

            h = Mix(h, BinaryPrimitives.ReadUInt64LittleEndian(bytes[^8..]));
        }

        var hash = (int)(h ^ (h >> 32));
        return hash == 0 ? 1 : hash;
    }

    /// <summary>The entry for <paramref name="word"/>, or null when it was never added (or could not be).</summary>
    public Entry? Find(ReadOnlySpan<char> word, int hash)
    {
        var table = Volatile.Read(ref _table);
        var mask = table.Hashes.Length - 1;
        var i = hash & mask;
        for (var probe = 0; probe < MaxProbes; probe++)
        {
            // Probing reads only the compact hash array; the entry (elsewhere in memory) only when the hash agrees.
            var slotHash = Volatile.Read(ref table.Hashes[i]);
            if (slotHash == 0)
            {
                return null;
            }

            if (slotHash == hash && Volatile.Read(ref table.Entries[i]) is { } entry && word.SequenceEqual(entry.Word))
            {
                return entry;
            }

            i = (i + 1) & mask;
        }

        return null;
    }

    /// <summary>Adds <paramref name="entry"/> unless the word is there already, the cache is full, or its probe run is too long.</summary>
    public void Add(Entry entry)
    {
        lock (_gate)
        {
            if (_count >= Limit)
            {
                return;
            }

            var table = _table;
            if ((_count + 1) * 2 > table.Hashes.Length)
            {
                // Build the larger table aside and publish it whole: readers keep using the old one meanwhile.
                var larger = new Table(table.Hashes.Length * 2);
                foreach (var old in table.Entries)
                {
                    if (old is not null)
                    {
                        larger.Insert(old);
                    }
                }

                Volatile.Write(ref _table, larger);
                table = larger;
            }

            if (table.Insert(entry))
            {
                _count++;
            }
        }
    }

    private static ulong Mix(ulong h, ulong block)
    {
        h = (h ^ block) * Multiplier;
        return h ^ (h >> 29);
    }

    /// <summary>Slots as two parallel arrays. A slot is written entry first, hash second, each with release
    /// semantics, and read hash first: a reader that sees the hash sees the entry.</summary>
    private sealed class Table(int size)
    {
        public int[] Hashes { get; } = new int[size];

        public Entry?[] Entries { get; } = new Entry?[size];

        public bool Insert(Entry entry)
        {
            var mask = Hashes.Length - 1;
            var i = entry.Hash & mask;
            for (var probe = 0; probe < MaxProbes; probe++)
            {
                if (Hashes[i] == 0)
                {
                    Volatile.Write(ref Entries[i], entry);
                    Volatile.Write(ref Hashes[i], entry.Hash);
                    return true;
                }

                if (Hashes[i] == entry.Hash && Entries[i]!.Word == entry.Word)
                {
                    return false;
                }

                i = (i + 1) & mask;
            }

            return false;
        }
    }

    /// <summary>One analysed word: its automaton symbol (-1: in no rule) and the prefix atoms it matches.</summary>
    public sealed class Entry(string word, int hash, int symbol, int[] prefixAtoms)
    {
        public string Word { get; } = word;

        public int Hash { get; } = hash;

        public int Symbol { get; } = symbol;

        public int[] PrefixAtoms { get; } = prefixAtoms;
    }
}
