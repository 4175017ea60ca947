using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Geo.Evaluation;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo;

[Collection(GazetteerCollection.Name)]
public sealed class GeoparserTests(GazetteerFixture fixture)
{
    private readonly Geoparser _parser = fixture.Parser;

    [Theory]
    [InlineData("English", "Shelling hit a clinic in Azaz on Monday.", "Azaz")]
    [InlineData("transliteration", "Shelling hit a clinic in A'zaz on Monday.", "A'zaz")]
    [InlineData("Arabic", "قصف مستشفى في أعزاز شمال حلب", "أعزاز")]
    [InlineData("Arabic with clitic", "قصف مستشفى وأعزاز", "أعزاز")]
    public void FindPlaces_AzazInAnySpelling_ResolvesToAzazSyria(string label, string text, string surface)
    {
        Assert.True(label.Length > 0);
        var azaz = _parser.FindPlaces(text).Single(m => m.Surface == surface);

        Assert.Equal("SY", azaz.Place.CountryCode);
        Assert.True(azaz.Place.Point.DistanceKmTo(new GeoPoint(36.586, 37.048)) < 5, azaz.Place.Point.ToString());
    }

    [Fact]
    public void FindPlaces_TurkishForces_NamesTurkeyAsADemonym()
    {
        var mention = Assert.Single(_parser.FindPlaces("Turkish forces shelled the road overnight."));

        Assert.Equal("TR", mention.Place.CountryCode);
        Assert.Equal(PlaceKind.Country, mention.Place.Kind);
        Assert.True(mention.IsDemonym);
    }

    [Theory]
    [InlineData("comma qualifier: state", "A tornado hit Paris, Texas, on Sunday.", "US")]
    [InlineData("comma qualifier: AP abbreviation", "A tornado hit Paris, Tenn., on Sunday.", "US")]
    [InlineData("no context: the capital", "Talks opened in Paris on Sunday.", "FR")]
    [InlineData("context from another place", "Ministers met in Paris after visiting Lyon.", "FR")]
    public void FindPlaces_Paris_ResolvesByContext(string label, string text, string expectedCountry)
    {
        Assert.True(label.Length > 0);
        var paris = _parser.FindPlaces(text).First(m => m.Surface == "Paris");

        Assert.Equal(expectedCountry, paris.Place.CountryCode);
    }

    [Fact]
    public void FindPlaces_ParisTexas_IsInTexasNotJustTheUnitedStates()
    {
        var paris = _parser.FindPlaces("A tornado hit Paris, Texas, on Sunday.").First(m => m.Surface == "Paris");

        Assert.True(paris.Place.Point.DistanceKmTo(new GeoPoint(33.66, -95.56)) < 20, paris.Place.Point.ToString());
    }

    // A country's name is the country unless the text places the town of that name locally: its region written
    // after a comma, or its state and neighbouring towns; US states and cities named elsewhere in the text do not.
    [Theory]
    [InlineData("English, refugees and US senators", "Jordan", "JO",
        "Thousands of refugees from Syria crossed into Jordan and Lebanon last week, the UN refugee agency said on Tuesday. "
        + "In Washington, senators from Pennsylvania, Ohio and Minnesota pressed the State Department for more funding. "
        + "A relief convoy organised by churches in Pittsburgh, Columbus and Minneapolis is expected to reach camps in Jordan "
        + "and Lebanon before winter. Aid workers in Lebanon said shelters in the Bekaa Valley were already full.")]
    [InlineData("English, refugees and US senators", "Lebanon", "LB",
        "Thousands of refugees from Syria crossed into Jordan and Lebanon last week, the UN refugee agency said on Tuesday. "
        + "In Washington, senators from Pennsylvania, Ohio and Minnesota pressed the State Department for more funding. "
        + "A relief convoy organised by churches in Pittsburgh, Columbus and Minneapolis is expected to reach camps in Jordan "
        + "and Lebanon before winter. Aid workers in Lebanon said shelters in the Bekaa Valley were already full.")]
    [InlineData("English, wire digest with US towns", "Lebanon", "LB",
        "Ministers from France, Germany and Jordan met in Amman to discuss funding for refugees in Lebanon and northern Iraq. "
        + "In Paris, Texas, officials opened a shelter after storms damaged homes across Lamar County late on Sunday night. "
        + "Police in Gainesville, Ga., said the suspect was arrested on Main Street after a chase that began in Hall County.")]
    [InlineData("French", "Liban", "LB",
        "Des milliers de réfugiés venus de Syrie ont franchi la frontière vers la Jordanie et le Liban, selon le HCR. "
        + "À Washington, des sénateurs de Pennsylvanie et de l'Ohio ont demandé davantage de fonds. "
        + "Au Liban, les abris de la Bekaa sont déjà pleins.")]
    [InlineData("French", "Syrie", "SY",
        "Des milliers de réfugiés venus de Syrie ont franchi la frontière vers la Jordanie et le Liban, selon le HCR. "
        + "À Washington, des sénateurs de Pennsylvanie et de l'Ohio ont demandé davantage de fonds.")]
    [InlineData("Arabic", "لبنان", "LB",
        "عبر آلاف اللاجئين من سوريا إلى الأردن ولبنان الأسبوع الماضي، بحسب المفوضية. "
        + "وفي واشنطن طالب أعضاء من ولاية بنسلفانيا بمزيد من التمويل. وقال عاملون في الإغاثة في لبنان إن الملاجئ ممتلئة.")]
    [InlineData("Arabic", "سوريا", "SY",
        "عبر آلاف اللاجئين من سوريا إلى الأردن ولبنان الأسبوع الماضي، بحسب المفوضية. "
        + "وفي واشنطن طالب أعضاء من ولاية بنسلفانيا بمزيد من التمويل.")]
    [InlineData("Türkiye beside US states", "Türkiye", "TR",
        "Türkiye closed its border with Syria on Monday, officials in Ankara said. Refugees in Gaziantep and Kilis waited "
        + "for news. Governors from Ohio and Texas visited Türkiye in the spring.")]
    public void FindPlaces_CountryNameInAnArticleAlsoNamingUsPlaces_IsTheCountry(string label, string surface, string expectedCountry, string text)
    {
        Assert.True(label.Length > 0);
        var mentions = _parser.FindPlaces(text).Where(m => m.Surface == surface).ToList();

        Assert.NotEmpty(mentions);
        Assert.All(mentions, m => Assert.Equal((expectedCountry, PlaceKind.Country), (m.Place.CountryCode, m.Place.Kind)));
    }

    [Theory]
    [InlineData("state after a comma", "Lebanon", 40.341, -76.411,
        "A tornado damaged homes in Lebanon, Pennsylvania, on Sunday night, the National Weather Service said. Crews from "
        + "Harrisburg and Hershey helped clear roads. Lebanon's mayor said the shelter at the high school would stay open.")]
    [InlineData("AP state abbreviation", "Jordan", 44.667, -93.627,
        "A fire destroyed a barn in Jordan, Minn., early Friday. Firefighters from Shakopee and Belle Plaine helped put it "
        + "out. No one was hurt, the Scott County sheriff said. Jordan police are investigating.")]
    [InlineData("its county and state named", "Palestine", 31.762, -95.631,
        "A 36-year-old Palestine man who eluded deputies for two days was arrested on Tuesday, the Anderson County sheriff "
        + "said. He was taken to the county jail in Palestine. Texas troopers had joined the search.")]
    public void FindPlaces_CountryNameWithLocalEvidenceForAUsTown_StaysTheTown(string label, string surface, double lat, double lon, string text)
    {
        Assert.True(label.Length > 0);
        var mentions = _parser.FindPlaces(text).Where(m => m.Surface == surface).ToList();

        Assert.NotEmpty(mentions);
        Assert.All(mentions, m => Assert.True(m.Place.Point.DistanceKmTo(new GeoPoint(lat, lon)) < 15, m.Place.ToString()));
    }

    [Fact]
    public void FindPlaces_CountryNameInAFeedDeclaredInTheUs_StillNeedsLocalEvidenceForATown()
    {
        const string Text = "Refugee families who fled Syria and Lebanon were welcomed at a church in Columbus on Sunday.";

        var lebanon = _parser.FindPlaces(Text, new GeoContext("US")).Single(m => m.Surface == "Lebanon");

        Assert.Equal(("LB", PlaceKind.Country), (lebanon.Place.CountryCode, lebanon.Place.Kind));
    }

    [Theory]
    [InlineData("Lebanon declared", "LB", 34.4, 35.8)]
    [InlineData("Libya declared", "LY", 32.9, 13.2)]
    public void FindPlaces_DeclaredCountry_BreaksTheTieBetweenTwoTripolis(string label, string country, double lat, double lon)
    {
        Assert.True(label.Length > 0);
        var tripoli = Assert.Single(_parser.FindPlaces("Clashes were reported in Tripoli overnight.", new GeoContext(country)));

        Assert.True(tripoli.Place.Point.DistanceKmTo(new GeoPoint(lat, lon)) < 25, tripoli.Place.Point.ToString());
    }

    [Theory]
    [InlineData("given name and surname", "Michael Jones said the clinic would reopen.")]
    [InlineData("acronym", "An INGO ambulance was stopped.")]
    [InlineData("sentence-initial preposition", "In an undisclosed location, a clinic was looted.")]
    [InlineData("lower-case common word", "The mobile clinic reached the camp.")]
    public void FindPlaces_WordsThatAreAlsoPlaceNames_AreNotPlaces(string label, string text)
    {
        Assert.True(label.Length > 0);
        Assert.Empty(_parser.FindPlaces(text));
    }

    [Fact]
    public void FindPlaces_FarmersNearHama_FindsOnlyHamaInSyria()
    {
        var mention = Assert.Single(_parser.FindPlaces("Farmers near Hama said the harvest was lost."));

        Assert.Equal("Hama", mention.Surface);
        Assert.Equal("SY", mention.Place.CountryCode);
    }

    [Theory]
    [InlineData("English: near", "Shelling hit farmers near Hama on Monday.", "Hama")]
    [InlineData("English: outside", "Doctors outside Hama were detained.", "Hama")]
    [InlineData("English: in", "A clinic in Hama was looted.", "Hama")]
    [InlineData("French: près de", "Des médecins ont été arrêtés près de Hama.", "Hama")]
    [InlineData("French: à", "Une clinique a été pillée à Hama.", "Hama")]
    [InlineData("Arabic: قرب", "اعتقل أطباء قرب حماة.", "حماة")]
    [InlineData("Arabic: في", "نهب مستشفى في حماة.", "حماة")]
    public void FindPlaces_RegionSeatAfterALocativeCue_IsFoundAlone(string label, string text, string surface)
    {
        Assert.True(label.Length > 0);
        var mention = Assert.Single(_parser.FindPlaces(text));

        Assert.Equal(surface, mention.Surface);
        Assert.Equal("SY", mention.Place.CountryCode);
        Assert.True(mention.Confidence >= 0.5, mention.Confidence.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("English pronoun", "She said the clinic was closed.")]
    [InlineData("English preposition", "For the clinic it was a hard week.")]
    [InlineData("English conjunction", "Since then the clinic was closed.")]
    [InlineData("English plural noun", "Farmers lost the harvest.")]
    [InlineData("French article", "Un hôpital a été bombardé hier.")]
    [InlineData("French pronoun", "Que faire après l'attaque ?")]
    [InlineData("French possessive", "Mon équipe a été menacée.")]
    [InlineData("French weekday", "Lundi la clinique a été fermée.")]
    [InlineData("Arabic particle", "إن المستشفى مغلق.")]
    [InlineData("Arabic particle with clitic", "وأن القصف استمر.")]
    [InlineData("Arabic verb", "كان المستشفى مغلقا.")]
    [InlineData("Arabic weekday", "الخميس أغلق المستشفى.")]
    [InlineData("French organisation", "La Croix-Rouge a livré des médicaments.")]
    public void FindPlaces_SentenceInitialFunctionWord_IsNotAPlace(string label, string text)
    {
        Assert.True(label.Length > 0);
        Assert.Empty(_parser.FindPlaces(text));
    }

    [Fact]
    public void FindPlaces_TailOfAnUnknownArabicName_IsNotTakenAlone()
    {
        var places = _parser.FindPlaces("Residents fled Maarat al-Numan overnight.");

        Assert.DoesNotContain(places, m => m.Surface == "Numan");
    }

    [Fact]
    public void FindPlaces_FrenchText_FindsAleppoAfterElision()
    {
        var mention = Assert.Single(_parser.FindPlaces("Un hôpital a été bombardé près d'Alep."));

        Assert.Equal("SY", mention.Place.CountryCode);
        Assert.Equal("Alep", mention.Surface);
    }

    [Fact]
    public void FindPlaces_LongestName_WinsOverItsParts()
    {
        var mention = Assert.Single(_parser.FindPlaces("Fighting continued near Deir ez-Zor city."));

        Assert.Equal("Deir ez-Zor", mention.Surface);
        Assert.Equal("SY", mention.Place.CountryCode);
    }

    [Fact]
    public void ResolveSpans_GoldSpanOfUnknownPlace_FallsBackToTheTextsFocusWithLowConfidence()
    {
        const string text = "Floods hit Springfield, Ill., and nearby Glenwood Hollow.";
        var spans = new[] { (11, 22), (24, 28), (41, 56) };

        var resolved = _parser.ResolveSpans(text, spans);

        Assert.True(fixture.Gazetteer.PointOf(resolved[0].PlaceId).DistanceKmTo(new GeoPoint(39.80, -89.64)) < 20);
        Assert.Equal(resolved[0].PlaceId, resolved[2].PlaceId);
        Assert.True(resolved[2].Confidence < 0.2);
    }

    [Fact]
    public void GeoparseCommand_JsonLines_PrintsCodePointOffsetsAndCoordinates()
    {
        var input = new StringReader("{\"id\":\"a\",\"text\":\"🚑 Strike near Azaz.\"}\n\n{\"id\":\"b\",\"text\":\"Nothing here.\"}\n");
        var output = new StringWriter();

        var count = GeoparseCommand.Run(input, output, _parser);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, count);
        Assert.StartsWith("{\"id\":\"a\",\"toponyms\":[{\"start\":14,\"end\":18,\"name\":\"Azaz\",\"lat\":36.58", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"country\":\"SY\"", lines[0], StringComparison.Ordinal);
        Assert.Equal("{\"id\":\"b\",\"toponyms\":[]}", lines[1]);
    }
}
