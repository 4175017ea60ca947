using NetTopologySuite.Geometries;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Geo.Fences;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo.Fences;

public sealed class FenceOverlapTests
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);
    private static readonly GeoPoint Goma = new(-1.6792, 29.2228);
    private static readonly GeoPoint Azaz = new(36.5866, 37.0463);

    [Fact]
    public void Overlaps_CircleInsideAPolygon_IsTrue()
    {
        var kivu = new AreaFence("kivu", "North Kivu", Box(28.0, -2.5, 30.0, 0.5));

        Assert.True(FenceOverlap.Overlaps(new CircleFence("goma", "Goma", Goma, 20), kivu));
    }

    [Theory]
    [InlineData("radii 30 + 30 km over a 50 km gap meet", 30, true)]
    [InlineData("radii 20 + 20 km over a 50 km gap do not", 20, false)]
    public void Overlaps_TwoCircles_MeetWhenTheirRadiiSpanTheGap(string label, double radiusKm, bool overlaps)
    {
        var east = new GeoPoint(Goma.Lat, Goma.Lon + 50 / (111.195 * Math.Cos(Goma.Lat * Math.PI / 180)));

        Assert.True(overlaps == FenceOverlap.Overlaps(new CircleFence("a", "A", Goma, radiusKm), new CircleFence("b", "B", east, radiusKm)), label);
    }

    [Theory]
    [InlineData("a circle 15 km off the road reaches a 10 km corridor with its 10 km radius", 10, true)]
    [InlineData("a circle 15 km off the road misses a 10 km corridor with its 3 km radius", 3, false)]
    public void Overlaps_CorridorAndCircle_CountTheBufferAndTheRadius(string label, double radiusKm, bool overlaps)
    {
        var road = new CorridorFence("road", "Road", [[new GeoPoint(36.2, 36.5), new GeoPoint(36.2, 37.5)]], 10);
        var site = new GeoPoint(36.2 + 15 / 111.195, 37.0);

        Assert.True(overlaps == FenceOverlap.Overlaps(road, new CircleFence("c", "C", site, radiusKm)), label);
    }

    [Fact]
    public void Overlaps_PolygonsFarApart_IsFalse()
    {
        var kivu = new AreaFence("kivu", "North Kivu", Box(28.0, -2.5, 30.0, 0.5));
        var aleppo = new AreaFence("aleppo", "Aleppo", Box(36.5, 35.8, 38.0, 36.8));

        Assert.False(FenceOverlap.Overlaps(kivu, aleppo));
    }

    [Fact]
    public void Overlaps_PolygonsWhoseBoxesMeetButShapesDoNot_IsFalse()
    {
        // Two thin triangles whose bounding boxes touch along latitude -1.9 while the triangles stay 2 degrees apart.
        var lower = new AreaFence("lower", "Lower", Wgs84.CreatePolygon([new(28, -2), new(30, -2), new(30, -1.9), new(28, -2)]));
        var upper = new AreaFence("upper", "Upper", Wgs84.CreatePolygon([new(28, -1.9), new(28, 0), new(30, 0), new(28, -1.9)]));

        Assert.False(FenceOverlap.Overlaps(lower, upper));
    }

    [Fact]
    public void Overlaps_GomaCircleAndAzazCircle_IsFalse()
    {
        Assert.False(FenceOverlap.Overlaps(new CircleFence("goma", "Goma", Goma, 50), new CircleFence("azaz", "Azaz", Azaz, 40)));
    }

    private static Polygon Box(double west, double south, double east, double north) =>
        Wgs84.CreatePolygon([new(west, south), new(east, south), new(east, north), new(west, north), new(west, south)]);
}

/// <summary>Overlaps against the real Natural Earth country outlines of the gazetteer.</summary>
[Collection(GazetteerCollection.Name)]
public sealed class FenceOverlapCountryTests(GazetteerFixture geo)
{
    [Theory]
    [InlineData("Goma lies in the DR Congo", "CD", true)]
    [InlineData("Goma is on the Rwandan border, within 50 km", "RW", true)]
    [InlineData("Goma is far from Syria", "SY", false)]
    public void Overlaps_GomaCircleAndACountry_FollowsTheOutline(string label, string country, bool overlaps)
    {
        var goma = new CircleFence("goma", "Goma", new GeoPoint(-1.6792, 29.2228), 50);
        var outline = CountryFence.FromGazetteer(geo.Gazetteer, country, country, country)!;

        Assert.True(overlaps == FenceOverlap.Overlaps(goma, outline), label);
    }
}
