using BenchmarkDotNet.Attributes;
using NgoMonitor.Core.Geo;

namespace NgoMonitor.Benchmarks.Geo;

/// <summary>Gazetteer start-up: reading data/gazetteer/gazetteer.bin.br (floor: within 1 s, resident memory within 300 MB).</summary>
[MemoryDiagnoser]
public class GazetteerLoadBenchmark
{
    [Benchmark]
    public int Load() => Gazetteer.Load(Gazetteer.DefaultPath).Count;
}
