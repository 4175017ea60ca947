using NgoMonitor.Core.Geo;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo;

/// <summary>Bearings and 8-point compass directions from an office to a place.</summary>
public sealed class GeoPointBearingTests
{
    private static readonly GeoPoint Azaz = new(36.5866, 37.0463);

    [Theory]
    [InlineData("north", 0.2, 0.0, CompassPoint.N)]
    [InlineData("north-east", 0.2, 0.25, CompassPoint.NE)]
    [InlineData("east", 0.0, 0.2, CompassPoint.E)]
    [InlineData("south-east", -0.2, 0.25, CompassPoint.SE)]
    [InlineData("south", -0.2, 0.0, CompassPoint.S)]
    [InlineData("south-west", -0.2, -0.25, CompassPoint.SW)]
    [InlineData("west", 0.0, -0.2, CompassPoint.W)]
    [InlineData("north-west", 0.2, -0.25, CompassPoint.NW)]
    public void CompassTo_PlaceOffsetFromTheOffice_NamesItsDirection(string label, double dLat, double dLon, CompassPoint expected)
    {
        var place = new GeoPoint(Azaz.Lat + dLat, Azaz.Lon + dLon);

        Assert.True(expected == Azaz.CompassTo(place), $"{label}: {Azaz.CompassTo(place)} at {Azaz.BearingDegreesTo(place):0.0}°");
    }

    [Theory]
    [InlineData("due north", 0.1, 0.0, 0.0)]
    [InlineData("due east along the equator", 0.0, 0.1, 90.0)]
    [InlineData("due south", -0.1, 0.0, 180.0)]
    [InlineData("due west along the equator", 0.0, -0.1, 270.0)]
    public void BearingDegreesTo_CardinalDirectionsFromTheOrigin_AreExact(string label, double toLat, double toLon, double expected)
    {
        var bearing = new GeoPoint(0, 0).BearingDegreesTo(new GeoPoint(toLat, toLon));

        Assert.True(Math.Abs(expected - bearing) < 1e-9, $"{label}: {bearing}");
    }

    [Theory]
    [InlineData("just short of the NE sector", 22.4, CompassPoint.N)]
    [InlineData("start of the NE sector", 22.5, CompassPoint.NE)]
    [InlineData("end of the NW sector", 337.4, CompassPoint.NW)]
    [InlineData("back to north", 337.5, CompassPoint.N)]
    [InlineData("a full turn is north", 360, CompassPoint.N)]
    [InlineData("negative bearings wrap", -90, CompassPoint.W)]
    public void FromBearing_SectorsOf45Degrees_AreCentredOnTheirPoint(string label, double degrees, CompassPoint expected) =>
        Assert.True(expected == Compass.FromBearing(degrees), label);

    [Fact]
    public void BearingDegreesTo_SamePoint_IsZero() => Assert.Equal(0, Azaz.BearingDegreesTo(Azaz));

    [Fact]
    public void CompassTo_SakeFromGoma_IsWestNorthWestSoNW()
    {
        var goma = new GeoPoint(-1.6741, 29.2285);
        var sake = new GeoPoint(-1.5739, 29.0434);

        Assert.Equal(CompassPoint.NW, goma.CompassTo(sake));
        Assert.InRange(goma.BearingDegreesTo(sake), 292.5, 300);
    }
}
