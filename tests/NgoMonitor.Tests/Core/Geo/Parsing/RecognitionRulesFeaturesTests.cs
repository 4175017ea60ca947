using NgoMonitor.Core.Geo;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo.Parsing;

/// <summary>A place's name inside a longer name: an area called after it, a street or a numbered road, a legislator's
/// party and home, and a president's administration.</summary>
[Collection(GazetteerCollection.Name)]
public sealed class RecognitionRulesFeaturesTests(GazetteerFixture fixture)
{
    private readonly Geoparser _parser = fixture.Parser;

    private IReadOnlyList<string> Surfaces(string text) => _parser.FindPlaces(text).Select(m => m.Surface).ToList();

    [Theory]
    [InlineData("valley", "Floods cut the roads across the Swat Valley on Tuesday, officials said.", "Swat Valley")]
    [InlineData("township", "Residents of Hamilton Township will vote on the school levy in May.", "Hamilton Township")]
    public void FindPlaces_AreaWordAfterAPlace_ReadsTheWholeNameAsOneToponym(string label, string text, string name)
    {
        Assert.True(label.Length > 0);

        Assert.Contains(name, Surfaces(text));
    }

    [Fact]
    public void FindPlaces_RiverNamedAfterAPlace_IsNotReadAsThatPlace()
    {
        var surfaces = Surfaces("Volunteers will clean the banks of the Kanawha River on Saturday morning.");

        Assert.DoesNotContain("Kanawha River", surfaces);
        Assert.DoesNotContain("Kanawha", surfaces);
    }

    [Theory]
    [InlineData("road", "A woman was struck while walking near Red Bank Road on Sunday.", "Red Bank")]
    [InlineData("street after a compass word", "Both men gave addresses in the 700 block of East Washington Street.", "Washington")]
    [InlineData("freeway", "Her car was found beside the Antelope Valley Freeway at dawn.", "Antelope Valley")]
    [InlineData("route number", "Volunteers will pick up trash along KY 90 this weekend.", "KY")]
    [InlineData("hyphenated route number", "The county would gain most from the US-24 corridor project.", "US")]
    public void FindPlaces_PlaceNameInAStreetOrRoadName_IsNoToponym(string label, string text, string notPlace)
    {
        Assert.True(label.Length > 0);

        Assert.DoesNotContain(notPlace, Surfaces(text));
    }

    [Fact]
    public void FindPlaces_CountyRoad_StillNamesTheCounty()
    {
        Assert.Contains("Douglas County", Surfaces("Crews patched potholes on Douglas County Road 4 near Alexandria, Minnesota, after the thaw."));
    }

    [Theory]
    [InlineData("after a comma", "The bill passed the West Virginia House, said Delegate Jane Roe, D-Braxton, who sponsored it.", "Braxton")]
    [InlineData("in brackets", "State Rep. John Doe (R-Ocilla) chairs the caucus.", "Ocilla")]
    public void FindPlaces_LegislatorsPartyAndHome_ReadsTheHomeAsAPlace(string label, string text, string home)
    {
        Assert.True(label.Length > 0);

        Assert.Contains(home, Surfaces(text));
    }

    [Theory]
    [InlineData("administration", "The Bush administration ignored the warnings, critics said.", "Bush")]
    [InlineData("junior", "Trade talks stalled in the time of Bush Jr. and after.", "Bush")]
    public void FindPlaces_NameBeforeAdministrationOrJunior_IsAPerson(string label, string text, string person)
    {
        Assert.True(label.Length > 0);

        Assert.DoesNotContain(person, Surfaces(text));
    }
}
