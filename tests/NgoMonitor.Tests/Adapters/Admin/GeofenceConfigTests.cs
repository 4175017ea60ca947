using System.Globalization;
using System.Text;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Geo.Fences;
using NgoMonitor.Core.Matching;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Admin;

/// <summary>Geofences of every kind in the configuration file: what loads, and the errors that name the field.</summary>
public sealed class GeofenceConfigTests
{
    private const string Square = "[[[37.0,36.5],[37.2,36.5],[37.2,36.7],[37.0,36.7],[37.0,36.5]]]";

    private static string Watchlists(string fences) =>
        """{"recipients":[{"id":"r","email":"a@b.org"}],"watchlists":[{"id":"ok","rules":[{"any":["x"]}]},{"id":"w","rules":[{"any":["x"]}],"geofences":[""" + fences + """],"recipients":["r"]}]}""";

    [Fact]
    public void Parse_EveryKind_LoadsAsTheCoreGeofence()
    {
        var loaded = ConfigFile.Parse(Watchlists(
            """{"name":"Office","lat":36.5866,"lon":37.0463,"radiusKm":40},""" +
            """{"kind":"polygon","name":"Azaz area","geometry":{"type":"Polygon","coordinates":""" + Square + """},"site":{"name":"Azaz office","lat":36.5866,"lon":37.0463}},""" +
            """{"kind":"country","name":"Syria","country":"sy"},""" +
            """{"kind":"region","name":"Sahel desk","region":"Sahel"},""" +
            """{"kind":"corridor","name":"M5","geometry":{"type":"LineString","coordinates":[[37.05,36.59],[37.13,36.2]]},"bufferKm":5}"""));

        Assert.Empty(loaded.Errors);
        var fences = loaded.Config.Watchlists.Single(w => w.Id == "w").Geofences;
        Assert.Equal([FenceKind.Circle, FenceKind.Polygon, FenceKind.Country, FenceKind.Region, FenceKind.Corridor], fences.Select(f => f.Kind));
        Assert.Equal(40, fences[0].RadiusKm);
        Assert.Equal("Azaz office", fences[1].Site!.Name);
        Assert.Equal("SY", fences[2].CountryCode);
        Assert.Equal("Sahel", fences[3].RegionName);
        Assert.Equal(5, fences[4].BufferKm);
    }

    [Fact]
    public void ToDocument_EveryKind_ReadsBackToTheSameFences()
    {
        var loaded = ConfigFile.Parse(Watchlists(
            """{"name":"Office","lat":36.5866,"lon":37.0463,"radiusKm":40},""" +
            """{"kind":"polygon","name":"Two","geometry":{"type":"MultiPolygon","coordinates":[""" + Square + "," + Square.Replace("37.", "38.", StringComparison.Ordinal) + """]}},""" +
            """{"kind":"country","name":"Syria","country":"SY","site":{"name":"Damascus office","lat":33.51,"lon":36.29}},""" +
            """{"kind":"region","name":"Horn","region":"Horn of Africa","site":{"name":"Nairobi office","lat":-1.29,"lon":36.82}},""" +
            """{"kind":"corridor","name":"M5","geometry":{"type":"LineString","coordinates":[[37.05,36.59],[37.13,36.2]]},"bufferKm":5}"""));

        var again = ConfigMapper.ToConfig(ConfigMapper.ToDocument(loaded.Config));

        Assert.Empty(again.Errors);
        Assert.Equal(WatchlistMatcher.Fingerprint(loaded.Config.Watchlists), WatchlistMatcher.Fingerprint(again.Config.Watchlists));
    }

    [Fact]
    public void ToDocument_Circle_KeepsTheOriginalShapeWithoutKind()
    {
        var document = ConfigMapper.ToDocument(ConfigFile.Parse(Watchlists("""{"name":"Office","lat":36.5,"lon":37,"radiusKm":40}""")).Config);

        var circle = document.Watchlists.Single(w => w.Id == "w").Geofences.Single();
        Assert.Null(circle.Kind);
        Assert.Null(circle.Geometry);
        Assert.Equal(40, circle.RadiusKm);
    }

    [Theory]
    [InlineData("unclosed ring", """{"kind":"polygon","geometry":{"type":"Polygon","coordinates":[[[37,36.5],[37.2,36.5],[37.2,36.7],[37,36.7]]]}}""", "watchlists[1]: geofences[0].geometry: polygon, outer ring is not closed")]
    [InlineData("likely swapped lat/lon", """{"kind":"polygon","geometry":{"type":"Polygon","coordinates":[[[36.5,37],[36.5,137.2],[36.7,137.2],[36.5,37]]]}}""", "geofences[0].geometry: polygon, outer ring, position 2 [36.5, 137.2] has latitude 137.2; it looks like [latitude, longitude]")]
    [InlineData("latitude out of range", """{"kind":"polygon","geometry":{"type":"Polygon","coordinates":[[[37,36.5],[137.2,-95],[37.2,36.7],[37,36.5]]]}}""", "has latitude -95, outside -90..90")]
    [InlineData("self-intersection", """{"kind":"polygon","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}}""", "geofences[0].geometry: polygon: Self-intersection near [0.5, 0.5]: the outline crosses itself")]
    [InlineData("region without its name", """{"kind":"region","name":"x"}""", "geofences[0].region: a region fence needs region, a continent or macro-region name")]
    [InlineData("polygon without geometry", """{"kind":"polygon","name":"x"}""", "geofences[0].geometry: a polygon fence needs a GeoJSON geometry of type Polygon or MultiPolygon")]
    [InlineData("line given as polygon", """{"kind":"polygon","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}""", "geofences[0].geometry: a polygon fence needs")]
    [InlineData("circle field on a polygon", """{"kind":"polygon","radiusKm":5,"geometry":{"type":"Polygon","coordinates":""" + Square + """}}""", "geofences[0].radiusKm: is not used by a polygon fence")]
    [InlineData("country name instead of code", """{"kind":"country","country":"Syria"}""", "geofences[0].country: 'Syria' is not an ISO 3166-1 alpha-2 or alpha-3 code")]
    [InlineData("corridor without buffer", """{"kind":"corridor","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}""", "geofences[0].bufferKm: a corridor needs bufferKm")]
    [InlineData("corridor of one point", """{"kind":"corridor","bufferKm":5,"geometry":{"type":"LineString","coordinates":[[0,0]]}}""", "geofences[0].geometry: linestring: line has 1 positions")]
    [InlineData("unknown kind", """{"kind":"hexagon"}""", "geofences[0].kind: 'hexagon' is not one of circle, polygon, country, region, corridor")]
    [InlineData("circle without radius", """{"name":"o","lat":36,"lon":37}""", "geofences[0]: 'o': a circle needs lat, lon and radiusKm")]
    [InlineData("site out of range", """{"kind":"country","country":"SY","site":{"name":"HQ","lat":100,"lon":37}}""", "geofences[0].site: 'HQ': latitude must be within")]
    public void Parse_InvalidFence_LeavesTheWatchlistOutWithAnErrorNamingTheField(string label, string fence, string error)
    {
        var loaded = ConfigFile.Parse(Watchlists(fence));

        Assert.True(loaded.Errors.Count == 1 && loaded.Errors[0].Contains(error, StringComparison.Ordinal), $"{label}: {string.Join(" / ", loaded.Errors)}");
        Assert.Equal(["ok"], loaded.Config.Watchlists.Select(w => w.Id));
    }

    [Fact]
    public void Parse_PolygonOverThePositionLimit_SaysToSimplifyOrUseACountry()
    {
        var ring = new StringBuilder("[");
        for (var i = 0; i < GeofenceMapper.MaxPositions + 1; i++)
        {
            var angle = 2 * Math.PI * i / (GeofenceMapper.MaxPositions + 1);
            ring.Append(CultureInfo.InvariantCulture, $"[{37 + Math.Cos(angle):0.######},{36 + Math.Sin(angle):0.######}],");
        }

        ring.Append("[38,36]]");
        var loaded = ConfigFile.Parse(Watchlists("""{"kind":"polygon","geometry":{"type":"Polygon","coordinates":[""" + ring + "]}}"));

        var error = Assert.Single(loaded.Errors);
        Assert.Contains("geofences[0].geometry: has 10,002 positions; at most 10,000", error, StringComparison.Ordinal);
        Assert.Contains("country fence", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ToConfig_WithCountryOutlines_RefusesACodeWithoutAnOutline()
    {
        var document = new ConfigDocument
        {
            Watchlists = [new WatchlistEntry { Id = "w", Rules = [new RuleEntry { Any = ["x"] }], Geofences = [new GeofenceEntry { Kind = "country", Country = "XA" }] }],
        };

        var loaded = ConfigMapper.ToConfig(document, new NoCountries());

        Assert.Contains("geofences[0].country: 'XA' is not a country with a Natural Earth outline", Assert.Single(loaded.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigFile_ReadWithCountryOutlines_AsTheSeederReadsIt_RefusesACodeWithoutAnOutline()
    {
        var loaded = ConfigFile.Parse(Watchlists("""{"kind":"country","country":"XA"}"""), countries: new NoCountries());

        Assert.Contains("geofences[0].country: 'XA' is not a country with a Natural Earth outline", Assert.Single(loaded.Errors), StringComparison.Ordinal);
    }

    private sealed class NoCountries : ICountryOutlines
    {
        public CountryOutline? Find(string code) => null;

        public IReadOnlyList<CountryName> List() => [];
    }
}
