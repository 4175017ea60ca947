using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

/// <summary>What an alert says about place claims no more precision than the placement has.</summary>
public sealed class PlaceWordingTests
{
    private static readonly Watchlist Fenced = new("w", "Goma office", "security", Severity.Severe, [], [new Geofence("Goma office", new GeoPoint(-1.6741, 29.2285), 40)], ["r"]);

    private static WatchlistMatch Match(PlacementMethod? method, double confidence, string? place, double? km, CompassPoint? direction = null, bool inside = false, string fence = "Goma office") =>
        new("i", Fenced.Id, ["clash"], place, new GeoPoint(-1.6, 29.2), km is null ? null : fence, km)
        {
            Placement = method is { } m ? new Placement(m, confidence, place, place) : null,
            Direction = direction,
            Inside = inside,
        };

    [Theory]
    [InlineData("confident town", PlacementMethod.NamedTown, 0.85, "Sake", 23.4, CompassPoint.NW, "Sake, 23 km NW of Goma office")]
    [InlineData("confident town at the office", PlacementMethod.NamedTown, 0.85, "Goma", 0.2, null, "Goma, <1 km from Goma office")]
    [InlineData("GeoRSS point", PlacementMethod.GeoRssPoint, 1.0, null, 14.2, CompassPoint.NE, "14 km NE of Goma office")]
    [InlineData("GeoRSS point at the office", PlacementMethod.GeoRssPoint, 1.0, null, 0.4, null, "<1 km from Goma office")]
    [InlineData("town of medium confidence", PlacementMethod.NamedTown, 0.6, "Sake", 23.4, CompassPoint.NW, "Sake (place uncertain), ~23 km NW of Goma office")]
    [InlineData("uncertain town at the office", PlacementMethod.NamedTown, 0.3, "Goma", 0.2, null, "Goma (place uncertain), ~1 km from Goma office")]
    [InlineData("district", PlacementMethod.District, 0.9, "Nyiragongo", 17.1, CompassPoint.N, "in Nyiragongo (district-level place, ~15 km N of Goma office)")]
    [InlineData("district centred at the office", PlacementMethod.District, 0.9, "Goma territory", 0.3, null, "in Goma territory (district-level place, ~5 km from Goma office)")]
    [InlineData("district of low confidence", PlacementMethod.District, 0.2, "Nyiragongo", 17.1, CompassPoint.N, "in Nyiragongo (district-level place, uncertain, ~15 km N of Goma office)")]
    [InlineData("country", PlacementMethod.Country, 1.0, "DR Congo", 0.5, CompassPoint.W, "in DR Congo (country-level place)")]
    [InlineData("region", PlacementMethod.Region, 0.9, "Great Lakes", 3.0, null, "in Great Lakes (region-level place)")]
    [InlineData("no fence, confident town", PlacementMethod.NamedTown, 0.9, "Sake", null, null, "Sake")]
    [InlineData("no fence, province", PlacementMethod.District, 1.0, "Nord-Kivu", null, null, "in Nord-Kivu (district-level place)")]
    public void Where_English_ClaimsNoMorePrecisionThanThePlacement(string label, PlacementMethod method, double confidence, string? place, double? km, CompassPoint? direction, string expected)
    {
        var where = PlaceWording.Where(Match(method, confidence, place, km, direction), "en");

        Assert.True(expected == where, $"{label}: {where}");
    }

    [Theory]
    [InlineData(PlacementMethod.District)]
    [InlineData(PlacementMethod.Country)]
    [InlineData(PlacementMethod.Region)]
    public void Where_AnythingAboveATownRightAtTheOffice_NeverSaysUnderOneKilometre(PlacementMethod method)
    {
        foreach (var language in new[] { "en", "fr", "ar" })
        {
            Assert.DoesNotContain("<1", PlaceWording.Where(Match(method, 1.0, "Kivu", 0.1), language), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("French, direction", "fr", PlacementMethod.NamedTown, 0.9, "Sake, à 23 km au nord-ouest de Goma office")]
    [InlineData("French, district", "fr", PlacementMethod.District, 0.9, "zone Sake (niveau district, à ~25 km au nord-ouest de Goma office)")]
    [InlineData("Arabic, direction", "ar", PlacementMethod.NamedTown, 0.9, "Sake، 23 كم شمال غرب Goma office")]
    [InlineData("Arabic, uncertain", "ar", PlacementMethod.NamedTown, 0.5, "Sake (مكان غير مؤكد)، ~23 كم شمال غرب Goma office")]
    public void Where_OtherLanguages_SayTheDirectionInTheirWords(string label, string language, PlacementMethod method, double confidence, string expected)
    {
        var where = PlaceWording.Where(Match(method, confidence, "Sake", 23.4, CompassPoint.NW), language);

        Assert.True(expected == where, $"{label}: {where}");
    }

    [Fact]
    public void Where_InsideAnAreaWithoutSite_SaysInsideWithoutDirection() =>
        Assert.Equal("Sake, 12 km inside North Kivu box", PlaceWording.Where(Match(PlacementMethod.NamedTown, 0.9, "Sake", 12.4, inside: true, fence: "North Kivu box"), "en"));

    [Theory]
    [InlineData("with a fence", 23.4, "; Sake, 23 km NW of Goma office (named town, high confidence 0.85)")]
    [InlineData("without a fence", null, "; place named: Sake (named town, high confidence 0.85)")]
    public void Why_NamesThePlaceAsTheHeadlineDoesWithHowItWasPlaced(string label, double? km, string expected) =>
        Assert.True(expected == PlaceWording.Why(Match(PlacementMethod.NamedTown, 0.85, "Sake", km, CompassPoint.NW)), label);

    [Fact]
    public void Why_NoPlace_IsEmpty() => Assert.Equal("", PlaceWording.Why(Match(null, 0, null, null)));
}
