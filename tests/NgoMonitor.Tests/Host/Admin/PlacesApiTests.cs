using System.Net;
using System.Text.Json.Nodes;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin;

/// <summary>The map's gazetteer routes against the real app: place search and the labels of a view.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PlacesApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SearchPlaces_Goma_FindsTheTownInDrCongoFirst_ForAViewer()
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        using var response = await admin.SendAsync(HttpMethod.Get, "/api/places?q=goma&top=5", "viewer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var first = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray()[0]!;
        Assert.Equal("Goma", first["name"]!.GetValue<string>());
        Assert.Equal("CD", first["countryCode"]!.GetValue<string>());
        Assert.Equal("town", first["kind"]!.GetValue<string>());
        Assert.InRange(first["lat"]!.GetValue<double>(), -1.8, -1.5);
    }

    [Fact]
    public async Task SearchPlaces_ASpellingOtherThanTheGazetteersName_SaysWhichSpellingMatched()
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        using var response = await admin.SendAsync(HttpMethod.Get, "/api/places?q=Azaz&country=SY", "viewer");

        var first = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray()[0]!;
        Assert.Equal("Azaz", first["matched"]!.GetValue<string>());
        Assert.InRange(first["lat"]!.GetValue<double>(), 36.5, 36.7);
    }

    [Fact]
    public async Task SearchPlaces_ACampName_FindsTheCampFromTheHumanitarianTable()
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        using var response = await admin.SendAsync(HttpMethod.Get, "/api/places?q=kakuma", "viewer");

        var places = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        Assert.Contains(places, p => p!["kind"]!.GetValue<string>() == "camp" && p["countryCode"]!.GetValue<string>() == "KE");
    }

    [Fact]
    public async Task PlaceLabels_ViewAroundAzaz_LabelTheTownAndItsRegion()
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        using var response = await admin.SendAsync(HttpMethod.Get, "/api/places/labels?west=36.5&south=35.8&east=37.6&north=37.0&top=40", "viewer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var places = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        Assert.Contains(places, p => Math.Abs(p!["lat"]!.GetValue<double>() - 36.5866) < 0.01 && Math.Abs(p["lon"]!.GetValue<double>() - 37.0463) < 0.01);
        Assert.Contains(places, p => p!["kind"]!.GetValue<string>() == "region");
        Assert.All(places, p => Assert.InRange(p!["lat"]!.GetValue<double>(), 35.8, 37.0));
    }

    [Theory]
    [InlineData("no query", "/api/places", "q")]
    [InlineData("query too long", "/api/places?q=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "q")]
    [InlineData("country not a code", "/api/places?q=goma&country=Congo", "country")]
    [InlineData("top out of range", "/api/places?q=goma&top=0", "top")]
    [InlineData("labels without a view", "/api/places/labels", "west")]
    [InlineData("latitude out of range", "/api/places/labels?west=0&south=-95&east=10&north=10", "south")]
    [InlineData("south of north", "/api/places/labels?west=0&south=20&east=10&north=10", "south")]
    public async Task Places_BadQuery_Answers400NamingTheField(string label, string path, string field)
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        using var response = await admin.SendAsync(HttpMethod.Get, path, "viewer");

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, label);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field]);
    }

    [Fact]
    public async Task Places_AnOfficerLink_IsForbidden()
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        using var response = await admin.SendAsync(HttpMethod.Get, "/api/places?q=goma", "officer");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
