using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace NgoMonitor.Core.Matching.Rules;

/// <summary>
/// Hints to the processor about memory the matcher is about to read. Matching an item at 10,000 rules reads a few
/// hundred places scattered over megabytes (word-cache slots, trigger rows); read one at a time, each waits for
/// memory in turn. Requested a little ahead, the waits overlap. A hint never changes a result; where the prefetch
/// instruction is not available (not x86) it does nothing.
/// </summary>
internal static class CacheHint
{
    /// <summary>Starts loading the cache line of <paramref name="array"/>[<paramref name="index"/>] into every cache
    /// level, without waiting for it.</summary>
    public static unsafe void Prefetch<T>(T[] array, int index)
    {
        if (Sse.IsSupported && (uint)index < (uint)array.Length)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref array[index]));
        }
    }
}
