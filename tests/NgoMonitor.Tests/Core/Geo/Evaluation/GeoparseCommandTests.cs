using System.Text.Json;
using NgoMonitor.Core.Geo.Evaluation;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo.Evaluation;

[Collection(GazetteerCollection.Name)]
public sealed class GeoparseCommandTests(GazetteerFixture fixture)
{
    private string[] PrintedNames(string text)
    {
        var output = new StringWriter();
        GeoparseCommand.Run(new StringReader(JsonSerializer.Serialize(new { id = "a", text })), output, fixture.Parser);
        return JsonDocument.Parse(output.ToString()).RootElement.GetProperty("toponyms").EnumerateArray()
            .Select(t => t.GetProperty("name").GetString()!).ToArray();
    }

    [Fact]
    public void Run_DemonymBesideACountryName_PrintsOnlyTheCountry()
    {
        Assert.Equal(["Angola"], PrintedNames("Canadian doctors arrived in Angola on Monday."));
    }

    [Fact]
    public void Run_DemonymAlone_PrintsNoToponym()
    {
        Assert.Empty(PrintedNames("Turkish officials met the delegation."));
    }

    [Fact]
    public void FindPlaces_DemonymAlone_StillReachesTheMatcherAsADemonym()
    {
        var turkish = Assert.Single(fixture.Parser.FindPlaces("Turkish officials met the delegation."));

        Assert.True(turkish.IsDemonym);
        Assert.Equal("TR", turkish.Place.CountryCode);
    }
}
