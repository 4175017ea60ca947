using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Geo.Fences;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo.Fences;

[Collection(GazetteerCollection.Name)]
public sealed class FenceTests(GazetteerFixture fixture)
{
    private static readonly GeoPoint AzazOffice = new(36.5866, 37.0463);

    [Fact]
    public void CircleFence_PointEightKmAway_IsInsideAndDescribedFromTheSite()
    {
        var fence = new CircleFence("azaz", "Azaz", AzazOffice, 25, "Azaz office");
        var point = new GeoPoint(36.5866 + 8 / 111.195, 37.0463); // 8 km due north

        var index = new FenceIndex([fence]);
        var hit = Assert.Single(index.FencesContaining(point));

        Assert.Equal(8.0, hit.DistanceKm, 1);
        Assert.Equal("8 km from Azaz office", hit.Describe());
    }

    [Fact]
    public void CircleFence_PointBeyondRadius_IsOutside()
    {
        var fence = new CircleFence("azaz", "Azaz", AzazOffice, 5);

        Assert.False(fence.TryContains(new GeoPoint(36.5866 + 8 / 111.195, 37.0463), out _, out _));
    }

    [Theory]
    [InlineData("5 km off the road", 5, true)]
    [InlineData("9.5 km off the road", 9.5, true)]
    [InlineData("20 km off the road", 20, false)]
    public void CorridorFence_DistanceFromLine_DecidesContainment(string label, double kmNorth, bool inside)
    {
        Assert.True(label.Length > 0);
        // An east–west road along latitude 36.2 from 36.5°E to 37.5°E, 10 km either side.
        var corridor = new CorridorFence("m4", "M4 corridor", [[new GeoPoint(36.2, 36.5), new GeoPoint(36.2, 37.5)]], 10);
        var point = new GeoPoint(36.2 + kmNorth / 111.195, 37.0);

        Assert.Equal(inside, corridor.TryContains(point, out var km, out var measure));
        Assert.Equal(kmNorth, corridor.DistanceToLinesKm(point), 1);
        if (inside)
        {
            Assert.Equal(FenceDistance.FromLine, measure);
            Assert.Equal(kmNorth, km, 1);
        }
    }

    [Fact]
    public void CountryFence_Syria_ContainsAleppoAndReportsDepthInsideTheBorder()
    {
        var syria = CountryFence.FromGazetteer(fixture.Gazetteer, "sy", "Syria", "SYR");

        Assert.NotNull(syria);
        Assert.Equal("SY", syria.CountryCode);
        Assert.True(syria.TryContains(new GeoPoint(36.20, 37.16), out var km, out var measure)); // Aleppo
        Assert.Equal(FenceDistance.InsideEdge, measure);
        Assert.InRange(km, 20, 80); // Aleppo lies some 45 km from the Turkish border
        Assert.False(syria.TryContains(new GeoPoint(37.06, 37.38), out _, out _)); // Gaziantep
    }

    [Fact]
    public void Match_ItemWithGeoRssPoint_UsesThePointAndIgnoresTheText()
    {
        var index = new FenceIndex([new CircleFence("azaz", "Azaz", AzazOffice, 25)]);
        var elsewhere = fixture.Parser.FindPlaces("Shelling reported in Damascus.");

        Assert.Single(index.Match(new GeoPoint(36.59, 37.05), elsewhere));
        Assert.Empty(index.Match(new GeoPoint(33.51, 36.29), fixture.Parser.FindPlaces("Shelling near Azaz.")));
    }

    [Fact]
    public void Match_SeveralPlacesInOneFence_ReportsTheFenceOnceForTheNearestPlace()
    {
        var index = new FenceIndex([
            new CircleFence("north", "North Aleppo", AzazOffice, 60, "Azaz office"),
            new CircleFence("idlib", "Idlib", new GeoPoint(35.93, 36.63), 30, "Idlib clinic"),
        ]);
        var mentions = fixture.Parser.FindPlaces("Strikes hit Azaz, Afrin and Idlib.");

        var hits = index.Match(null, mentions);

        Assert.Equal(2, hits.Count);
        Assert.Equal("Azaz", hits.Single(h => h.Fence.Id == "north").PlaceName);
        Assert.Single(hits, h => h.Fence.Id == "idlib");
    }

    [Fact]
    public void Match_CountryNamedOnly_MatchesTheCountryFenceButNotATownFenceAtItsCentre()
    {
        var syria = CountryFence.FromGazetteer(fixture.Gazetteer, "sy", "Syria", "SY")!;
        var centre = fixture.Gazetteer.PointOf(fixture.Gazetteer.CountryPlace("SY"));
        var index = new FenceIndex([syria, new CircleFence("mid", "Central office", centre, 50)]);

        var hits = index.Match(null, fixture.Parser.FindPlaces("Syria reported new attacks on clinics."));

        var hit = Assert.Single(hits);
        Assert.Same(syria, hit.Fence);
    }

    [Fact]
    public void Match_EveryCountryNamed_MatchesItsOwnCountryFenceOnly()
    {
        // Nine gazetteer country points (Israel's, Vietnam's, the Philippines'...) lie outside the 1:50m outline; a
        // country named must match its fence all the same, and no other country's.
        var gazetteer = fixture.Gazetteer;
        var countries = new GazetteerCountries(gazetteer).List();
        var index = new FenceIndex(countries.Select(c => CountryFence.FromGazetteer(gazetteer, c.Code, c.Name, c.Code)!));
        var missed = new List<string>();
        foreach (var country in countries)
        {
            var place = gazetteer.ToPlace(gazetteer.CountryPlace(country.Code));
            var hits = index.Match(null, [new PlaceMention(place, country.Name, 0, country.Name.Length, 0.9)]);
            if (hits.Count != 1 || ((CountryFence)hits[0].Fence).CountryCode != country.Code)
            {
                missed.Add(country.Code);
            }
        }

        Assert.Empty(missed);
    }

    [Fact]
    public void FenceIndex_RandomFencesAndPoints_AgreesWithBruteForce()
    {
        var random = new Random(20261124);
        var fences = new List<Fence>();
        for (var i = 0; i < 400; i++)
        {
            var centre = new GeoPoint(30 + random.NextDouble() * 10, 34 + random.NextDouble() * 10);
            fences.Add((i % 3) switch
            {
                0 => new CircleFence("c" + i, "circle", centre, 1 + random.NextDouble() * 80),
                1 => new CorridorFence("r" + i, "road", [[centre, new GeoPoint(centre.Lat + random.NextDouble() - 0.5, centre.Lon + random.NextDouble() - 0.5)]], 1 + random.NextDouble() * 20),
                _ => new AreaFence("p" + i, "square", Square(centre, random.NextDouble())),
            });
        }

        var index = new FenceIndex(fences);
        var inside = 0;
        for (var k = 0; k < 3000; k++)
        {
            var point = new GeoPoint(29 + random.NextDouble() * 12, 33 + random.NextDouble() * 12);
            var expected = index.CountContainingBruteForce(point);
            Assert.Equal(expected, index.CountContaining(point));
            Assert.Equal(expected, index.FencesContaining(point).Count);
            inside += expected;
        }

        Assert.True(inside > 1000, "the random points must actually hit fences for the test to mean anything");
    }

    [Theory]
    [InlineData("coarse cells", 0.25)]
    [InlineData("default cells", FenceIndex.DefaultCellDegrees)]
    [InlineData("fine cells", 0.01)]
    public void FenceIndex_PointsOnCellEdgesAndFenceEdges_AgreesWithBruteForce(string label, double cellDegrees)
    {
        Assert.True(label.Length > 0);
        var factory = new NetTopologySuite.Geometries.GeometryFactory();
        var shell = factory.CreateLinearRing([new(35, 33), new(36, 33), new(36, 34), new(35, 34), new(35, 33)]);
        var hole = factory.CreateLinearRing([new(35.25, 33.25), new(35.75, 33.25), new(35.75, 33.75), new(35.25, 33.75), new(35.25, 33.25)]);
        var triangle = factory.CreatePolygon([new(36.5, 33.1), new(37.3, 33.2), new(36.9, 33.95), new(36.5, 33.1)]);
        var fences = new List<Fence>
        {
            new AreaFence("holed", "square with a hole", factory.CreatePolygon(shell, [hole])),
            new AreaFence("multi", "two parts", factory.CreateMultiPolygon([triangle, (NetTopologySuite.Geometries.Polygon)Square(new GeoPoint(33.5, 38), 0.3)])),
            new CircleFence("c", "circle", new GeoPoint(33.5, 36), 30),
            new CorridorFence("r", "road", [[new GeoPoint(33, 35), new GeoPoint(34, 36.2), new GeoPoint(33.2, 37.5)]], 6),
            CountryFence.FromGazetteer(fixture.Gazetteer, "sy", "Syria", "SY")!,
        };
        var index = new FenceIndex(fences, cellDegrees);

        // Every point of a 0.05° lattice (cell corners and fence vertices among them) and points 1e-9° off the edges.
        var points = new List<GeoPoint>();
        for (var lat = 32.8; lat <= 34.2; lat += 0.05)
        {
            for (var lon = 34.8; lon <= 38.4; lon += 0.05)
            {
                points.Add(new GeoPoint(Math.Round(lat, 2), Math.Round(lon, 2)));
            }
        }

        foreach (var edge in new[] { 33.0, 33.25, 34.0, 35.0, 35.25, 36.0 })
        {
            for (var t = 32.9; t <= 36.2; t += 0.013)
            {
                points.Add(new GeoPoint(edge + 1e-9, t));
                points.Add(new GeoPoint(edge - 1e-9, t));
                points.Add(new GeoPoint(Math.Min(t, 34.1), edge + 1e-9));
                points.Add(new GeoPoint(Math.Min(t, 34.1), edge - 1e-9));
            }
        }

        var inside = 0;
        foreach (var point in points)
        {
            var expected = index.CountContainingBruteForce(point);
            Assert.True(expected == index.CountContaining(point), point.ToString());
            Assert.Equal(expected, index.FencesContaining(point).Count);
            inside += expected;
        }

        Assert.True(inside > points.Count / 4, "many points must fall in some fence for the test to mean anything");
    }

    private static NetTopologySuite.Geometries.Polygon Square(GeoPoint centre, double size)
    {
        var factory = new NetTopologySuite.Geometries.GeometryFactory();
        var (x, y, h) = (centre.Lon, centre.Lat, size / 2);
        return factory.CreatePolygon([new(x - h, y - h), new(x + h, y - h), new(x + h, y + h), new(x - h, y + h), new(x - h, y - h)]);
    }
}
