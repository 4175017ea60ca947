using System.Globalization;
using System.Security;
using System.Text.Json.Nodes;
using NgoMonitor.Tests.TestKit;

namespace NgoMonitor.Tests.Host.Alerts;

/// <summary>Builds the feeds and configuration of the alerting end-to-end tests: invented stories placed in Azaz.</summary>
public static class AlertScenario
{
    /// <summary>A protected place about 18 km north of Azaz: alerts say "Azaz, 18 km S of" it and get no close-range step.</summary>
    public const double FenceLat = 36.75, FenceLon = 37.05;

    public static string Rss(DateTimeOffset published, params (string Guid, string Title, string Summary)[] items)
    {
        var body = string.Concat(items.Select(i => $"""
            <item><title>{SecurityElement.Escape(i.Title)}</title><link>http://example.org/stories/{i.Guid}</link>
            <guid isPermaLink="false">{i.Guid}</guid><pubDate>{published.ToString("r", CultureInfo.InvariantCulture)}</pubDate>
            <description>{SecurityElement.Escape(i.Summary)}</description></item>
            """));
        return $"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test</title><link>http://example.org/</link><description>Invented stories</description>{body}</channel></rss>""";
    }

    /// <summary>
    /// Watchlists "unrest" (moderate: protest*) and "violence" (extreme: airstrike*, bomb*, gunfire, kidnap*), both
    /// fenced 40 km around the protected place and alerting recipient "officer" (and "desk" when given).
    /// </summary>
    public static string Config(IEnumerable<(string Id, Uri Url)> feeds, JsonObject officer, JsonObject? desk = null)
    {
        officer["id"] = "officer";
        var recipients = new JsonArray(officer);
        if (desk is not null)
        {
            desk["id"] = "desk";
            recipients.Add(desk);
        }

        JsonObject Watchlist(string id, string severity, params string[] any) => new()
        {
            ["id"] = id,
            ["name"] = id + " near the office",
            ["severity"] = severity,
            ["rules"] = new JsonArray(new JsonObject { ["any"] = new JsonArray([.. any.Select(a => (JsonNode)a)]) }),
            ["geofences"] = new JsonArray(new JsonObject { ["name"] = "Azaz office", ["lat"] = FenceLat, ["lon"] = FenceLon, ["radiusKm"] = 40 }),
            ["recipients"] = new JsonArray("officer"),
        };

        var config = new JsonObject
        {
            ["feeds"] = new JsonArray([.. feeds.Select(f => (JsonNode)new JsonObject
            {
                ["id"] = f.Id, ["name"] = "Wire " + f.Id, ["url"] = f.Url.AbsoluteUri, ["minIntervalMinutes"] = 1, ["allowPrivateNetwork"] = true,
            })]),
            ["recipients"] = recipients,
            ["watchlists"] = new JsonArray(Watchlist("unrest", "moderate", "protest*"), Watchlist("violence", "extreme", "airstrike*", "bomb*", "gunfire", "kidnap*", "shelling")),
        };
        return TestConfig.Write(config.ToJsonString());
    }

    public static JsonObject Officer(string phone = "+15005550006", string? email = null, params string[] channels)
    {
        var officer = new JsonObject { ["name"] = "Field officer", ["phone"] = phone, ["timeZone"] = "UTC" };
        if (email is not null)
        {
            officer["email"] = email;
        }

        officer["channels"] = new JsonArray([.. (channels.Length == 0 ? ["sms"] : channels).Select(c => (JsonNode)c)]);
        return officer;
    }
}
