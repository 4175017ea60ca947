using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin;

// One piece past ~400 lines: the generated payloads and the fixed cases are one table of refusals run against one
// host, so every route's hostile input stays in one place beside the count docs/security.md states.
/// <summary>
/// Hostile and malformed payloads, generated deterministically (seeded) across every write and action route (the
/// feed tools included), and bad queries of the map's place routes: wrong JSON types,
/// huge strings, script in names, unknown fields, invalid coordinates, broken JSON and XML, wrong content types.
/// Each must answer 4xx with problem details, never 5xx, and leave every table exactly as it was.
/// Every mutation is chosen so the result is invalid by the API's documented rules (see docs/admin-api.md).
/// <see cref="Payloads"/> generated payloads, then the <see cref="Fixed"/> ones (nulls where lists are required,
/// numbers JSON cannot store, duplicate and case-variant keys, invisible and bidirectional characters, officer links
/// on routes they do not open): <see cref="TotalPayloads"/> in all, the figure docs/security.md states. The
/// acknowledgement page, the incident view and the CAP feed's signed URL get hostile tokens and bodies of their own.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AdminApiFuzzTests(AzuriteFixture azurite)
{
    private const int Payloads = 1200;

    private static readonly string[] Hostile =
    [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "<svg/onload=alert(1)>", "a<b", "javascript:alert(1)>",
    ];

    /// <summary>Payloads that once answered 500 or were accepted, each refused by a rule of docs/admin-api.md.</summary>
    private static readonly (string Method, string Path, string Who, string Body)[] Fixed =
    [
        ("POST", "/api/watchlists", "admin", """{"id":"fz-n1","name":"W","rules":[{"any":null}],"recipients":["azaz-officer"]}"""),
        ("POST", "/api/watchlists", "admin", """{"id":"fz-n2","name":"W","rules":[{"any":["x"],"all":null}],"recipients":["azaz-officer"]}"""),
        ("POST", "/api/watchlists", "admin", """{"id":"fz-n3","name":"W","rules":[{"any":["x"],"none":null}],"recipients":["azaz-officer"]}"""),
        ("POST", "/api/watchlists", "admin", """{"id":"fz-n4","name":"W","rules":null,"recipients":["azaz-officer"]}"""),
        ("POST", "/api/watchlists", "admin", """{"id":"fz-n5","name":"W","rules":[{"any":["x"]}],"recipients":null}"""),
        ("POST", "/api/watchlists", "admin", """{"id":"fz-n6","name":"W","rules":[{"any":["x"]}],"geofences":null,"recipients":["azaz-officer"]}"""),
        ("PUT", "/api/watchlists/azaz-office", "admin", """{"id":"azaz-office","name":"W","rules":[{"any":[null]}],"recipients":["azaz-officer"]}"""),
        ("POST", "/api/watchlists/preview", "admin", """{"watchlist":null,"days":3}"""),
        ("POST", "/api/watchlists/validate", "admin", """{"id":"fz-n7","rules":[{"all":null}]}"""),
        ("POST", "/api/feeds", "admin", """{"id":"fz-nan","url":"https://example.org/rss","minIntervalMinutes":"NaN"}"""),
        ("POST", "/api/feeds", "admin", """{"id":"fz-inf","url":"https://example.org/rss","minIntervalMinutes":"Infinity"}"""),
        ("POST", "/api/feeds", "admin", """{"id":"fz-ninf","url":"https://example.org/rss","minIntervalMinutes":"-Infinity"}"""),
        ("POST", "/api/feeds", "admin", """{"id":"fz-big","url":"https://example.org/rss","minIntervalMinutes":1e400}"""),
        ("PUT", "/api/feeds/test-desk", "admin", """{"id":"test-desk","url":"https://example.org/rss","minIntervalMinutes":"NaN"}"""),
        ("POST", "/api/recipients", "admin", """{"id":"fz-q","email":"q@example.org","quietHours":null,"smsPerHour":1e400}"""),
        ("POST", "/api/feeds", "admin", """{"id":"fz-dup","id":"other","url":"https://example.org/rss"}"""),
        ("POST", "/api/feeds", "admin", """{"id":"fz-case","ID":"other","url":"https://example.org/rss"}"""),
        ("POST", "/api/feeds", "admin", """{"id":"fz-case2","url":"https://example.org/rss","URL":"http://127.0.0.1/"}"""),
        ("POST", "/api/recipients", "admin", """{"id":"fz-dup2","email":"a@example.org","email":"b@example.org"}"""),
        ("PUT", "/api/subscriptions/azaz-officer", "officer", """{"channels":["sms"],"Channels":["email"]}"""),
        ("PUT", "/api/subscriptions/azaz-officer", "officer", """{"watchlists":["health-care"],"watchlists":[]}"""),
        ("POST", "/api/feeds", "admin", "{\"id\":\"fz-bidi\",\"name\":\"Reuters\u202Egnp.exe\",\"url\":\"https://example.org/rss\"}"),
        ("POST", "/api/feeds", "admin", "{\"id\":\"fz-rlo\",\"name\":\"Reuters \u2067x\u2069\",\"url\":\"https://example.org/rss\"}"),
        ("POST", "/api/recipients", "admin", "{\"id\":\"fz-zw\",\"name\":\"Desk\u200B\",\"email\":\"z@example.org\"}"),
        ("POST", "/api/watchlists", "admin", "{\"id\":\"fz-bom\",\"name\":\"\uFEFFHealth\",\"rules\":[{\"any\":[\"x\"]}],\"recipients\":[\"azaz-officer\"]}"),
        ("POST", "/api/watchlists", "admin", "{\"id\":\"fz-lrm\",\"name\":\"W\",\"rules\":[{\"any\":[\"shell\u200Fing\"]}],\"recipients\":[\"azaz-officer\"]}"),
        ("PUT", "/api/subscriptions/azaz-officer", "officer", """{"watchlists":[{"id":"health-care"}]}"""),
        ("PUT", "/api/subscriptions/azaz-officer", "officer", """{"watchlists":["health-care",{"id":"azaz-office","subscribed":true}]}"""),
        ("PUT", "/api/subscriptions/azaz-officer", "officer", """{"watchlists":[{"id":"health-care","subscribed":"yes"}]}"""),
        ("PUT", "/api/subscriptions/azaz-officer", "officer", """{"watchlists":[{"id":"health-care","subscribed":true,"recipients":["x"]}]}"""),
        ("PUT", "/api/subscriptions/azaz-officer", "officer", """{"recipientId":"security-desk","watchlists":[]}"""),
        ("PUT", "/api/subscriptions/azaz-officer", "officer", """{"availableChannels":["sms","email"]}"""),
        ("PUT", "/api/subscriptions/azaz-officer", "officer", """{"name":"Renamed"}"""),
        ("PUT", "/api/subscriptions/azaz-officer", "officer", """{"channels":["email"]}"""),
        ("PUT", "/api/subscriptions/azaz-officer", "officer", """{"channels":null,"watchlists":["no-such-watchlist"]}"""),
        ("PUT", "/api/subscriptions/security-desk", "officer", """{"watchlists":[]}"""),
        ("POST", "/api/subscriptions/azaz-officer/link", "officer", "{}"),
        ("PUT", "/api/recipients/azaz-officer", "officer", """{"id":"azaz-officer","phone":"+15005550006"}"""),
        ("POST", "/api/feeds", "officer", """{"id":"fz-o","url":"https://example.org/rss"}"""),
        ("PUT", "/api/watchlists/azaz-office", "officer", Watchlist("azaz-office")),
        ("PUT", "/api/subscriptions/azaz-officer", "expired", """{"watchlists":[]}"""),
        ("POST", "/api/feeds", "admin", """{"url":"not a url"}"""),
        ("POST", "/api/feeds", "admin", """{"url":"https://example.org/rss","folder":"<b>Africa</b>"}"""),
        ("POST", "/api/feeds/test", "admin", """{"url":"file:///etc/passwd"}"""),
        ("POST", "/api/feeds/test", "admin", """{"url":"http://169.254.169.254/latest/meta-data","allowPrivateNetwork":true}"""),
        ("POST", "/api/feeds/test", "viewer", """{"url":"https://example.org/rss"}"""),
        ("POST", "/api/feeds/discover", "admin", """{"url":null}"""),
        ("POST", "/api/feeds/discover", "admin", """{"url":"http://metadata.google.internal/computeMetadata/v1/"}"""),
        ("POST", "/api/feeds/discover", "officer", """{"url":"https://example.org/"}"""),
        ("POST", "/api/feeds/no-such-feed/poll", "admin", "{}"),
        ("POST", "/api/feeds/test-desk/poll", "viewer", "{}"),
        ("POST", "/api/feeds/test-desk/poll", "officer", "{}"),
        ("GET", "/api/feeds/test-desk/poll", "admin", ""),
        ("GET", "/api/places?q=", "admin", ""),
        ("GET", "/api/places?q=goma&top=1000", "admin", ""),
        ("GET", "/api/places?q=goma&country=%3Cscript%3E", "admin", ""),
        ("GET", "/api/places/labels?west=abc&south=0&east=1&north=1", "admin", ""),
        ("GET", "/api/places/labels?west=NaN&south=0&east=1&north=1", "admin", ""),
        ("GET", "/api/places/labels?west=0&south=0&east=1&north=1e999", "admin", ""),
        ("GET", "/api/places?q=goma", "officer", ""),
        ("PUT", "/api/subscriptions/azaz-officer", "officer", """{"minSeverity":"urgent"}"""),
        ("PUT", "/api/subscriptions/azaz-officer", "officer", """{"language":"de","channels":["sms"]}"""),
        ("PUT", "/api/subscriptions/azaz-officer", "officer", """{"quietHours":{"start":"25:00","end":"06:00"}}"""),
        ("PUT", "/api/subscriptions/azaz-officer", "officer", """{"quietHours":{"start":"22:00","end":""}}"""),
        ("PUT", "/api/subscriptions/azaz-officer", "officer", """{"quietHours":"22:00-06:00"}"""),
        ("PUT", "/api/subscriptions/azaz-officer", "officer", """{"timeZone":"Europe/Paris","minSeverity":"severe"}"""),
        ("POST", "/api/recipients", "admin", """{"id":"fz-area","email":"a@example.org","area":{"lat":91,"lon":0,"radiusKm":5}}"""),
        ("POST", "/api/recipients", "admin", """{"id":"fz-team","email":"t@example.org","team":"<b>goma</b>"}"""),
        ("POST", "/api/watchlists", "admin", """{"id":"fz-teams","name":"W","rules":[{"any":["x"]}],"teams":["a b"],"recipients":["azaz-officer"]}"""),
    ];

    private const int TotalPayloads = 1200 + 69;

    private sealed record Route(string Method, string Path, string Body, string ContentType, bool Json, bool NeedsETag, string? ETagSource);

    [Fact]
    public async Task WriteRoutes_HostilePayloads_Answer4xxProblemsAndStoreNothing()
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        Route[] routes =
        [
            new("POST", "/api/feeds", """{"id":"fz-feed","name":"Feed","url":"https://example.org/rss","minIntervalMinutes":5,"allowPrivateNetwork":false,"language":"en"}""", "application/json", true, false, null),
            new("PUT", "/api/feeds/test-desk", """{"id":"test-desk","name":"Feed","url":"https://example.org/rss","minIntervalMinutes":5}""", "application/json", true, true, "/api/feeds/test-desk"),
            new("POST", "/api/recipients", """{"id":"fz-r","name":"R","phone":"+15005550006","email":"r@example.org","channels":["sms","email"],"timeZone":"UTC"}""", "application/json", true, false, null),
            new("PUT", "/api/recipients/security-desk", """{"id":"security-desk","name":"Desk","email":"d@example.org","channels":["email"],"timeZone":"Europe/Zurich"}""", "application/json", true, true, "/api/recipients/security-desk"),
            new("POST", "/api/watchlists", Watchlist("fz-w"), "application/json", true, false, null),
            new("POST", "/api/watchlists", PolygonWatchlist("fz-poly"), "application/json", true, false, null),
            new("PUT", "/api/watchlists/azaz-office", PolygonWatchlist("azaz-office"), "application/json", true, true, "/api/watchlists/azaz-office"),
            new("PUT", "/api/watchlists/azaz-office", Watchlist("azaz-office"), "application/json", true, true, "/api/watchlists/azaz-office"),
            new("POST", "/api/watchlists/validate", Watchlist("fz-v"), "application/json", true, false, null),
            new("POST", "/api/watchlists/preview", $$"""{"watchlist":{{Watchlist("fz-p")}},"days":3}""", "application/json", true, false, null),
            new("PUT", "/api/subscriptions/azaz-officer", """{"watchlists":["health-care"],"channels":["sms"],"minSeverity":"moderate","quietHours":{"start":"22:00","end":"06:00"},"language":"fr"}""", "application/json", true, true, "/api/subscriptions/azaz-officer"),
            new("POST", "/api/watchlists/azaz-office/geofences", """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[37.1,36.6]},"properties":{"name":"Clinic","radiusKm":5}}]}""", "application/geo+json", false, true, "/api/watchlists/azaz-office"),
            new("POST", "/api/watchlists/azaz-office/geofences", """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[37.0,36.5],[37.2,36.5],[37.2,36.7],[37.0,36.5]]]},"properties":{"name":"Area"}},{"type":"Feature","geometry":null,"properties":{"name":"Syria","country":"SY"}}]}""", "application/geo+json", false, true, "/api/watchlists/azaz-office"),
            new("POST", "/api/import/opml", """<?xml version="1.0"?><opml version="2.0"><body><outline text="Fuzz" xmlUrl="https://fuzz.example.org/rss"/></body></opml>""", "text/x-opml", false, false, null),
            // The feed tools get loopback without the allowance: the network guard refuses it before connecting, so a
            // mutation that passes validation still reaches nothing.
            new("POST", "/api/feeds/test", """{"name":"Feed","url":"http://127.0.0.1:9/rss","folder":"Fuzz/Desk","language":"en","allowPrivateNetwork":false}""", "application/json", true, false, null),
            new("POST", "/api/feeds/discover", """{"url":"http://127.0.0.1:9/","allowPrivateNetwork":false}""", "application/json", true, false, null),
        ];
        var etags = new Dictionary<string, string>();
        foreach (var source in routes.Select(r => r.ETagSource).OfType<string>().Distinct())
        {
            using var read = await admin.SendAsync(HttpMethod.Get, source);
            etags[source] = read.Headers.ETag!.ToString();
        }

        var before = await SnapshotAsync(admin);
        var random = new Random(20261124);
        var failures = new List<string>();
        var kinds = new Dictionary<string, int>();
        for (var i = 0; i < Payloads; i++)
        {
            var route = routes[i % routes.Length];
            var (kind, body, contentType) = Mutate(route, random);
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path) { Content = new ByteArrayContent(body) };
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }

            request.Headers.TryAddWithoutValidation("X-Api-Key", route.Path.StartsWith("/api/subscriptions", StringComparison.Ordinal) ? "" : admin.AdminKey);
            if (route.Path.StartsWith("/api/subscriptions", StringComparison.Ordinal))
            {
                request.Headers.Add("X-Officer-Link", admin.OfficerLink);
            }

            if (route.ETagSource is { } s)
            {
                request.Headers.TryAddWithoutValidation("If-Match", etags[s]);
            }

            using var response = await admin.Client.SendAsync(request);
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (status is < 400 or >= 500 || mediaType != "application/problem+json")
            {
                var preview = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
                failures.Add($"#{i} {route.Method} {route.Path} [{kind}] → {status} {mediaType}: {preview}");
            }
        }

        foreach (var (method, path, who, json) in Fixed)
        {
            var source = path.EndsWith("/link", StringComparison.Ordinal) ? null : method == "PUT" ? path : null;
            string? etag = null;
            if (source is not null)
            {
                using var read = await admin.SendAsync(HttpMethod.Get, source, who is "officer" or "expired" ? "admin" : who);
                etag = read.Headers.ETag?.ToString();
            }

            using var response = await admin.SendAsync(new HttpMethod(method), path, who, json.Length == 0 ? null : json, etag);
            var status = (int)response.StatusCode;
            if (status is < 400 or >= 500)
            {
                failures.Add($"fixed {method} {path} as {who} → {status}: {json}");
            }
        }

        var after = await SnapshotAsync(admin);
        Assert.Equal(TotalPayloads, Payloads + Fixed.Length);
        Assert.True(failures.Count == 0, $"{failures.Count} of {TotalPayloads} payloads were not refused with a 4xx problem:\n{string.Join("\n", failures.Take(30))}");
        Assert.Equal(before, after);
        Assert.True(kinds.Count >= 10, string.Join(", ", kinds.Select(k => $"{k.Key}={k.Value}")));
    }

    /// <summary>Hostile tokens and ids for the acknowledgement page, the incident view and the CAP feed's signed URL.</summary>
    private static readonly string[] HostileTokens =
    [
        // ("." and ".." are left out: the client resolves them as dot segments before sending.)
        "", "x", "a.b", new string('f', 32) + "." + new string('A', 16), new string('f', 32) + "." + new string('A', 15), new string('a', 5000),
        "%00", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "<script>alert(1)</script>", "0123456789abcdef0123456789abcdef.'or'1'='1xxxxx", "a/b", "ß.ÄÖÜäöüÄÖÜäöüÄÖ",
        "\u202Egnp", "1.2.3", "-1.AAAA", "99999999999999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "PartitionKey eq 'x'",
    ];

    [Fact]
    public async Task AckCapAndIncidentRoutes_HostileTokensAndBodies_Answer4xxAndChangeNothing()
    {
        await using var admin = await AdminHost.StartAsync(azurite, null, "--Alerts:PublicBaseUrl=https://monitor.example.org", "--Alerts:AckLinkKey=test-ack-key-not-a-secret");
        var before = await SnapshotAsync(admin);
        var random = new Random(20261203);
        var failures = new List<string>();
        var requests = 0;
        foreach (var token in HostileTokens)
        {
            var escaped = Uri.EscapeDataString(token);
            foreach (var (method, path, who) in new[]
            {
                ("GET", "/a/" + escaped, "none"), ("POST", "/a/" + escaped, "none"), ("GET", "/cap/alerts.atom?feed=" + escaped, "none"),
                ("GET", "/api/incidents/" + escaped, "viewer"), ("GET", "/api/incidents/" + escaped, "officer"), ("POST", "/api/cap/link", "viewer"),
            })
            {
                var body = new byte[random.Next(0, 300)];
                random.NextBytes(body);
                using var request = admin.Request(new HttpMethod(method), path, who);
                if (method == "POST")
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(random.Next(3) switch { 0 => "application/x-www-form-urlencoded", 1 => "multipart/form-data; boundary=x", _ => "application/json" });
                }

                using var response = await admin.Client.SendAsync(request);
                requests++;
                var status = (int)response.StatusCode;
                if (status is < 400 or >= 500)
                {
                    failures.Add($"{method} {path} as {who} → {status}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} requests were not refused with a 4xx:\n{string.Join("\n", failures.Take(30))}");
        Assert.Equal(before, await SnapshotAsync(admin));
    }

    /// <summary>Invalid GeoJSON fence geometries: each breaks one RFC 7946 rule or one of Monitor's.</summary>
    private static readonly string[] BadGeometries =
    [
        """{"type":"Polygon","coordinates":[[[37,36],[37.2,36],[37.2,36.2],[37,36.2]]]}""", // ring not closed
        """{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}""", // bow tie: crosses itself
        """{"type":"Polygon","coordinates":[[[36.5,37],[36.5,137.2],[36.7,137.2],[36.5,37]]]}""", // [lat, lon]
        """{"type":"Polygon","coordinates":[[[0,0],[1,1],[0,0]]]}""", // too few positions
        """{"type":"Polygon","coordinates":[[[0,0],[1,95],[1,0],[0,0]]]}""", // latitude out of range
        """{"type":"Polygon","coordinates":[[[0,0],[200,1],[1,0],[0,0]]]}""", // longitude out of range
        """{"type":"Polygon","coordinates":[null]}""",
        """{"type":"Polygon","coordinates":[[["a","b"],[1,1],[1,0],["a","b"]]]}""",
        """{"type":"Polygon","coordinates":[]}""",
        """{"type":"Polygon","coordinates":"x"}""",
        """{"type":"Polygon"}""",
        """{"type":"Polygon","coordinates":[[[[[[0]]]]]]}""",
        """{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[20,20],[21,20],[21,21],[20,20]]]}""", // hole outside the shell
        """{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,6]]]]}""",
        """{"type":"MultiPolygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}""", // one level short
        """{"type":"GeometryCollection","geometries":[]}""",
        """{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"crs":{"type":"name"}}""", // unknown member
        """{"type":"LineString","coordinates":[[0,0],[1e999,1]]}""",
    ];

    private static string PolygonWatchlist(string id) =>
        $$$"""{"id":"{{{id}}}","name":"W","severity":"severe","rules":[{"any":["shell*"]}],"geofences":[{"kind":"polygon","name":"Area","geometry":{"type":"Polygon","coordinates":[[[37.0,36.5],[37.2,36.5],[37.2,36.7],[37.0,36.7],[37.0,36.5]]]},"site":{"name":"Office","lat":36.58,"lon":37.04}}],"recipients":["azaz-officer"]}""";

    private static string Watchlist(string id) =>
        $$"""{"id":"{{id}}","name":"W","category":"security","severity":"severe","rules":[{"any":["flood*","storm"],"all":["warning"],"none":["drill"]}],"geofences":[{"name":"Office","lat":36.58,"lon":37.04,"radiusKm":40}],"recipients":["azaz-officer"]}""";

    /// <summary>One invalid variant of the route's valid body: its kind, bytes and content type (null: none sent).</summary>
    private static (string Kind, byte[] Body, string? ContentType) Mutate(Route route, Random random)
    {
        var utf8 = Encoding.UTF8;
        var choice = random.Next(route.Json ? 12 : 7);
        if (route.Body.Contains("\"kind\":\"polygon\"", StringComparison.Ordinal) && random.Next(2) == 0)
        {
            choice = 11; // half of the polygon routes' payloads are invalid fences
        }

        if (!route.Json)
        {
            return route.ContentType == "text/x-opml" ? MutateOpml(route, random, choice) : MutateGeoJson(route, random, choice);
        }

        switch (choice)
        {
            case 0: return ("wrong-type", utf8.GetBytes(WithNode(route.Body, random, WrongType)), route.ContentType);
            case 1: return ("huge-string", utf8.GetBytes(WithString(route.Body, random, _ => new string('x', random.Next(2_001, 400_000)))), route.ContentType);
            case 2: return ("script", utf8.GetBytes(WithString(route.Body, random, s => s + Hostile[random.Next(Hostile.Length)])), route.ContentType);
            case 3: return ("unknown-field", utf8.GetBytes(WithUnknownField(route.Body, random)), route.ContentType);
            case 4: return ("wrong-content-type", utf8.GetBytes(route.Body), new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1" }[random.Next(5)]);
            case 5: return ("no-content-type", utf8.GetBytes(route.Body), null);
            case 6: return ("truncated", utf8.GetBytes(route.Body[..random.Next(0, route.Body.Length - 1)]), route.ContentType);
            case 7: return ("not-an-object", utf8.GetBytes(new[] { "null", "[]", "42", "\"text\"", "true", "{", "}", "", "{\"a\":}", "[{}]" }[random.Next(10)]), route.ContentType);
            case 8: return ("deep-nesting", utf8.GetBytes(new string('[', 5_000) + new string(']', 5_000)), route.ContentType);
            case 9: return ("invalid-utf8", [.. utf8.GetBytes(route.Body[..^2]), 0xC3, 0x28, (byte)'"', (byte)'}'], route.ContentType);
            case 10: return ("control-chars", utf8.GetBytes(WithString(route.Body, random, s => s + "\u0001\u0007")), route.ContentType);
            default:
                if (route.Body.Contains("\"kind\":\"polygon\"", StringComparison.Ordinal))
                {
                    return ("bad-geojson-fence", utf8.GetBytes(WithBadGeoJsonFence(route.Body, random)), route.ContentType);
                }

                if (route.Body.Contains("\"lat\"", StringComparison.Ordinal))
                {
                    return ("bad-geofence", utf8.GetBytes(WithGeofence(route.Body, random)), route.ContentType);
                }

                return ("huge-body", utf8.GetBytes(WithUnknownField(route.Body, random).Replace("}", ",\"pad\":\"" + new string('p', 300_000) + "\"}", StringComparison.Ordinal)), route.ContentType);
        }
    }

    private static (string, byte[], string?) MutateOpml(Route route, Random random, int choice)
    {
        var utf8 = Encoding.UTF8;
        var title = choice switch
        {
            0 => "&lt;script&gt;alert(1)&lt;/script&gt;",
            1 => new string('t', random.Next(2_001, 50_000)),
            _ => "ok",
        };
        return choice switch
        {
            0 or 1 => ("opml-bad-title", utf8.GetBytes(route.Body.Replace("text=\"Fuzz\"", $"text=\"{title}\"", StringComparison.Ordinal)), route.ContentType),
            2 => ("opml-bad-url", utf8.GetBytes(route.Body.Replace("https://fuzz.example.org/rss", new[] { "ftp://x.example.org/", "not a url", "javascript:alert(1)", "" }[random.Next(4)], StringComparison.Ordinal)), route.ContentType),
            3 => ("opml-doctype", utf8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>" + route.Body[(route.Body.IndexOf("<opml", StringComparison.Ordinal))..].Replace("Fuzz", "&b;", StringComparison.Ordinal)), route.ContentType),
            4 => ("opml-broken", utf8.GetBytes(route.Body[..random.Next(1, route.Body.Length - 10)]), route.ContentType),
            5 => ("opml-not-opml", utf8.GetBytes(new[] { "<rss/>", "<html><body><outline xmlUrl=\"https://a.example.org/\"/></body></html>", "<opml><body/></opml>", "{\"json\":true}" }[random.Next(4)]), route.ContentType),
            _ => ("opml-wrong-content-type", utf8.GetBytes(route.Body), new[] { "application/json", "text/plain", "text/html" }[random.Next(3)]),
        };
    }

    private static (string, byte[], string?) MutateGeoJson(Route route, Random random, int choice)
    {
        var utf8 = Encoding.UTF8;
        var node = JsonNode.Parse(route.Body)!;
        var feature = node["features"]![0]!;
        switch (choice)
        {
            case 0:
                string[] geometries =
                [
                    """{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}""", """{"type":"Point","coordinates":["37","36"]}""", """{"type":"Point","coordinates":[37]}""",
                    """{"type":"Point","coordinates":[400,36]}""", """{"type":"Point","coordinates":[37,-91]}""", """{"type":"LineString","coordinates":[[0,0],[1,1]]}""", "null", "\"x\"",
                    .. BadGeometries,
                ];
                feature["geometry"] = JsonNode.Parse(geometries[random.Next(geometries.Length)]);
                return ("geojson-bad-geometry", utf8.GetBytes(node.ToJsonString()), route.ContentType);
            case 1:
                feature["properties"] = JsonNode.Parse(new[]
                {
                    "{}", """{"radiusKm":"5"}""", """{"radiusKm":-1}""", """{"radiusKm":0}""", """{"radiusKm":1e9}""", "null", """{"radiusKm":5,"name":"<b>x</b>"}""",
                    """{"country":"XX"}""", """{"country":"Syria"}""", """{"corridorKm":5}""", """{"radiusKm":5,"site":{"name":"s","lat":100,"lon":0}}""",
                }[random.Next(11)]);
                if (feature["geometry"]?["type"]?.GetValue<string>() == "Polygon" && feature["properties"]?["country"] is null)
                {
                    feature["geometry"] = JsonNode.Parse(BadGeometries[random.Next(BadGeometries.Length)]); // a polygon ignores radiusKm: break the polygon itself
                }

                return ("geojson-bad-properties", utf8.GetBytes(node.ToJsonString()), route.ContentType);
            case 2:
                node["type"] = new[] { "Feature", "GeometryCollection", "Topology", "" }[random.Next(4)];
                if ((string?)node["type"] == "Feature")
                {
                    node.AsObject().Remove("features");
                }

                return ("geojson-bad-type", utf8.GetBytes(node.ToJsonString()), route.ContentType);
            case 3:
                node["features"] = new JsonArray();
                return ("geojson-empty", utf8.GetBytes(node.ToJsonString()), route.ContentType);
            case 4:
                return ("geojson-broken", utf8.GetBytes(route.Body[..random.Next(0, route.Body.Length - 1)]), route.ContentType);
            case 5:
                return ("geojson-deep", utf8.GetBytes(new string('[', 3_000) + new string(']', 3_000)), route.ContentType);
            default:
                return ("geojson-wrong-content-type", utf8.GetBytes(route.Body), new[] { "text/plain", "application/xml", "text/x-opml" }[random.Next(3)]);
        }
    }

    private static JsonNode WrongType(JsonNode? node, Random random) => node switch
    {
        JsonArray => new[] { (JsonNode)"x", 1, new JsonObject() }[random.Next(3)],
        JsonObject => new[] { (JsonNode)"x", 1, new JsonArray() }[random.Next(3)],
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => new[] { (JsonNode)123, true, new JsonArray(), new JsonObject() }[random.Next(4)],
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => new[] { (JsonNode)"abc", true, new JsonArray(), new JsonObject() }[random.Next(4)],
        _ => new[] { (JsonNode)"yes", 1, new JsonArray(), new JsonObject() }[random.Next(4)],
    };

    private static List<(JsonNode Parent, object Key, JsonNode? Value)> Slots(JsonNode root)
    {
        var slots = new List<(JsonNode, object, JsonNode?)>();
        void Walk(JsonNode node)
        {
            if (node is JsonObject o)
            {
                foreach (var (k, v) in o.ToList())
                {
                    slots.Add((o, k, v));
                    if (v is not null)
                    {
                        Walk(v);
                    }
                }
            }
            else if (node is JsonArray a)
            {
                for (var i = 0; i < a.Count; i++)
                {
                    slots.Add((a, i, a[i]));
                    if (a[i] is { } child)
                    {
                        Walk(child);
                    }
                }
            }
        }

        Walk(root);
        return slots;
    }

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (key is string name)
        {
            parent[name] = value;
        }
        else
        {
            parent[(int)key] = value;
        }
    }

    private static string WithNode(string json, Random random, Func<JsonNode?, Random, JsonNode> replace)
    {
        var root = JsonNode.Parse(json)!;
        var slots = Slots(root).Where(s => s.Value is not null).ToList();
        var (parent, key, value) = slots[random.Next(slots.Count)];
        Set(parent, key, replace(value?.DeepClone(), random));
        return root.ToJsonString();
    }

    private static string WithString(string json, Random random, Func<string, string> change)
    {
        var root = JsonNode.Parse(json)!;
        var strings = Slots(root).Where(s => s.Value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String).ToList();
        var (parent, key, value) = strings[random.Next(strings.Count)];
        Set(parent, key, change(value!.GetValue<string>()));
        return root.ToJsonString();
    }

    private static string WithUnknownField(string json, Random random)
    {
        var root = JsonNode.Parse(json)!;
        var objects = Slots(root).Select(s => s.Value).OfType<JsonObject>().Prepend(root.AsObject()).ToList();
        objects[random.Next(objects.Count)][$"unexpected{random.Next(1000)}"] = random.Next(2) == 0 ? "value" : new JsonArray(1, 2);
        return root.ToJsonString();
    }

    private static string WithGeofence(string json, Random random)
    {
        var root = JsonNode.Parse(json)!;
        var fence = (root["geofences"] ?? root["watchlist"]!["geofences"])![0]!;
        switch (random.Next(4))
        {
            case 0: fence["lat"] = random.Next(91, 100_000); break;
            case 1: fence["lon"] = -random.Next(181, 100_000); break;
            case 2: fence["radiusKm"] = -random.NextDouble(); break;
            default: fence["radiusKm"] = random.Next(2_001, 1_000_000); break;
        }

        return root.ToJsonString();
    }

    /// <summary>The watchlist's polygon fence replaced by an invalid one: a bad geometry, or a fence of another kind that breaks its own rules.</summary>
    private static string WithBadGeoJsonFence(string json, Random random)
    {
        var root = JsonNode.Parse(json)!;
        var fences = root["geofences"]!.AsArray();
        var choice = random.Next(BadGeometries.Length + 8);
        fences[0] = choice < BadGeometries.Length
            ? JsonNode.Parse($$$"""{"kind":"polygon","name":"Area","geometry":{{{BadGeometries[choice]}}}}""")
            : JsonNode.Parse(new[]
            {
                """{"kind":"country","name":"Nowhere","country":"XX"}""",
                """{"kind":"country","name":"Syria","country":"Syria"}""",
                """{"kind":"corridor","name":"Road","geometry":{"type":"LineString","coordinates":[[37,36],[37.1,36.1]]},"bufferKm":0}""",
                """{"kind":"corridor","name":"Road","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"bufferKm":5}""",
                """{"kind":"polygon","name":"Area","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"site":{"name":"s","lat":200,"lon":0}}""",
                """{"kind":"polygon","name":"Area","radiusKm":5,"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}""",
                """{"kind":"hexagon","name":"Area"}""",
                """{"name":"Area","geometry":{"type":"Point","coordinates":[37,36]}}""",
            }[choice - BadGeometries.Length]);
        return root.ToJsonString();
    }

    /// <summary>The tables' rows as keys and ETags, for "nothing changed" checks; by default every table an admin route writes.</summary>
    internal static async Task<string> SnapshotAsync(AdminHost admin, params string[] tables)
    {
        var text = new StringBuilder();
        foreach (var table in tables.Length > 0 ? tables : ["Feeds", "Watchlists", "Recipients", "Audit", "ApiKeys", "Items", "Matches", "Outbox"])
        {
            foreach (var row in (await admin.Host.RowsAsync(table)).OrderBy(r => r.PartitionKey).ThenBy(r => r.RowKey))
            {
                text.Append(table).Append('|').Append(row.PartitionKey).Append('|').Append(row.RowKey).Append('|').Append(row.ETag).Append('\n');
            }
        }

        return text.ToString();
    }
}
