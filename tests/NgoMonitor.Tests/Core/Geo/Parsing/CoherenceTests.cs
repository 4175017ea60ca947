using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Geo.Parsing;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo.Parsing;

/// <summary>How two towns' readings support each other: same region, same country and closeness by distance.</summary>
public sealed class CoherenceTests
{
    [Theory]
    [InlineData("neighbours", 35.0, -97.0, 35.2, -97.3)]
    [InlineData("900 km apart north to south", 30.0, -97.0, 38.1, -97.0)]
    [InlineData("just within 1,000 km north to south", 30.0, -97.0, 38.99, -97.0)]
    [InlineData("just beyond 1,000 km north to south", 30.0, -97.0, 39.05, -97.0)]
    [InlineData("1,000 km along the equator", 0.0, 10.0, 0.0, 18.995)]
    [InlineData("just beyond 1,000 km along the equator", 0.0, 10.0, 0.0, 19.01)]
    [InlineData("east to west at 60° north", 60.0, 10.0, 60.0, 27.0)]
    [InlineData("east to west at 60° north, farther", 60.0, 10.0, 60.0, 30.0)]
    [InlineData("across the antimeridian", 65.0, 179.0, 64.0, -170.0)]
    [InlineData("near the pole", 85.0, 0.0, 86.0, 120.0)]
    [InlineData("across the United States", 29.7, -95.4, 40.7, -74.0)]
    public void Compatibility_TwoTownsAnyDistanceApart_IsTheClosenessOfTheirDistance(string label, double lat1, double lon1, double lat2, double lon2)
    {
        foreach (var sameAdmin1 in new[] { false, true })
        {
            foreach (var local in new[] { false, true })
            {
                var a = new Coherence.Candidate(1, PlaceKind.City, 7, lat1, lon1, local);
                var b = new Coherence.Candidate(2, PlaceKind.City, sameAdmin1 ? 7 : 8, lat2, lon2, LocalOnly: false);
                var d = Coherence.FastDistanceKm(lat1, lon1, lat2, lon2);
                var expected = local && d > Coherence.LocalEvidenceKm ? 0 : (local ? 0 : 0.5) + (sameAdmin1 ? 1.0 : 0) + 2.0 * Coherence.Closeness(d);

                Assert.True(expected == Coherence.Compatibility(a, b), $"{label} ({d:0} km, same region {sameAdmin1}, local {local}): {Coherence.Compatibility(a, b)} for {expected}");
                Assert.True(expected == Coherence.Compatibility(b with { LocalOnly = local }, a with { LocalOnly = false }), $"{label}, the other way round");
            }
        }
    }
}
