using NgoMonitor.Core.Geo;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo;

/// <summary>Incident reports as NGOs write them: armed groups named after a place, villages and districts the
/// gazetteer holds from countries-states-cities, places it lacks written before their province, and lone spellings
/// of foreign towns.</summary>
[Collection(GazetteerCollection.Name)]
public sealed class GeoparserIncidentTests(GazetteerFixture fixture)
{
    private readonly Geoparser _parser = fixture.Parser;

    [Theory]
    [InlineData("militia after the name", "Two health workers were kidnapped by a Katsina militia on the road to the clinic.", "Katsina")]
    [InlineData("military council after the name", "A pharmacy was attacked with a hand grenade by the Deir ez-Zor Military Council.", "Deir ez-Zor")]
    [InlineData("Islamic State in", "A suicide bomber of the Islamic State in Khorasan attacked the hospital gate.", "Khorasan")]
    [InlineData("Arabic group name", "An INGO health worker was kidnapped from a health facility by Tahrir al-Sham fighters.", "al-Sham")]
    public void FindPlaces_ArmedGroupNamedAfterAPlace_IsNotReadAsATown(string label, string text, string surface)
    {
        Assert.True(label.Length > 0);
        var places = _parser.FindPlaces(text);

        Assert.DoesNotContain(places, m => m.Surface.Contains(surface, StringComparison.Ordinal) && m.Place.Kind is PlaceKind.City or PlaceKind.Admin2);
    }

    [Fact]
    public void FindPlaces_TownNamedWithoutAGroupWord_IsStillTheTown()
    {
        var katsina = _parser.FindPlaces("Two health workers were kidnapped in Katsina on Monday.").Single(m => m.Surface == "Katsina");

        Assert.Equal("NG", katsina.Place.CountryCode);
    }

    [Fact]
    public void FindPlaces_YemeniDistrictMissingFromCities500_IsPlacedInItsGovernorate()
    {
        var district = _parser.FindPlaces("An airstrike damaged a health centre in Hubaysh district, Ibb governorate.").First(m => m.Surface == "Hubaysh");

        Assert.Equal("YE", district.Place.CountryCode);
        Assert.True(district.Place.Point.DistanceKmTo(new GeoPoint(14.10, 44.09)) < 25, district.Place.Point.ToString());
    }

    [Fact]
    public void FindPlaces_VillageFromCountriesStatesCities_IsPlacedWithACue()
    {
        var village = _parser.FindPlaces("Gunmen looted the clinic in Al Dhihar on Sunday night.").Single(m => m.Surface == "Al Dhihar");

        Assert.Equal("YE", village.Place.CountryCode);
    }

    [Fact]
    public void FindPlaces_ArabicGovernorateName_IsTheGovernorate()
    {
        var governorate = _parser.FindPlaces("قصف مستشفى في محافظة ريف دمشق").Single();

        Assert.Equal(PlaceKind.Admin1, governorate.Place.Kind);
        Assert.Equal("SY", governorate.Place.CountryCode);
    }

    [Fact]
    public void FindPlaces_PlaceMissingFromTheGazetteerBeforeItsProvince_IsNotItsNamesakeAbroad()
    {
        var places = _parser.FindPlaces("A nurse was shot outside the clinic in Stroud, Ontario.");

        Assert.DoesNotContain(places, m => m.Surface == "Stroud");
        Assert.Contains(places, m => m.Surface == "Ontario" && m.Place.CountryCode == "CA");
    }

    [Fact]
    public void FindPlaces_ListOfStates_KeepsEveryState()
    {
        var places = _parser.FindPlaces("Cases were confirmed in Alaska, Alabama, Arizona, California, Colorado and Texas.");

        Assert.Equal(6, places.Count(m => m.Place.Kind == PlaceKind.Admin1 && m.Place.CountryCode == "US"));
    }

    [Fact]
    public void FindPlaces_LoneAlternateSpellingOfASmallForeignTown_IsLeftUnplaced()
    {
        var places = _parser.FindPlaces("A charity clinic was raided by soldiers in Min and its medicines were seized.");

        Assert.DoesNotContain(places, m => m.Surface == "Min");
    }

    [Fact]
    public void FindPlaces_AlternateSpellingWithItsCountryNamed_IsStillPlaced()
    {
        var places = _parser.FindPlaces("A charity clinic was raided by soldiers in Min, in China's Gansu province.", new GeoContext("CHN"));

        Assert.Contains(places, m => m.Surface == "Min" && m.Place.CountryCode == "CN");
    }

    [Fact]
    public void FindPlaces_CapitalisedWordsWithoutAFacilityWord_AreStillAPersonsName()
    {
        var places = _parser.FindPlaces("The clinic was visited by Lashio Smith Jones on Monday.");

        Assert.DoesNotContain(places, m => m.Surface == "Lashio");
    }

    [Theory]
    [InlineData("general hospital", "Soldiers occupied Myingyan General Hospital and detained two surgeons.", "Myingyan", 21.46, 95.39)]
    [InlineData("maternity hospital", "A midwife at Omdurman Maternity Hospital was wounded by a stray bullet.", "Omdurman", 15.64, 32.48)]
    [InlineData("possessive in the name", "Troops searched Lashio People's Hospital for striking nurses.", "Lashio", 22.94, 97.75)]
    [InlineData("English", "Israeli forces surrounded an ambulance inside Tulkarm Refugee Camp at dawn.", "Tulkarm Refugee Camp", 32.313, 35.037)]
    [InlineData("French", "Les forces israéliennes ont bloqué une ambulance dans le camp de Balata, à Naplouse.", "Balata", 32.211, 35.286)]
    [InlineData("Arabic", "اشتباكات قرب مستوصف في مخيم عين الحلوة جنوب لبنان", "مخيم عين الحلوة", 33.545, 35.385)]
    [InlineData("PoC site", "Fighting broke out at the Malakal PoC site and a clinic was burned.", "Malakal PoC", 9.57, 31.65)]
    public void FindPlaces_TownOrCampOpeningAFacilitysName_IsPlacedThere(string label, string text, string surface, double lat, double lon)
    {
        Assert.True(label.Length > 0);
        var place = _parser.FindPlaces(text).Single(m => m.Surface == surface);

        Assert.True(place.Place.Point.DistanceKmTo(new GeoPoint(lat, lon)) < 5, place.Place.Point.ToString());
    }

    [Fact]
    public void FindPlaces_OldNameOfABigCityBesideAPlaceOfTheTownsOwnCountry_IsTheTownsOwnName()
    {
        var berea = _parser.FindPlaces("A nurse was attacked at a clinic in Berea, 40 km north of Maseru.").Single(m => m.Surface == "Berea");

        Assert.Equal("LS", berea.Place.CountryCode);
    }

    [Theory]
    [InlineData("unknown word inside the name", "Gunfire from security forces hit the Grand Hantha International Hospital.", "Grand")]
    [InlineData("small town abroad, the text in another country", "Government shelling in Syria damaged the car park of Amal Surgical Hospital.", "Amal")]
    public void FindPlaces_HospitalNamedAfterSomethingElse_IsNotPlacedAtANamesakeTown(string label, string text, string surface)
    {
        Assert.True(label.Length > 0);
        var places = _parser.FindPlaces(text);

        Assert.DoesNotContain(places, m => m.Surface == surface);
    }

    [Theory]
    [InlineData("English", "A paediatrician in Gaza was killed with his family in an airstrike.", "Gaza", "PS")]
    [InlineData("English, district", "An INGO nurse was shot dead in Shinkafi LGA, Zamfara state.", "Shinkafi", "NG")]
    [InlineData("English, rescue team", "Medics of the Mogok Rescue Team were detained by soldiers.", "Mogok", "MM")]
    public void FindPlaces_PlaceBeforeAVerbOrAnAreaWord_IsThePlaceNotAPerson(string label, string text, string surface, string country)
    {
        Assert.True(label.Length > 0);
        var place = _parser.FindPlaces(text).Single(m => m.Surface == surface);

        Assert.Equal(country, place.Place.CountryCode);
    }

    [Fact]
    public void FindPlaces_SurnameBeforeAVerbWithoutAPlacePreposition_IsStillAPerson()
    {
        var places = _parser.FindPlaces("Dr Sarah Lashio said the clinic would reopen. Lashio was not harmed.");

        Assert.DoesNotContain(places, m => m.Surface == "Lashio");
    }

    [Theory]
    [InlineData("District Hospital", "A staff member at Tachileik District Hospital was detained when police stormed the hospital.", "Tachileik")]
    [InlineData("Township Hospital", "Soldiers occupied the Mogok Township Hospital.", "Mogok")]
    public void FindPlaces_TownBeforeAnAreaWordAndHospital_IsTheSeatTown(string label, string text, string town)
    {
        Assert.True(label.Length > 0);
        var place = _parser.FindPlaces(text).Single(m => m.Surface.StartsWith(town, StringComparison.Ordinal));

        Assert.Equal(town, place.Surface);
        Assert.Equal(PlaceKind.City, place.Place.Kind);
    }

    [Fact]
    public void FindPlaces_DistrictNamedWithoutAFacility_IsStillTheDistrict()
    {
        var place = _parser.FindPlaces("Shelling hit several villages in Pyin Oo Lwin District.").Single(m => m.Surface.StartsWith("Pyin Oo Lwin", StringComparison.Ordinal));

        Assert.Equal(PlaceKind.Admin2, place.Place.Kind);
    }

    [Theory]
    [InlineData("English called", "Mayi-Mayi fighters attacked a medical centre called Amani and looted its pharmacy.")]
    [InlineData("English known as", "Gunmen burned a clinic known as Amani.")]
    [InlineData("French dénommé", "Des miliciens ont pillé un centre de santé dénommé Amani.")]
    public void FindPlaces_NameGivenToAFacility_IsNotAPlace(string label, string text)
    {
        Assert.True(label.Length > 0);

        Assert.DoesNotContain(_parser.FindPlaces(text), m => m.Surface == "Amani");
    }

    [Fact]
    public void FindPlaces_VillageCalledByName_IsStillTheVillage()
    {
        var places = _parser.FindPlaces("Fighters attacked a village called Kiwanja, north of Goma.");

        Assert.Contains(places, m => m.Surface == "Kiwanja" && m.Place.CountryCode == "CD");
    }

    [Theory]
    [InlineData("Myanmar township with a type word", "Shells fell near a clinic in Hpakant township, Kachin state.", "Hpakant", "MM")]
    [InlineData("Myanmar township before its region", "A health worker was arrested in Taze, Sagaing.", "Taze", "MM")]
    [InlineData("Tigray town", "A nurse was killed by soldiers in Adwa, Tigray.", "Adwa", "ET")]
    [InlineData("South Sudan county seat", "Gunmen looted a health facility in Morobo county.", "Morobo", "SS")]
    [InlineData("Burkinabè village in French", "Un infirmier a été enlevé à Barsalogho, dans le Sanmatenga.", "Barsalogho", "BF")]
    public void FindPlaces_TownshipOrVillageCities500Lacks_IsPlacedInItsCountry(string label, string text, string surface, string country)
    {
        Assert.True(label.Length > 0);

        Assert.Contains(_parser.FindPlaces(text), m => m.Surface == surface && m.Place.CountryCode == country && m.Place.Kind == PlaceKind.City);
    }

    [Theory]
    [InlineData("al and a space", "Russian warplanes fired a series of missiles next to al Amal Hospital for orthopaedics.")]
    [InlineData("al and a hyphen", "An IED detonated fifteen metres from the al-Amal Surgical Hospital.")]
    public void FindPlaces_NameAfterTheArabicArticle_IsNotANamesakeOutsideTheArabicSpeakingWorld(string label, string text)
    {
        Assert.True(label.Length > 0);

        Assert.DoesNotContain(_parser.FindPlaces(text), m => m.Surface == "Amal");
    }
}
