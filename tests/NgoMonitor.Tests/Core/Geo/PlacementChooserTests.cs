using NgoMonitor.Core.Geo;
using Xunit;
using static NgoMonitor.Tests.Core.Geo.KivuPlaces;

namespace NgoMonitor.Tests.Core.Geo;

/// <summary>Which of the places an item names it is placed at, and how surely.</summary>
public sealed class PlacementChooserTests
{
    private static IReadOnlyList<PlaceCandidate> Rank(string title, string summary, params (string Surface, Place Place, double Confidence)[] names)
    {
        var text = title + "\n" + summary;
        return PlacementChooser.Rank(text, title.Length, new FixedPlaceFinder(names).FindPlaces(text));
    }

    [Fact]
    public void Rank_TownWestOfAnotherTown_IsPlacedAtTheTownNotItsLandmark()
    {
        var ranked = Rank("Clinic looted near Sake", "A health centre in Sake, west of Goma, was looted.", ("Sake", Sake, 0.85), ("Goma", Goma, 0.9));

        Assert.Equal(["Sake", "Goma"], ranked.Select(c => c.Place.Name));
        Assert.Equal(MentionRole.Event, ranked[0].Role);
        Assert.Equal(MentionRole.Reference, ranked[1].Role);
        Assert.Equal(new Placement(PlacementMethod.NamedTown, 0.85, "Sake", "Sake"), ranked[0].Placement);
        Assert.Equal(Placement.ReferenceCap, ranked[1].Placement.Confidence);
    }

    [Fact]
    public void Rank_DestinationNamedMoreConfidently_DoesNotBeatTheTownTheStoryIsAbout()
    {
        var ranked = Rank("Goma hospital overwhelmed", "The main hospital in Goma took dozens of wounded; some patients were moved to Gisenyi.",
            ("Goma", Goma, 0.6), ("Gisenyi", Gisenyi, 0.85));

        Assert.Equal("Goma", ranked[0].Place.Name);
        Assert.Equal(MentionRole.Destination, ranked[1].Role);
    }

    [Fact]
    public void Rank_PlaceNamedTwice_IsSurerThanOnce()
    {
        var ranked = Rank("Goma hospital overwhelmed", "The main hospital in Goma took dozens of wounded.", ("Goma", Goma, 0.6));

        // 1 - (1 - 0.6)²: two readings of the same place.
        Assert.Equal(0.84, ranked[0].Placement.Confidence, 3);
        Assert.Equal(PlacementBand.High, ranked[0].Placement.Band);
    }

    [Fact]
    public void Rank_ConfidentTownAndProvince_PrefersTheTown()
    {
        var ranked = Rank("Clashes in Nord-Kivu", "Fighting reached Sake on Monday.", ("Nord-Kivu", NordKivu, 1.0), ("Sake", Sake, 0.8));

        Assert.Equal("Sake", ranked[0].Place.Name);
        Assert.Equal(PlacementMethod.District, ranked[1].Placement.Method);
    }

    [Fact]
    public void Rank_DoubtfulTownAndConfidentProvince_PrefersTheProvince()
    {
        var ranked = Rank("Clashes in Nord-Kivu", "Fighting reached Sake on Monday.", ("Nord-Kivu", NordKivu, 1.0), ("Sake", Sake, 0.2));

        Assert.Equal("Nord-Kivu", ranked[0].Place.Name);
        Assert.Equal(PlacementBand.Low, ranked[1].Placement.Band);
    }

    [Fact]
    public void Rank_OnlyADemonym_IsACountryOfLowConfidence()
    {
        var text = "Congolese troops shell positions";
        var demonym = new PlaceMention(Congo, "Congolese", 0, 9, 0.9) { IsDemonym = true };

        var placement = Assert.Single(PlacementChooser.Rank(text, text.Length, [demonym])).Placement;

        Assert.Equal(PlacementMethod.Country, placement.Method);
        Assert.Equal(PlacementBand.Low, placement.Band);
    }

    [Fact]
    public void Rank_NoMentions_IsEmpty() => Assert.Empty(PlacementChooser.Rank("Nothing here", 12, []));

    [Theory]
    [InlineData("direction of", "Fighting west of Goma", MentionRole.Reference)]
    [InlineData("compound direction", "Shelling 12 km north-west of Goma", MentionRole.Reference)]
    [InlineData("distance from", "a camp a few kilometres from Goma", MentionRole.Reference)]
    [InlineData("near", "Clashes near Goma", MentionRole.Reference)]
    [InlineData("outskirts", "on the outskirts of Goma", MentionRole.Reference)]
    [InlineData("road to", "an ambush on the road to Goma", MentionRole.Reference)]
    [InlineData("destination", "patients were moved to Goma", MentionRole.Destination)]
    [InlineData("plain locative", "A clinic in Goma was looted", MentionRole.Event)]
    [InlineData("title start", "Goma hospital overwhelmed", MentionRole.Event)]
    [InlineData("cue in an earlier sentence does not carry", "They fled to safety. Goma hospital is full", MentionRole.Event)]
    [InlineData("French direction", "un centre de santé à l'ouest de Goma", MentionRole.Reference)]
    [InlineData("French near", "combats près de Goma", MentionRole.Reference)]
    [InlineData("French destination", "les blessés évacués vers Goma", MentionRole.Destination)]
    [InlineData("French locative", "un centre de santé pillé à Goma", MentionRole.Event)]
    [InlineData("Arabic near", "اشتباكات قرب Goma", MentionRole.Reference)]
    [InlineData("Arabic west of", "قصف غرب Goma", MentionRole.Reference)]
    [InlineData("Arabic destination", "نزوح إلى Goma", MentionRole.Destination)]
    [InlineData("Arabic locative", "قصف في Goma", MentionRole.Event)]
    public void RoleOf_WordsBeforeTheName_TellWhetherItIsWhereItHappened(string label, string text, MentionRole expected)
    {
        var start = text.LastIndexOf("Goma", StringComparison.Ordinal);

        var role = PlacementChooser.RoleOf(text, new PlaceMention(Goma, "Goma", start, 4, 0.9));

        Assert.True(expected == role, $"{label}: {role}");
    }

    [Theory]
    [InlineData("city", PlaceKind.City, "PPL", PlacementMethod.NamedTown)]
    [InlineData("district", PlaceKind.Admin2, "ADM2", PlacementMethod.District)]
    [InlineData("province", PlaceKind.Admin1, "ADM1", PlacementMethod.District)]
    [InlineData("country", PlaceKind.Country, "PCLI", PlacementMethod.Country)]
    [InlineData("a later kind: refugee camp", (PlaceKind)7, "CMPRF", PlacementMethod.NamedTown)]
    [InlineData("a later kind: border post", (PlaceKind)8, "PSTB", PlacementMethod.NamedTown)]
    [InlineData("a later kind: region", (PlaceKind)9, "RGN", PlacementMethod.Region)]
    public void MethodOf_PlaceKindOrFeatureCode_GivesTheMethod(string label, PlaceKind kind, string featureCode, PlacementMethod expected)
    {
        var place = new Place("X", new GeoPoint(0, 0), "CD", 0, []) { Kind = kind, FeatureCode = featureCode };

        Assert.True(expected == Placement.MethodOf(place), label);
    }

    [Theory]
    [InlineData("high from 0.7", 0.7, PlacementBand.High)]
    [InlineData("medium below", 0.69, PlacementBand.Medium)]
    [InlineData("medium from 0.4", 0.4, PlacementBand.Medium)]
    [InlineData("low below", 0.39, PlacementBand.Low)]
    public void Band_ConfidenceThresholds_AreAsDocumented(string label, double confidence, PlacementBand expected) =>
        Assert.True(expected == new Placement(PlacementMethod.NamedTown, confidence, "X", "X").Band, label);
}
