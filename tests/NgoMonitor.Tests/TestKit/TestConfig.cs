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

    /// <summary>The sample configuration with one feed, "test-desk", and no watchlists.</summary>
    public static string WithoutWatchlists(Uri feed)
    {
        var config = JsonNode.Parse(File.ReadAllText(FromSamples(("test-desk", feed))))!.AsObject();
        config["watchlists"] = new JsonArray();
        return Write(config.ToJsonString());
    }
}
