namespace NgoMonitor.Core.Hashing;

/// <summary>
/// FNV-1a, 32 bit: a hash that is the same in every process and on every machine (unlike string.GetHashCode), for
/// splits and buckets that must not move between runs. Callers keep the input they have always hashed (UTF-8 bytes
/// or UTF-16 code units), as a split or a partition key changes if the encoding does for non-ASCII ids.
/// </summary>
public static class Fnv1a
{
    private const uint OffsetBasis = 2166136261u;
    private const uint Prime = 16777619u;

    /// <summary>The hash of <paramref name="bytes"/>.</summary>
    public static uint Hash32(ReadOnlySpan<byte> bytes)
    {
        var hash = OffsetBasis;
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        return hash;
    }

    /// <summary>The hash of the UTF-16 code units of <paramref name="text"/>, one unit per step.</summary>
    public static uint Hash32(ReadOnlySpan<char> text)
    {
        var hash = OffsetBasis;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * Prime);
        }

        return hash;
    }
}
