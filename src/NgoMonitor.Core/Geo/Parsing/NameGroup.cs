using static NgoMonitor.Core.Geo.Parsing.Coherence;

namespace NgoMonitor.Core.Geo.Parsing;

/// <summary>One name of a text with its readings and their scores while the resolver works on it.</summary>
internal sealed class NameGroup(int[] links, List<Mention> mentions)
{
    public int[] Links { get; } = links;

    public List<Mention> Mentions { get; } = mentions;

    public double[] Base { get; } = new double[links.Length];

    public double[] Scores { get; set; } = [];

    public int[] Top { get; set; } = [];

    public int[] Scored { get; set; } = [];

    /// <summary>Per reading: a town or county named like a country (resolution step 5); empty when the name
    /// names no country.</summary>
    public bool[] LocalOnly { get; set; } = [];

    public bool IsLocalOnly(int reading) => LocalOnly.Length > 0 && LocalOnly[reading];
}

/// <summary>Lists Resolve fills for every text, kept per thread so that a busy parser does not reallocate them.</summary>
internal sealed class ResolveScratch
{
    public Dictionary<int, List<(int Slot, Candidate Place)>> ByCountry { get; } = [];

    public List<Fit> Fits { get; } = new(1024);
}
