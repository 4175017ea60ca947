using NgoMonitor.Core.Geo;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo;

/// <summary>Where the wounded or staff were taken is not where the incident happened, when the text names that place.</summary>
[Collection(GazetteerCollection.Name)]
public sealed class TransferDestinationsTests(GazetteerFixture fixture)
{
    private readonly Geoparser _parser = fixture.Parser;

    [Theory]
    [InlineData("transferred to", "The wounded were transferred to ")]
    [InlineData("taken to a hospital in", "Two doctors were taken to a hospital in ")]
    [InlineData("evacuated back to", "Staff were evacuated back to ")]
    [InlineData("rushed to the city of", "The injured nurse was rushed to the city of ")]
    [InlineData("French évacués vers", "Les blessés ont été évacués vers ")]
    [InlineData("French transférés à l'hôpital de", "Les patients ont été transférés à l'hôpital de ")]
    [InlineData("Arabic نقل إلى مستشفى في", "وتم نقل الجرحى إلى مستشفى في ")]
    public void FollowsTransferVerb_AVerbOfTransferAndItsPreposition_IsADestination(string label, string before)
    {
        Assert.True(label.Length > 0);

        Assert.True(TransferDestinations.FollowsTransferVerb(before + "Goma", before.Length));
    }

    [Theory]
    [InlineData("attack in", "A clinic was attacked in ")]
    [InlineData("kidnapped in", "Two nurses were kidnapped in ")]
    [InlineData("a road to", "Gunmen blocked the road to ")]
    [InlineData("verb in an earlier sentence", "Patients were transferred to safety. A clinic burned in ")]
    [InlineData("French à", "Un centre de santé a été pillé à ")]
    public void FollowsTransferVerb_OtherWordsBeforeAPlace_AreNoDestination(string label, string before)
    {
        Assert.True(label.Length > 0);

        Assert.False(TransferDestinations.FollowsTransferVerb(before + "Goma", before.Length));
    }

    [Theory]
    [InlineData("English", "Gunmen stormed the hospital in Nyala and the wounded were transferred to El Fasher.", "Nyala", "El Fasher")]
    [InlineData("French", "Un centre de santé a été pillé à Rutshuru ; les blessés ont été évacués vers Goma.", "Rutshuru", "Goma")]
    [InlineData("Arabic", "قصف مستشفى في إدلب وتم نقل الجرحى إلى مستشفى في أعزاز", "إدلب", "أعزاز")]
    public void FindPlaces_TransferDestinationBesideThePlaceOfTheAttack_IsMarkedAsTheDestination(string label, string text, string scene, string destination)
    {
        Assert.True(label.Length > 0);
        var places = _parser.FindPlaces(text);

        Assert.Contains(places, m => m.Surface == destination && m.IsDestination);
        Assert.Contains(places, m => m.Surface == scene && !m.IsDestination);
    }

    [Fact]
    public void FindPlaces_DestinationNamedAlone_StaysThePlaceRead()
    {
        var places = _parser.FindPlaces("Wounded patients were prevented from being transferred to El Fasher for treatment.");

        Assert.Contains(places, m => m.Surface == "El Fasher" && !m.IsDestination);
    }

    [Fact]
    public void Rank_DestinationOfATransfer_IsNotChosenOverThePlaceOfTheAttack()
    {
        const string text = "Gunmen stormed the hospital in Nyala. The wounded were taken to a hospital in El Fasher.";

        var chosen = PlacementChooser.Rank(text, 0, _parser.FindPlaces(text))[0];

        Assert.Equal("Nyala", chosen.Placement.Surface);
    }
}
