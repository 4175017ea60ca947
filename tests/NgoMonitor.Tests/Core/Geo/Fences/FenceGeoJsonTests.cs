using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Geo.Fences;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo.Fences;

[Collection(GazetteerCollection.Name)]
public sealed class FenceGeoJsonTests(GazetteerFixture fixture)
{
    private static string Feature(string geometry, string properties = "{\"name\":\"Azaz\"}") =>
        $"{{\"type\":\"FeatureCollection\",\"features\":[{{\"type\":\"Feature\",\"geometry\":{geometry},\"properties\":{properties}}}]}}";

    [Fact]
    public void Read_UnclosedRing_NamesTheRingAndBothEnds()
    {
        var json = Feature("{\"type\":\"Polygon\",\"coordinates\":[[[37.0,36.5],[37.1,36.5],[37.1,36.6],[37.0,36.6]]]}");

        var error = Assert.Throws<FenceFormatException>(() => FenceGeoJson.Read(json));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(FenceProblemKind.UnclosedRing, problem.Kind);
        Assert.Contains("outer ring", problem.Message, StringComparison.Ordinal);
        Assert.Contains("[37, 36.6]", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Azaz", problem.Feature, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("point written lat, lon", "{\"type\":\"Point\",\"coordinates\":[36.58,137.04]}", FenceProblemKind.LikelySwappedLatLon)]
    [InlineData("latitude out of range", "{\"type\":\"Point\",\"coordinates\":[137.04,136.58]}", FenceProblemKind.LatitudeOutOfRange)]
    [InlineData("longitude out of range", "{\"type\":\"Point\",\"coordinates\":[237.04,36.58]}", FenceProblemKind.LongitudeOutOfRange)]
    public void Read_BadPosition_NamesTheProblem(string label, string geometry, FenceProblemKind expected)
    {
        Assert.True(label.Length > 0);
        var error = Assert.Throws<FenceFormatException>(() => FenceGeoJson.Read(Feature(geometry, "{\"name\":\"Azaz\",\"radiusKm\":10}")));

        Assert.Equal(expected, Assert.Single(error.Problems).Kind);
    }

    [Fact]
    public void Read_SwappedPolygon_SaysGeoJsonIsLonLat()
    {
        var json = Feature("{\"type\":\"Polygon\",\"coordinates\":[[[36.5,137.0],[36.5,137.1],[36.6,137.1],[36.5,137.0]]]}");

        var error = Assert.Throws<FenceFormatException>(() => FenceGeoJson.Read(json));

        Assert.All(error.Problems, p => Assert.Equal(FenceProblemKind.LikelySwappedLatLon, p.Kind));
        Assert.Contains("[longitude, latitude]", error.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BowTiePolygon_ReportsSelfIntersection()
    {
        var json = Feature("{\"type\":\"Polygon\",\"coordinates\":[[[37.0,36.5],[37.1,36.6],[37.1,36.5],[37.0,36.6],[37.0,36.5]]]}");

        var error = Assert.Throws<FenceFormatException>(() => FenceGeoJson.Read(json));

        Assert.Equal(FenceProblemKind.SelfIntersection, Assert.Single(error.Problems).Kind);
    }

    [Theory]
    [InlineData("circle without radius", "{\"type\":\"Point\",\"coordinates\":[37.04,36.58]}", "{}", FenceProblemKind.MissingRadius)]
    [InlineData("corridor without width", "{\"type\":\"LineString\",\"coordinates\":[[37.0,36.5],[37.5,36.5]]}", "{}", FenceProblemKind.MissingRadius)]
    [InlineData("unknown country", "null", "{\"country\":\"XX\"}", FenceProblemKind.UnknownCountry)]
    [InlineData("unsupported geometry", "{\"type\":\"MultiPoint\",\"coordinates\":[[37.0,36.5]]}", "{}", FenceProblemKind.UnsupportedGeometry)]
    public void Read_IncompleteFence_NamesWhatIsMissing(string label, string geometry, string properties, FenceProblemKind expected)
    {
        Assert.True(label.Length > 0);
        var error = Assert.Throws<FenceFormatException>(() => FenceGeoJson.Read(Feature(geometry, properties), fixture.Gazetteer));

        Assert.Equal(expected, Assert.Single(error.Problems).Kind);
    }

    [Fact]
    public void Read_TwoBadFeatures_ReportsBothProblems()
    {
        const string json = "{\"type\":\"FeatureCollection\",\"features\":[" +
            "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[37.04,36.58]},\"properties\":{\"name\":\"a\"}}," +
            "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[37.04,136.58]},\"properties\":{\"name\":\"b\",\"radiusKm\":5}}]}";

        var error = Assert.Throws<FenceFormatException>(() => FenceGeoJson.Read(json));

        Assert.Equal(2, error.Problems.Count);
    }

    [Fact]
    public void WriteThenRead_EveryFenceKind_RoundTrips()
    {
        var fences = new Fence[]
        {
            new CircleFence("c", "Azaz", new GeoPoint(36.5866, 37.0463), 25, "Azaz office"),
            new AreaFence("p", "Camp", FenceGeoJson.Read(Feature("{\"type\":\"Polygon\",\"coordinates\":[[[37.0,36.5],[37.1,36.5],[37.1,36.6],[37.0,36.5]]]}"))[0].Geometry,
                new FenceSite("Camp clinic", new GeoPoint(36.52, 37.07))),
            CountryFence.FromGazetteer(fixture.Gazetteer, "sy", "Syria", "SY")!,
            new CorridorFence("r", "M4", [[new GeoPoint(36.2, 36.5), new GeoPoint(36.2, 37.5)]], 10),
        };

        var read = FenceGeoJson.Read(FenceGeoJson.Write(fences), fixture.Gazetteer);

        Assert.Equal(fences.Select(f => (f.Id, f.Name, f.Kind)), read.Select(f => (f.Id, f.Name, f.Kind)));
        Assert.Equal(25, ((CircleFence)read[0]).RadiusKm);
        Assert.Equal("Camp clinic", read[1].Site?.Name);
        Assert.Equal("SY", ((CountryFence)read[2]).CountryCode);
        Assert.Equal(10, ((CorridorFence)read[3]).HalfWidthKm);
        var probe = new GeoPoint(36.55, 37.05);
        Assert.Equal(fences.Select(f => f.TryContains(probe, out _, out _)), read.Select(f => f.TryContains(probe, out _, out _)));
    }

    [Fact]
    public void Write_ClockwisePolygon_WritesAnRfc7946FeatureWithItsIdAndSixDecimals()
    {
        // Exterior ring drawn clockwise, with more decimals than a fence needs.
        var area = FenceGeoJson.Read(Feature("{\"type\":\"Polygon\",\"coordinates\":[[[37.0,36.5],[37.0,36.6],[37.123456789,36.6],[37.0,36.5]]]}"))[0].Geometry;

        var feature = System.Text.Json.Nodes.JsonNode.Parse(FenceGeoJson.Write([new AreaFence("camp", "Camp", area, null)]))!["features"]![0]!;

        Assert.Equal("camp", (string?)feature["id"]);
        Assert.Equal(("camp", "Camp", "polygon"), ((string?)feature["properties"]!["id"], (string?)feature["properties"]!["name"], (string?)feature["properties"]!["kind"]));
        var ring = feature["geometry"]!["coordinates"]![0]!.AsArray().Select(p => (Lon: (double)p![0]!, Lat: (double)p[1]!)).ToList();
        Assert.Contains((37.123457, 36.6), ring);
        var signedArea = ring.Zip(ring.Skip(1), (a, b) => (a.Lon * b.Lat) - (b.Lon * a.Lat)).Sum();
        Assert.True(signedArea > 0, "RFC 7946 §3.1.6: the exterior ring is counter-clockwise");
    }

    [Theory]
    [InlineData("one line is a LineString", 1, "LineString")]
    [InlineData("two lines are a MultiLineString", 2, "MultiLineString")]
    public void ToGeoJson_CorridorLines_ReadBackAsTheSameCorridor(string label, int lines, string type)
    {
        IReadOnlyList<IReadOnlyList<GeoPoint>> drawn = [.. Enumerable.Range(0, lines).Select(k => (IReadOnlyList<GeoPoint>)[new GeoPoint(36.2 + k, 36.5), new GeoPoint(36.2 + k, 37.5)])];

        var geometry = FenceGeoJson.ToGeoJson(drawn);
        var read = (CorridorFence)FenceGeoJson.Read(Feature(geometry.ToJsonString(), "{\"name\":\"M4\",\"corridorKm\":10}")).Single();

        Assert.True(type == (string?)geometry["type"], label);
        Assert.Equal(drawn.SelectMany(l => l), read.Lines.SelectMany(l => l));
    }

    [Fact]
    public void WriteConfigured_RegionFence_IsWrittenByItsNameWithoutGeometry()
    {
        var json = FenceGeoJson.Write([("w:0", Geofence.Region("Sahel desk", "Sahel"))]);

        var properties = System.Text.Json.Nodes.JsonNode.Parse(json)!["features"]![0]!["properties"]!;
        Assert.Equal("region", (string?)properties["kind"]);
        Assert.Equal("Sahel", (string?)properties["region"]);
        Assert.Null(properties["country"]);
    }
}

/// <summary>Hostile GeoJSON: every malformed shape is a reported problem naming its feature index, never an exception or a silent skip.</summary>
public sealed class FenceGeoJsonHostileTests
{
    [Theory]
    [InlineData("empty polygon", """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[]}}]}""")]
    [InlineData("empty multipolygon", """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[]}}]}""")]
    [InlineData("null ring", """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[null]}}]}""")]
    [InlineData("null feature", """{"type":"FeatureCollection","features":[null]}""")]
    [InlineData("name is a number", """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":"x"},"properties":{"name":5}}]}""")]
    [InlineData("properties is an array", """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":[]}]}""")]
    [InlineData("string positions", """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[["1","2"],[3,4]]},"properties":{"corridorKm":5}}]}""")]
    [InlineData("circle with a site off the globe", """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[37.1,36.6]},"properties":{"radiusKm":5,"site":{"name":"s","lat":100,"lon":0}}}]}""")]
    [InlineData("unknown geometry member", """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"crs":{"type":"name"}},"properties":{}}]}""")]
    public void Read_MalformedFeature_ReportsAProblemWithTheFeatureIndex(string label, string json)
    {
        var error = Assert.Throws<FenceFormatException>(() => FenceGeoJson.Read(json));

        Assert.True(error.Problems.Count > 0 && error.Problems.All(p => p.FeatureIndex == 0), $"{label}: {error.Message}");
    }
}
