using NgoMonitor.Core.Geo;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo;

/// <summary>International news and humanitarian places: datelines, capitals for governments, world cities over their
/// namesakes, continents and seas, camps and crossings, places located from another ("Sake, west of Goma").</summary>
[Collection(GazetteerCollection.Name)]
public sealed class GeoparserNewsTests(GazetteerFixture fixture)
{
    private readonly Geoparser _parser = fixture.Parser;

    private PlaceMention Find(string text, string surface) => _parser.FindPlaces(text).First(m => m.Surface == surface);

    [Theory]
    [InlineData("Reuters dateline", "WASHINGTON (Reuters) – The State Department said on Tuesday that aid would resume.", "WASHINGTON")]
    [InlineData("capital standing for its government", "Washington said it would send more aid to the region, while Moscow denied any role.", "Washington")]
    public void FindPlaces_WashingtonInInternationalNews_IsTheCapitalNotTheState(string label, string text, string surface)
    {
        Assert.True(label.Length > 0);
        var washington = Find(text, surface);

        Assert.Equal(PlaceKind.City, washington.Place.Kind);
        Assert.True(washington.Place.Point.DistanceKmTo(new GeoPoint(38.895, -77.036)) < 20, washington.Place.Point.ToString());
    }

    [Fact]
    public void FindPlaces_MoscowDenied_IsMoscowRussiaNotAPerson()
    {
        var moscow = Find("Washington said it would send more aid to the region, while Moscow denied any role.", "Moscow");

        Assert.Equal("RU", moscow.Place.CountryCode);
    }

    [Theory]
    [InlineData("AFP dateline with a date", "BEIRUT, May 3 (AFP) – Strikes hit southern suburbs overnight.", "BEIRUT", "LB", 33.89, 35.50)]
    [InlineData("dateline with a country", "GOMA, DR Congo — Fighting reached the outskirts of the city.", "GOMA", "CD", -1.67, 29.23)]
    [InlineData("New York dateline: the city", "NEW YORK (Reuters) – The UN Security Council met on Syria.", "NEW YORK", "US", 40.71, -74.01)]
    public void FindPlaces_Dateline_IsTheFilingCity(string label, string text, string surface, string country, double lat, double lon)
    {
        Assert.True(label.Length > 0);
        var city = Find(text, surface);

        Assert.Equal(country, city.Place.CountryCode);
        Assert.True(city.Place.Point.DistanceKmTo(new GeoPoint(lat, lon)) < 25, city.Place.Point.ToString());
    }

    [Theory]
    [InlineData("London", "GB", "Officials in London and Washington discussed sanctions; the governors of Texas and Ohio were not consulted.")]
    [InlineData("Liverpool", "GB", "Fans travelled from Liverpool to Madrid, while in Florida and Kentucky the game was shown late at night.")]
    [InlineData("Paris", "FR", "French officials in Paris and US officials in Washington and New York disagreed on the plan.")]
    public void FindPlaces_WorldCityInAnArticleNamingUsStates_IsNotAUsTown(string surface, string country, string text)
    {
        Assert.Equal(country, Find(text, surface).Place.CountryCode);
    }

    [Theory]
    [InlineData("Paris", 39.61, -87.70, "The Paris school board met on Monday. Edgar County officials said the Illinois grant would pay for two buses, and Paris teachers welcomed it.")]
    [InlineData("Lebanon", 40.34, -76.41, "Lebanon council approved the budget. Residents of Lebanon County and Harrisburg, Pennsylvania, spoke at the meeting.")]
    public void FindPlaces_LocalPaperNamingItsStateAndCounty_ReadsTheTownInThatState(string surface, double lat, double lon, string text)
    {
        var town = Find(text, surface);

        Assert.InRange(town.Place.Point.DistanceKmTo(new GeoPoint(lat, lon)), 0, 10);
    }

    [Fact]
    public void FindPlaces_WorldCityBesideTownsOfSeveralStates_StaysTheWorldCity()
    {
        const string text = "Health officials in Louisville, Kentucky, Nashville, Tennessee, and Atlanta, Georgia, met colleagues from London.";

        Assert.Equal("GB", Find(text, "London").Place.CountryCode);
    }

    [Theory]
    [InlineData("Africa", "Cholera cases are rising across Africa, the WHO said.")]
    [InlineData("Asia", "Bird flu has spread across Asia this winter.")]
    [InlineData("Middle East", "Aid agencies in the Middle East warned of shortages.")]
    [InlineData("Sahel", "Attacks on health workers in the Sahel doubled this year.")]
    [InlineData("Horn of Africa", "Drought in the Horn of Africa has displaced millions.")]
    [InlineData("Afrique de l'Ouest", "Une épidémie de choléra touche l'Afrique de l'Ouest.")]
    public void FindPlaces_ContinentOrMacroRegion_IsARegionNotATown(string surface, string text)
    {
        var region = Find(text, surface);

        Assert.Equal(PlaceKind.Region, region.Place.Kind);
        Assert.Equal("", region.Place.CountryCode);
    }

    [Theory]
    [InlineData("Pacific", "A tsunami warning was issued across the Pacific after the quake.")]
    [InlineData("Atlantic", "The storm strengthened over the Atlantic on Friday.")]
    public void FindPlaces_Ocean_IsABodyOfWaterNotAUsTown(string surface, string text)
    {
        Assert.Equal(PlaceKind.WaterBody, Find(text, surface).Place.Kind);
    }

    [Fact]
    public void Gazetteer_SahelRegion_IsMadeOfItsMemberCountriesOutlines()
    {
        var gazetteer = fixture.Gazetteer;
        var sahel = gazetteer.Lookup("Sahel").Single(p => gazetteer.Kind(p) == PlaceKind.Region);
        var outline = gazetteer.RegionGeometry(sahel)!;

        Assert.Contains("ML", gazetteer.RegionMembers(sahel));
        Assert.True(outline.Contains(new NetTopologySuite.Geometries.Point(-8.0, 12.65)), "Bamako is in the Sahel outline");
        Assert.False(outline.Contains(new NetTopologySuite.Geometries.Point(3.06, 36.75)), "Algiers is not");
    }

    [Theory]
    [InlineData("SY", 163843)]
    [InlineData("US", 6252001)]
    [InlineData("CD", 203312)]
    public void FindPlaces_Country_CarriesItsGeoNamesId(string country, int geonameId)
    {
        var gazetteer = fixture.Gazetteer;
        var place = gazetteer.ToPlace(gazetteer.CountryPlace(country));

        Assert.Equal(geonameId, place.GeonameId);
        Assert.Equal(PlaceKind.Country, place.Kind);
    }

    [Fact]
    public void FindPlaces_BabAlSalamaBorderCrossing_IsTheCrossingNotAlBab()
    {
        var crossing = Find("Trucks queued at the Bab al-Salama border crossing north of Azaz on Tuesday.", "Bab al-Salama");

        Assert.Equal("PSTB", crossing.Place.FeatureCode);
        Assert.True(crossing.Place.Point.DistanceKmTo(new GeoPoint(36.63, 37.04)) < 5, crossing.Place.Point.ToString());
    }

    [Theory]
    [InlineData("Bab al-Hawa crossing", "Aid convoys crossed at Bab al-Hawa on Monday.", "Bab al-Hawa", 36.23, 36.67)]
    [InlineData("Al-Hol camp", "A clinic in Al-Hol camp was closed after clashes.", "Al-Hol", 36.375, 41.148)]
    public void FindPlaces_CompoundHumanitarianName_IsNotCutIntoAShorterPlace(string label, string text, string surface, double lat, double lon)
    {
        Assert.True(label.Length > 0);
        var place = Find(text, surface);

        Assert.True(place.Place.Point.DistanceKmTo(new GeoPoint(lat, lon)) < 5, place.Place.Point.ToString());
    }

    [Fact]
    public void FindPlaces_SakeWestOfGoma_IsSakeWithGomaAsContext()
    {
        var mentions = _parser.FindPlaces("A health centre in Sake, west of Goma, was looted.");
        var sake = mentions.Single(m => m.Surface == "Sake");
        var goma = mentions.Single(m => m.Surface == "Goma");

        Assert.Equal("CD", sake.Place.CountryCode);
        Assert.True(sake.Place.Point.DistanceKmTo(new GeoPoint(-1.574, 29.043)) < 5, sake.Place.Point.ToString());
        Assert.Equal("Goma", sake.RelativeTo?.Name);
        Assert.False(sake.IsReferencePoint);
        Assert.True(goma.IsReferencePoint);
    }

    [Fact]
    public void FindPlaces_FrenchSentenceNamingRutshuruKiwanjaAndBunagana_FindsAllThreeInNorthKivu()
    {
        var mentions = _parser.FindPlaces("Des combats à Rutshuru et Kiwanja ont fait fuir des milliers de civils vers Bunagana, à la frontière ougandaise.");

        foreach (var (surface, lat, lon) in new[] { ("Rutshuru", -1.186, 29.449), ("Kiwanja", -1.152, 29.453), ("Bunagana", -1.288, 29.596) })
        {
            var place = Assert.Single(mentions, m => m.Surface == surface);
            Assert.True(place.Place.Point.DistanceKmTo(new GeoPoint(lat, lon)) < 10, surface + " " + place.Place.Point);
        }
    }

    [Fact]
    public void FindPlaces_ArabicSentenceOnAzaz_FindsAzazSyria()
    {
        var azaz = Find("قصف مستشفى في أعزاز", "أعزاز");

        Assert.Equal("SY", azaz.Place.CountryCode);
        Assert.True(azaz.Place.Point.DistanceKmTo(new GeoPoint(36.586, 37.048)) < 5, azaz.Place.Point.ToString());
    }
    [Theory]
    [InlineData("UK", "GB", "Tests at a laboratory in the UK will later confirm the strain.")]
    [InlineData("US", "US", "The US will send a team to the outbreak area.")]
    public void FindPlaces_CountryCodeBeforeAVerb_IsTheCountryNotAPerson(string surface, string country, string text)
    {
        Assert.Equal(country, Find(text, surface).Place.CountryCode);
    }

    [Theory]
    [InlineData("The UN appealed for US$42 million.")]
    [InlineData("Crop losses exceed $US 15 billion a year.")]
    [InlineData("Ottawa pledged CA$10.8 million to fight the flu.")]
    public void FindPlaces_CodeWrittenAgainstADollarSign_IsACurrencyNotACountry(string text)
    {
        Assert.DoesNotContain(_parser.FindPlaces(text), m => m.Surface is "US" or "CA");
    }
    [Theory]
    [InlineData("province after the name", "In Isfahan province, a doctor was arrested.", "Isfahan", PlaceKind.Admin1, "IR")]
    [InlineData("state after the name", "Two nurses travelling in Chin state were detained.", "Chin", PlaceKind.Admin1, "MM")]
    [InlineData("region after a name whose seat has another name", "In Samangan region, a clinic was attacked.", "Samangan", PlaceKind.Admin1, "AF")]
    [InlineData("type word before the name", "Shelling hit the governorate of Idlib overnight.", "Idlib", PlaceKind.Admin1, "SY")]
    [InlineData("district qualified by its governorate", "In al Hajab area, Ain district, Shabwah governorate, a hospital was hit.", "Ain", PlaceKind.Admin2, "YE")]
    [InlineData("city after the name", "In the Risala neighbourhood, Amara city, Maysan governorate, a pharmacist was shot.", "Amara", PlaceKind.City, "IQ")]
    [InlineData("Portuguese 'do' inside the name", "Dengue cases rose in Rio Grande do Sul this month.", "Rio Grande do Sul", PlaceKind.Admin1, "BR")]
    public void FindPlaces_NameWithTheWordsAroundIt_IsThatKindOfPlace(string label, string text, string surface, PlaceKind kind, string country)
    {
        Assert.True(label.Length > 0);
        var place = Find(text, surface);

        Assert.Equal(kind, place.Place.Kind);
        Assert.Equal(country, place.Place.CountryCode);
    }

    [Fact]
    public void FindPlaces_AreaWordAfterANameKnownOnlyAsAnotherTownsSpelling_DoesNotReadThatTown()
    {
        var mentions = _parser.FindPlaces("A health facility caught fire in Bui department, Cameroon.");

        Assert.DoesNotContain(mentions, m => m.Surface == "Bui" && m.Place.CountryCode == "US");
    }

    [Theory]
    [InlineData("Vehicles of the Special Units for Continuity of Care were damaged.")]
    [InlineData("A clinic was attacked by the Coalition of Patriots for a Change.")]
    public void FindPlaces_CommonWordEndingAnOrganisationsName_IsNoPlace(string text)
    {
        Assert.DoesNotContain(_parser.FindPlaces(text), m => m.Surface is "Care" or "Change");
    }
}
