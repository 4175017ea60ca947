using NgoMonitor.Core.Geo;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo;

/// <summary>US local news as written: Washington the capital or the state by the text's evidence, surnames named
/// in full once, "A Rochester man", "Newton County, Ga.", and datelines run on after a headline.</summary>
[Collection(GazetteerCollection.Name)]
public sealed class GeoparserLocalNewsTests(GazetteerFixture fixture)
{
    private static readonly GeoPoint WashingtonDc = new(38.895, -77.036);

    private readonly Geoparser _parser = fixture.Parser;

    private PlaceMention? Find(string text, string surface) => _parser.FindPlaces(text).FirstOrDefault(m => m.Surface == surface);

    [Fact]
    public void FindPlaces_WashingtonInUsNewsWithoutStateEvidence_IsTheCapital()
    {
        var washington = Find("The senator flew to Washington on Monday to ask Congress for flood relief.", "Washington");

        Assert.NotNull(washington);
        Assert.Equal(PlaceKind.City, washington.Place.Kind);
        Assert.InRange(washington.Place.Point.DistanceKmTo(WashingtonDc), 0, 20);
    }

    [Theory]
    [InlineData("state word after it", "Apple growers in Washington state expect a smaller harvest this year.")]
    [InlineData("among other states", "Laws in Oregon and Washington allow doctors to help terminally ill patients.")]
    [InlineData("a town of the state named", "Snow closed roads around Spokane, and Washington officials urged drivers to stay home.")]
    public void FindPlaces_WashingtonWithStateEvidence_IsTheState(string label, string text)
    {
        Assert.True(label.Length > 0);
        var washington = Find(text, "Washington");

        Assert.NotNull(washington);
        Assert.Equal(PlaceKind.Admin1, washington.Place.Kind);
    }

    [Fact]
    public void ResolveSpans_WashingtonStateGivenAsASpan_ReadsTheStateWordAfterIt()
    {
        const string text = "A cow from a Washington state farm tested positive for the disease.";
        var start = text.IndexOf("Washington", StringComparison.Ordinal);

        var resolved = _parser.ResolveSpans(text, [(start, start + "Washington".Length)]);

        Assert.Equal(PlaceKind.Admin1, _parser.Gazetteer.Kind(resolved[0].PlaceId));
    }

    [Fact]
    public void FindPlaces_SurnameNamedInFullEarlier_IsNotAPlaceLater()
    {
        var places = _parser.FindPlaces("Kenneth Clark, 34, was charged on Monday. Officers said the car driven by Clark had no plates.");

        Assert.DoesNotContain(places, m => m.Surface == "Clark");
    }

    [Fact]
    public void FindPlaces_SurnameAfterATitleElsewhere_IsNotAPlace()
    {
        var places = _parser.FindPlaces("Sheriff Jones hired two deputies. The council asked about Jones' appointment in Lubbock.");

        Assert.DoesNotContain(places, m => m.Surface == "Jones");
        Assert.Contains(places, m => m.Surface == "Lubbock");
    }

    [Theory]
    [InlineData("A Rochester man was sleeping when burglars entered his home.")]
    [InlineData("Every Rochester school closed early on Friday.")]
    [InlineData("Forecasters expect the storm to miss Rochester this weekend.")]
    public void Parse_TownAfterADeterminerOrALowerCaseTitleWord_IsRecognisedNotTakenForASurname(string text)
    {
        // Parse keeps every recognised name whatever its confidence: the many Rochesters make the reading uncertain.
        Assert.Contains(_parser.Parse(text), t => t.Surface == "Rochester" && t.PlaceId >= 0);
    }

    [Fact]
    public void FindPlaces_StateAbbreviationAfterAPlaceAndComma_IsTheState()
    {
        var georgia = Find("Deputies stopped her in Newton County, Ga. After they confirmed the baby was safe, she drove home.", "Ga.");

        Assert.NotNull(georgia);
        Assert.Equal(PlaceKind.Admin1, georgia.Place.Kind);
        Assert.Equal("US", georgia.Place.CountryCode);
    }

    [Theory]
    [InlineData("colon after a headline", "Drug dealer arrested near airport. BEIRUT: A major drug dealer was arrested on Monday.", "BEIRUT", "LB")]
    [InlineData("dashes after a byline", "By Staff Reporter. NEWARK -- The recent surge in home sales surprised agents.", "NEWARK", "US")]
    public void FindPlaces_DatelineAfterASentence_IsTheFilingCity(string label, string text, string surface, string country)
    {
        Assert.True(label.Length > 0);
        var city = Find(text, surface);

        Assert.NotNull(city);
        Assert.Equal(PlaceKind.City, city.Place.Kind);
        Assert.Equal(country, city.Place.CountryCode);
    }

    [Fact]
    public void FindPlaces_NamesListedBeforeAPluralAreaWord_AreTheCounties()
    {
        var places = _parser.FindPlaces("Enrollment has slowed in Barrow, Jackson and Madison counties, the Georgia school board said.");

        var jackson = Assert.Single(places, m => m.Surface == "Jackson");
        Assert.Equal(PlaceKind.Admin2, jackson.Place.Kind);
        Assert.Equal("US", jackson.Place.CountryCode);
    }

    [Fact]
    public void FindPlaces_CommonWordsListedBeforeDepartments_AreNotPlaces()
    {
        Assert.Empty(_parser.FindPlaces("Police and Fire departments responded within minutes."));
    }

    [Theory]
    [InlineData("a court", "He pleaded guilty in Kanawha Circuit Court in Charleston, West Virginia.", "Kanawha")]
    [InlineData("a foundation", "The Zionsville Education Foundation paid for the new library books.", "Zionsville")]
    public void FindPlaces_PlaceOpeningACourtsOrFoundationsName_IsThePlace(string label, string text, string place)
    {
        Assert.True(label.Length > 0);

        Assert.NotNull(Find(text, place));
    }
}
