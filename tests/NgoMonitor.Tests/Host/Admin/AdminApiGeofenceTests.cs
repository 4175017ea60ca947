using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Tests.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin;

/// <summary>The admin API with geofences of every kind: CRUD, GeoJSON import and export, countries, preview.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AdminApiGeofenceTests(AzuriteFixture azurite)
{
    private const string AzazSquare = "[[[36.95,36.5],[37.15,36.5],[37.15,36.7],[36.95,36.7],[36.95,36.5]]]";

    private static string PolygonWatchlist(string id) =>
        $$$"""
        {"id":"{{{id}}}","name":"Azaz area","severity":"severe","rules":[{"any":["shell*"]}],
         "geofences":[{"kind":"polygon","name":"Azaz area","geometry":{"type":"Polygon","coordinates":{{{AzazSquare}}}},"site":{"name":"Azaz office","lat":36.5866,"lon":37.0463}},
                      {"kind":"country","name":"Syria","country":"SY"}],
         "recipients":["azaz-officer"]}
        """;

    [Fact]
    public async Task CreateWatchlist_WithAPolygonOf9000Positions_IsAcceptedAsTheConfigFileWouldAcceptIt()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        // A circle-like ring of 9,000 corners around Azaz, written with full precision: about 350 KB of JSON.
        var ring = Enumerable.Range(0, 9_000)
            .Select(i => 2 * Math.PI * i / 9_000)
            .Select(a => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{37.0463 + (0.2 * Math.Cos(a)):F12},{36.5866 + (0.15 * Math.Sin(a)):F12}]"))
            .ToList();
        ring.Add(ring[0]);
        var body = $$$"""
            {"id":"azaz-fine","name":"Azaz, fine outline","severity":"severe","rules":[{"any":["shell*"]}],
             "geofences":[{"kind":"polygon","name":"Azaz fine","geometry":{"type":"Polygon","coordinates":[[{{{string.Join(',', ring)}}}]]}}],
             "recipients":["azaz-officer"]}
            """;

        using var created = await admin.SendAsync(HttpMethod.Post, "/api/watchlists", json: body);

        Assert.InRange(body.Length, 300_000, 1_000_000);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CreateWatchlist_WithAPolygonAndACountry_StoresBothAndReadsThemBack()
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        using var created = await admin.SendAsync(HttpMethod.Post, "/api/watchlists", json: PolygonWatchlist("azaz-area"));
        using var read = await admin.SendAsync(HttpMethod.Get, "/api/watchlists/azaz-area", "viewer");

        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var fences = JsonNode.Parse(await read.Content.ReadAsStringAsync())!["geofences"]!.AsArray();
        Assert.Equal("polygon", fences[0]!["kind"]!.GetValue<string>());
        Assert.Equal(5, fences[0]!["geometry"]!["coordinates"]![0]!.AsArray().Count);
        Assert.Equal("Azaz office", fences[0]!["site"]!["name"]!.GetValue<string>());
        Assert.Equal("SY", fences[1]!["country"]!.GetValue<string>());
        var row = (await admin.Host.RowsAsync("Watchlists")).Single(r => r.RowKey == "azaz-area");
        Assert.Contains("\"kind\":\"polygon\"", row.GetString("Json"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ring not closed", """{"kind":"polygon","geometry":{"type":"Polygon","coordinates":[[[37,36.5],[37.2,36.5],[37.2,36.7],[37,36.7]]]}}""", "geofences[0].geometry", "is not closed")]
    [InlineData("unknown country", """{"kind":"country","country":"XA"}""", "geofences[0].country", "is not a country with a Natural Earth outline")]
    [InlineData("corridor without buffer", """{"kind":"corridor","geometry":{"type":"LineString","coordinates":[[37,36.5],[37.2,36.7]]}}""", "geofences[0].bufferKm", "a corridor needs bufferKm")]
    public async Task CreateWatchlist_WithAnInvalidFence_Answers400NamingTheFieldAndStoresNothing(string label, string fence, string field, string message)
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        var body = $$"""{"id":"bad","rules":[{"any":["x"]}],"geofences":[{{fence}}]}""";

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/watchlists", json: body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{label}: {(int)response.StatusCode}");
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!;
        Assert.True(errors[field]?.ToJsonString().Contains(message, StringComparison.Ordinal) == true, $"{label}: {errors.ToJsonString()}");
        Assert.DoesNotContain(await admin.Host.RowsAsync("Watchlists"), r => r.RowKey == "bad");
    }

    [Fact]
    public async Task ImportGeoJson_WithOneBadFeature_Answers400NamingItAndStoresNothing()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        using var read = await admin.SendAsync(HttpMethod.Get, "/api/watchlists/azaz-office");
        var auditBefore = (await admin.Host.RowsAsync("Audit")).Count;
        var geojson = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[36.95,36.5],[37.15,36.5],[37.15,36.7],[36.95,36.5]]]},"properties":{"name":"Good"}},
              {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[36.95,36.5],[37.15,36.5],[37.15,36.7],[36.95,36.7]]]},"properties":{"name":"Broken"}},
              {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[36.5,37],[36.5,137.2],[36.7,137.2],[36.5,37]]]},"properties":{"name":"Swapped"}}]}
            """;

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/watchlists/azaz-office/geofences", json: geojson, etag: read.Headers.ETag!.ToString(), contentType: "application/geo+json");
        using var after = await admin.SendAsync(HttpMethod.Get, "/api/watchlists/azaz-office");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal(["features[1]", "features[2]"], errors.Select(e => e.Key).Order());
        Assert.Contains("feature 2 (Broken): polygon, outer ring is not closed", errors["features[1]"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("looks like [latitude, longitude]", errors["features[2]"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(read.Headers.ETag, after.Headers.ETag);
        Assert.Equal(auditBefore, (await admin.Host.RowsAsync("Audit")).Count);
    }

    [Fact]
    public async Task ExportGeofences_ThenImportWithReplace_GivesTheSameFences()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        (await admin.SendAsync(HttpMethod.Post, "/api/watchlists", json: PolygonWatchlist("azaz-area"))).Dispose();
        using var before = await admin.SendAsync(HttpMethod.Get, "/api/watchlists/azaz-area");

        using var export = await admin.SendAsync(HttpMethod.Get, "/api/watchlists/azaz-area/geofences", "viewer");
        var geojson = await export.Content.ReadAsStringAsync();
        using var import = await admin.SendAsync(HttpMethod.Post, "/api/watchlists/azaz-area/geofences?mode=replace", json: geojson, etag: before.Headers.ETag!.ToString(), contentType: "application/geo+json");
        using var after = await admin.SendAsync(HttpMethod.Get, "/api/watchlists/azaz-area");

        Assert.Equal("application/geo+json", export.Content.Headers.ContentType!.MediaType);
        var features = JsonNode.Parse(geojson)!["features"]!.AsArray();
        Assert.Equal(["Polygon", null], features.Select(f => f!["geometry"]?["type"]?.GetValue<string>()));
        Assert.Equal("SY", features[1]!["properties"]!["country"]!.GetValue<string>());
        Assert.True(import.StatusCode == HttpStatusCode.OK, await import.Content.ReadAsStringAsync());
        Assert.Equal(
            JsonNode.Parse(await before.Content.ReadAsStringAsync())!["geofences"]!.ToJsonString(),
            JsonNode.Parse(await after.Content.ReadAsStringAsync())!["geofences"]!.ToJsonString());
    }

    [Fact]
    public async Task ExportGeofences_StoredCountryCodeTheGazetteerDoesNotKnow_ExportsTheCodeAndTheImportRejectsThatFeature()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        (await admin.SendAsync(HttpMethod.Post, "/api/watchlists", json: PolygonWatchlist("azaz-area"))).Dispose();
        // A row saved before the gazetteer dropped the code, written straight to the table past the API's check.
        var store = admin.Host.App.Services.GetRequiredService<TableConfigEntries>();
        var stored = (await store.GetAsync<WatchlistEntry>(ConfigKind.Watchlists, "azaz-area", CancellationToken.None))!;
        stored.Value.Geofences[1].Country = "XA";
        var etag = await store.ReplaceAsync(ConfigKind.Watchlists, "azaz-area", stored.Value, stored.ETag, CancellationToken.None);

        using var export = await admin.SendAsync(HttpMethod.Get, "/api/watchlists/azaz-area/geofences", "viewer");
        var geojson = await export.Content.ReadAsStringAsync();
        using var import = await admin.SendAsync(HttpMethod.Post, "/api/watchlists/azaz-area/geofences?mode=replace", json: geojson, etag: etag, contentType: "application/geo+json");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var country = JsonNode.Parse(geojson)!["features"]![1]!;
        Assert.Null(country["geometry"]);
        Assert.Equal("XA", country["properties"]!["country"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, import.StatusCode);
        var errors = JsonNode.Parse(await import.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal(["features[1]"], errors.Select(e => e.Key));
        Assert.Contains("no outline for country code \"XA\"", errors["features[1]"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Countries_ListAndOutline_AreTheGazetteersNaturalEarthOutlines()
    {
        await using var admin = await AdminHost.StartAsync(azurite);

        using var list = await admin.SendAsync(HttpMethod.Get, "/api/countries", "viewer");
        using var syria = await admin.SendAsync(HttpMethod.Get, "/api/countries/syr", "viewer");
        using var unknown = await admin.SendAsync(HttpMethod.Get, "/api/countries/XA", "viewer");

        Assert.Contains(JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray(), c => c!["code"]!.GetValue<string>() == "SY");
        var feature = JsonNode.Parse(await syria.Content.ReadAsStringAsync())!;
        Assert.Equal("SY", feature["properties"]!["code"]!.GetValue<string>());
        Assert.Equal("MultiPolygon", feature["geometry"]!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Preview_WithAPolygonFence_MatchesItemsInsideAndMeasuresFromTheSite()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        await using var admin = await AdminHost.StartAsync(azurite, TestConfig.FromSamples(("test-desk", feeds.Url("desk.xml"))));
        await admin.Host.PollFeedsAndDrainAsync();
        var draft = $$"""{"watchlist":{{PolygonWatchlist("draft").Replace("{\"kind\":\"country\",\"name\":\"Syria\",\"country\":\"SY\"}", "{\"kind\":\"polygon\",\"name\":\"Far away\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}}", StringComparison.Ordinal)}},"days":3}""";

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/watchlists/preview", json: draft);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var match = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["matches"]!.AsArray());
        Assert.Equal("Hospital in Azaz evacuated after shelling hits nearby streets", match!["title"]!.GetValue<string>());
        Assert.Equal("Azaz office", match["fenceName"]!.GetValue<string>());
        Assert.False(match["inside"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Preview_ItemOfAFeedDeclaringItsCountry_IsPlacedAsThePollPlacesIt()
    {
        await using var feeds = await FeedServer.StartAsync();
        feeds.ServeText("tripoli.xml", """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Lebanon desk</title><link>https://example.org/</link><description>x</description>
            <item><guid>t1</guid><title>Clashes in Tripoli overnight</title><description>Heavy fighting between gunmen in the city.</description><pubDate>Thu, 03 Dec 2026 08:00:00 GMT</pubDate></item>
            </channel></rss>
            """);
        var config = JsonNode.Parse(File.ReadAllText(TestConfig.FromSamples(("lebanon-desk", feeds.Url("tripoli.xml")))))!.AsObject();
        config["feeds"]![0]!["country"] = "LB";
        await using var admin = await AdminHost.StartAsync(azurite, TestConfig.Write(config.ToJsonString()));
        await admin.Host.PollFeedsAndDrainAsync();
        var draft = """{"watchlist":{"name":"Tripoli office","rules":[{"any":["clash*"]}],"geofences":[{"name":"Tripoli office","lat":34.43,"lon":35.84,"radiusKm":20}]},"days":3}""";

        using var response = await admin.SendAsync(HttpMethod.Post, "/api/watchlists/preview", json: draft);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var match = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["matches"]!.AsArray());
        // Tripoli in Lebanon, at the office; read without the feed's country it would be Tripoli in Libya.
        Assert.Equal(("Tripoli", "Tripoli office"), (match!["placeName"]!.GetValue<string>(), match["fenceName"]!.GetValue<string>()));
        Assert.InRange(match["distanceKm"]!.GetValue<double>(), 0, 20);
    }
}
