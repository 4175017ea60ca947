using System.Text.Json;
using NgoMonitor.Host.Cli;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Cli;

public sealed class ScanCommandTests
{
    private static async Task<(int Exit, List<JsonElement> Lines, string Errors)> ScanAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Commands.RunAsync(["scan", .. args, "--watchlists", RepoPaths.Combine("samples", "monitor.config.json")], output, error);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return (exit, lines, error.ToString());
    }

    [Fact]
    public async Task Scan_FeedFile_PrintsOneJsonObjectPerMatchWithTheDocumentedFields()
    {
        var (exit, lines, _) = await ScanAsync("--input", RepoPaths.TestData("feeds", "azaz-hospital.xml"));

        Assert.Equal(0, exit);
        // The sample's country-fenced watchlist (Syria, outline from the gazetteer) matches the Azaz hospital too.
        Assert.Equal(["Attacks on health care", "Azaz field office", "Health facilities hit in Syria"], lines.Select(l => l.GetProperty("watchlist").GetString()).Order());
        var office = lines.Single(l => l.GetProperty("watchlist").GetString() == "Azaz field office");
        foreach (var field in new[] { "item_id", "title", "link", "watchlist", "category", "severity", "matched_terms", "score", "place_name", "lat", "lon", "distance_km", "place_method", "place_confidence", "direction" })
        {
            Assert.True(office.TryGetProperty(field, out _), field);
        }

        Assert.Equal("Azaz", office.GetProperty("place_name").GetString());
        Assert.Equal(0, office.GetProperty("distance_km").GetDouble());
        Assert.Equal("Severe", office.GetProperty("severity").GetString());
        Assert.Equal("NamedTown", office.GetProperty("place_method").GetString());
        Assert.InRange(office.GetProperty("place_confidence").GetDouble(), 0.01, 1);
    }

    [Fact]
    public async Task Scan_ItemsJsonl_MatchesItemsAndReportsBadLinesOnStderr()
    {
        var path = Path.Combine(Path.GetTempPath(), $"items-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(path,
        [
            """{"id":"1","title":"Border crossing closed north of A'zaz","text":"Trucks turned back."}""",
            """{"title":"no id"}""",
            "not json",
            """{"id":"2","title":"Clashes near the office","text":"Heavy fighting.","lat":36.60,"lon":37.05,"link":"https://example.org/2"}""",
            """{"id":"3","title":"Olive harvest","text":"Good year."}""",
        ]);

        var (exit, lines, errors) = await ScanAsync("--input", path);

        Assert.Equal(0, exit);
        Assert.Equal(["1", "2"], lines.Select(l => l.GetProperty("item_id").GetString()).Distinct().Order());
        Assert.Contains(lines, l => l.GetProperty("item_id").GetString() == "1" && l.GetProperty("fence").GetString() == "Azaz field office" && l.GetProperty("place_name").GetString() == "A'zaz");
        var pointed = lines.Single(l => l.GetProperty("item_id").GetString() == "2");
        Assert.InRange(pointed.GetProperty("distance_km").GetDouble(), 1, 3);
        Assert.Equal("GeoRssPoint", pointed.GetProperty("place_method").GetString());
        Assert.Equal(1, pointed.GetProperty("place_confidence").GetDouble());
        Assert.Equal("N", pointed.GetProperty("direction").GetString());
        Assert.Contains(":2: skipped", errors, StringComparison.Ordinal);
        Assert.Contains(":3: skipped", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_HealthCareMatch_PrintsTheModelsScoreAndAWatchlistWithoutModelPrintsNull()
    {
        var (_, lines, _) = await ScanAsync("--input", RepoPaths.TestData("feeds", "azaz-hospital.xml"));

        var health = lines.Single(l => l.GetProperty("watchlist").GetString() == "Attacks on health care");
        Assert.InRange(health.GetProperty("score").GetDouble(), 0, 1);
        Assert.Equal(JsonValueKind.Null, lines.Single(l => l.GetProperty("watchlist").GetString() == "Azaz field office").GetProperty("score").ValueKind);
    }

    [Theory]
    [InlineData(null, 32.9, 13.2)] // Tripoli, Libya: the larger namesake
    [InlineData("LB", 34.4, 35.8)] // Tripoli, Lebanon: the feed writes about Lebanon
    public async Task Scan_WithTheFeedsDeclaredCountry_ReadsASharedNameAsThatCountrysPlace(string? country, double lat, double lon)
    {
        var path = Path.Combine(Path.GetTempPath(), $"items-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(path, ["""{"id":"1","title":"Hospital shelled in Tripoli","text":"Two nurses were killed when shells hit the hospital."}"""]);

        var (exit, lines, _) = await ScanAsync(["--input", path, .. country is null ? Array.Empty<string>() : ["--country", country]]);

        Assert.Equal(0, exit);
        var health = lines.Single(l => l.GetProperty("watchlist").GetString() == "Attacks on health care");
        Assert.Equal((lat, lon), (Math.Round(health.GetProperty("lat").GetDouble(), 1), Math.Round(health.GetProperty("lon").GetDouble(), 1)));
    }

    [Theory]
    [InlineData("--country", "Lebanon", "--country: 'Lebanon' is not an ISO 3166-1 alpha-2 country code")]
    [InlineData("--home", "33.9,35.5", "--home: takes latitude, longitude and radius in km")]
    [InlineData("--home", "33.9,35.5,900", "--home: 900 is outside 1-500 km")]
    public async Task Scan_BadFeedDeclaration_IsAUsageErrorSayingWhichOption(string option, string value, string message)
    {
        var (exit, lines, errors) = await ScanAsync("--input", RepoPaths.TestData("feeds", "azaz-hospital.xml"), option, value);

        Assert.Equal(2, exit);
        Assert.Empty(lines);
        Assert.Contains(message, errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_NoInput_IsAUsageError()
    {
        var (exit, _, errors) = await ScanAsync();

        Assert.Equal(2, exit);
        Assert.Contains("--input", errors, StringComparison.Ordinal);
    }
}
