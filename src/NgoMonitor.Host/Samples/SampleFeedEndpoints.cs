using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace NgoMonitor.Host.Samples;

/// <summary>
/// Serves the bundled demo feeds (samples/feeds/) at /samples/feeds/{file}, so `run` shows the whole pipeline offline.
/// Dates in the files are written as {{minutes-ago:N}} and rendered once, relative to the app's start, so the stories
/// are fresh news on every run and the files stay byte-identical between polls (the second poll gets a 304). Links are
/// written as {{base}} and rendered as the address this process listens on, so no port is hard-coded.
/// </summary>
public static partial class SampleFeedEndpoints
{
    public static WebApplication MapSampleFeeds(this WebApplication app)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "samples", "feeds");
        var startedAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var rendered = new Dictionary<string, (byte[] Body, string ETag)>(StringComparer.Ordinal);
        var gate = new Lock();
        var server = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>();

        app.MapGet("/samples/feeds/{file}", (string file, HttpRequest request) =>
        {
            if (!SafeName().IsMatch(file) || !File.Exists(Path.Combine(folder, file)))
            {
                return Results.NotFound();
            }

            (byte[] Body, string ETag) feed;
            lock (gate)
            {
                if (!rendered.TryGetValue(file, out feed))
                {
                    // The server's own address, never the request's Host header (any client sets that).
                    var self = NgoMonitor.Adapters.Admin.ConfigSeeder.SelfAddress(server)?.AbsoluteUri.TrimEnd('/') ?? "";
                    var text = Render(File.ReadAllText(Path.Combine(folder, file)), startedAt, file.EndsWith(".json", StringComparison.Ordinal)).Replace("{{base}}", self, StringComparison.Ordinal);
                    var body = Encoding.UTF8.GetBytes(text);
                    feed = rendered[file] = (body, "\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..16] + "\"");
                }
            }

            if (request.Headers.IfNoneMatch.ToString() == feed.ETag)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            request.HttpContext.Response.Headers.ETag = feed.ETag;
            var type = file.EndsWith(".json", StringComparison.Ordinal) ? "application/feed+json" : "application/xml";
            return Results.Bytes(feed.Body, type + "; charset=utf-8");
        });
        return app;
    }

    /// <summary>Replaces {{minutes-ago:N}} with the time N minutes before <paramref name="now"/>: RFC 3339 in JSON Feed, RFC 1123 otherwise.</summary>
    public static string Render(string template, DateTimeOffset now, bool rfc3339) =>
        MinutesAgo().Replace(template, m =>
        {
            var at = now.AddMinutes(-int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToUniversalTime();
            return rfc3339 ? at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : at.ToString("R", CultureInfo.InvariantCulture);
        });

    [GeneratedRegex(@"\{\{minutes-ago:(\d{1,5})\}\}")]
    private static partial Regex MinutesAgo();

    [GeneratedRegex(@"^[A-Za-z0-9_-]+\.(xml|json)$")]
    private static partial Regex SafeName();
}
