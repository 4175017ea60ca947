using NgoMonitor.Core.Geo;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo;

/// <summary>An incident on a road between two towns is placed at the first-named end, the other being context.</summary>
[Collection(GazetteerCollection.Name)]
public sealed class RoadsBetweenPlacesTests(GazetteerFixture fixture)
{
    private readonly Geoparser _parser = fixture.Parser;

    [Theory]
    [InlineData("X-Y road", "A driver was shot on the Torit-Juba road.", "Torit", "Juba")]
    [InlineData("X – Y highway", "An ambulance hit a mine on the Kaya – Dori highway.", "Kaya", "Dori")]
    [InlineData("between X and Y", "Between Namounou and Diapaga, a nurse was killed.", "Namounou", "Diapaga")]
    [InlineData("road from X to Y", "Staff were robbed on the road from Gao to Ansongo.", "Gao", "Ansongo")]
    [InlineData("French axe X-Y", "Un convoi a été attaqué sur l'axe Djibo-Arbinda.", "Djibo", "Arbinda")]
    [InlineData("French entre X et Y", "Une ambulance a été brûlée entre Kaya et Barsalogho.", "Kaya", "Barsalogho")]
    [InlineData("Arabic طريق X - Y", "استهدف قصف سيارة إسعاف على طريق حلب - دمشق", "حلب", "دمشق")]
    public void AreRoadEnds_TwoPlacesNamedAsARoad_AreItsEnds(string label, string text, string first, string second)
    {
        Assert.True(label.Length > 0);
        var a = text.IndexOf(first, StringComparison.Ordinal);
        var b = text.IndexOf(second, a + first.Length, StringComparison.Ordinal);

        Assert.True(RoadsBetweenPlaces.AreRoadEnds(text, a, a + first.Length, b, b + second.Length));
    }

    [Theory]
    [InlineData("a list", "Clinics closed in Goma and Bukavu.", "Goma", "Bukavu")]
    [InlineData("a dash without a road", "Flights Goma - Bukavu resumed.", "Goma", "Bukavu")]
    [InlineData("from X to Y without a road", "Staff moved from Goma to Bukavu.", "Goma", "Bukavu")]
    public void AreRoadEnds_TwoPlacesNamedOtherwise_AreNoRoad(string label, string text, string first, string second)
    {
        Assert.True(label.Length > 0);
        var a = text.IndexOf(first, StringComparison.Ordinal);
        var b = text.IndexOf(second, a + first.Length, StringComparison.Ordinal);

        Assert.False(RoadsBetweenPlaces.AreRoadEnds(text, a, a + first.Length, b, b + second.Length));
    }

    [Fact]
    public void FindPlaces_IncidentOnARoadBetweenTwoTowns_IsPlacedAtTheFirstWithTheOtherAsContext()
    {
        var places = _parser.FindPlaces("A doctor was killed while driving on the Torit-Juba road by unidentified armed men.");

        var torit = places.Single(m => m.Surface == "Torit");
        var juba = places.Single(m => m.Surface == "Juba");
        Assert.Equal("Juba", torit.RelativeTo?.Name);
        Assert.True(juba.IsReferencePoint);
    }

    [Fact]
    public void FindPlaces_SidesOfAConflict_AreNotARoad()
    {
        var places = _parser.FindPlaces("Clashes between Israel and Lebanon closed the clinic.");

        Assert.DoesNotContain(places, m => m.IsReferencePoint);
    }
}
