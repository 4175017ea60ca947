using NgoMonitor.Core.Geo;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo;

[Collection(GazetteerCollection.Name)]
public sealed class GazetteerTests(GazetteerFixture fixture)
{
    private readonly Gazetteer _gazetteer = fixture.Gazetteer;

    [Fact]
    public void Load_CommittedIndex_HoldsCitiesRegionsAndCountries()
    {
        Assert.True(_gazetteer.Count > 200_000);
        Assert.True(_gazetteer.CountryCodes.Count >= 240);
        Assert.Contains("GeoNames", _gazetteer.Attribution, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("English", "Azaz")]
    [InlineData("transliteration with ayn", "A'zaz")]
    [InlineData("Arabic", "أعزاز")]
    public void Lookup_SpellingsOfAzaz_FindTheSameSyrianTown(string label, string spelling)
    {
        Assert.True(label.Length > 0);
        var azaz = _gazetteer.Lookup(spelling).Where(p => _gazetteer.CountryCode(p) == "SY" && _gazetteer.Kind(p) == PlaceKind.City).ToList();

        var place = Assert.Single(azaz.Select(_gazetteer.GeonameId).Distinct());
        Assert.Equal(_gazetteer.Lookup("Azaz").Where(p => _gazetteer.CountryCode(p) == "SY").Select(_gazetteer.GeonameId).First(), place);
    }

    [Fact]
    public void CountryGeometry_Syria_ContainsAleppoButNotGaziantep()
    {
        var syria = _gazetteer.CountryGeometry("SY");

        Assert.NotNull(syria);
        Assert.True(syria.Covers(new NetTopologySuite.Geometries.Point(37.16, 36.20))); // Aleppo (lon, lat)
        Assert.False(syria.Covers(new NetTopologySuite.Geometries.Point(37.38, 37.06))); // Gaziantep, Turkey
    }

    [Fact]
    public void CountryPlace_Alpha3Code_FindsTheSameCountryAsAlpha2()
    {
        Assert.Equal(_gazetteer.CountryPlace("TR"), _gazetteer.CountryPlace("TUR"));
        Assert.Equal(-1, _gazetteer.CountryPlace("XX"));
    }
    [Fact]
    public void Lookup_ProvinceGeoNamesWritesTypeFirst_FindsItByItsBareName()
    {
        // GeoNames' "Province of Bulacan" (Philippines) is "Bulacan" in the news.
        Assert.Contains(_gazetteer.Lookup("Bulacan"), p => _gazetteer.Kind(p) == PlaceKind.Admin2 && _gazetteer.CountryCode(p) == "PH");
    }
}
