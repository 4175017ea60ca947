using System.Text.Json.Nodes;

namespace NgoMonitor.Tests.TestKit;

/// <summary>Writes configuration files for tests: the shipped sample watchlists and recipients with the test's own feeds.</summary>
public static class TestConfig
{
    public static string FromSamples(params (string Id, Uri Url)[] feeds)
    {
        var config = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("samples", "monitor.config.json")))!.AsObject();
        config.Remove("$schema");
        config["feeds"] = new JsonArray([.. feeds.Select(f => (JsonNode)new JsonObject
        {
            ["id"] = f.Id,
            ["name"] = "Test feed " + f.Id,
            ["url"] = f.Url.AbsoluteUri,
            ["minIntervalMinutes"] = 1,
            ["allowPrivateNetwork"] = true,
        })]);
        return Write(config.ToJsonString());
    }

    public static string Write(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "monitor-test-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>
    /// The sample configuration (Syria offices) with one feed, "test-desk", and an officer in Goma: "goma-officer"
    /// (team "goma", area a 30 km circle around Goma), "goma-office" (fenced around Goma) and "goma-team-briefs" (for
    /// team "goma", no fence). The Goma officer is concerned by these two and the global sample watchlists only.
    /// </summary>
    public static string WithGomaOfficer(Uri feed)
    {
        var config = JsonNode.Parse(File.ReadAllText(FromSamples(("test-desk", feed))))!.AsObject();
        config["recipients"]!.AsArray().Add(JsonNode.Parse("""
            { "id": "goma-officer", "name": "Field security officer, Goma", "phone": "+15005550006", "email": "goma-officer@example.org",
              "timeZone": "Africa/Lubumbashi", "team": "goma", "area": { "name": "Goma", "lat": -1.6792, "lon": 29.2228, "radiusKm": 30 } }
            """));
        config["watchlists"]!.AsArray().Add(JsonNode.Parse("""
            { "id": "goma-office", "name": "Goma office", "severity": "severe", "rules": [{ "any": ["attack*", "clash*"] }],
              "geofences": [{ "name": "Goma office", "lat": -1.66, "lon": 29.24, "radiusKm": 25 }], "recipients": [] }
            """));
        config["watchlists"]!.AsArray().Add(JsonNode.Parse("""
            { "id": "goma-team-briefs", "name": "Goma team briefs", "severity": "moderate", "rules": [{ "any": ["kidnap*"] }], "teams": ["goma"], "recipients": [] }
            """));
        return Write(config.ToJsonString());
    }

    /// <summary>The sample configuration with one feed, "test-desk", and no watchlists.</summary>
    public static string WithoutWatchlists(Uri feed)
    {
        var config = JsonNode.Parse(File.ReadAllText(FromSamples(("test-desk", feed))))!.AsObject();
        config["watchlists"] = new JsonArray();
        return Write(config.ToJsonString());
    }
}
