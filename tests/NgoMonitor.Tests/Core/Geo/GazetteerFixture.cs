using NgoMonitor.Core.Geo;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo;

/// <summary>The real gazetteer index (data/gazetteer, copied beside the test assembly by the build), loaded once for all geo tests.</summary>
public sealed class GazetteerFixture
{
    public GazetteerFixture()
    {
        Gazetteer = Gazetteer.Load(Gazetteer.DefaultPath);
        Parser = new Geoparser(Gazetteer);
    }

    public Gazetteer Gazetteer { get; }

    public Geoparser Parser { get; }
}

[CollectionDefinition(Name)]
public sealed class GazetteerCollection : ICollectionFixture<GazetteerFixture>
{
    public const string Name = "Gazetteer";
}
