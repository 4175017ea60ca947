using NgoMonitor.Adapters.Admin;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Geo.Fences;
using NgoMonitor.Core.Matching.Rules;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Admin;

public sealed class ConfigFileTests
{
    [Fact]
    public void Load_ShippedSample_HasNoErrors()
    {
        var loaded = ConfigFile.Load(RepoPaths.Combine("samples", "monitor.config.json"), self: new Uri("http://127.0.0.1:5123/"));

        Assert.Empty(loaded.Errors);
        Assert.Equal(["health-care", "border-closures", "azaz-office", "north-aleppo-crossings", "syria-health-care"], loaded.Config.Watchlists.Select(w => w.Id));
        Assert.Equal(40, loaded.Config.Watchlists.Single(w => w.Id == "azaz-office").Geofences.Single().RadiusKm);
        Assert.Equal(FenceKind.Polygon, loaded.Config.Watchlists.Single(w => w.Id == "north-aleppo-crossings").Geofences.Single().Kind);
        Assert.Equal("SY", loaded.Config.Watchlists.Single(w => w.Id == "syria-health-care").Geofences.Single().CountryCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5123/", "http://127.0.0.1:5123/samples/feeds/syria-desk.xml")]
    [InlineData("https://monitor.example.org:8443/", "https://monitor.example.org:8443/samples/feeds/syria-desk.xml")]
    public void Load_ShippedSampleOnAnyAddress_ResolvesItsSampleFeedsAgainstThatAddress(string self, string expected)
    {
        var loaded = ConfigFile.Load(RepoPaths.Combine("samples", "monitor.config.json"), self: new Uri(self));

        Assert.Equal(expected, loaded.Config.Feeds.Single(f => f.Id == "sample-syria-desk").Url.AbsoluteUri);
        Assert.DoesNotContain(loaded.Config.Feeds, f => f.Url.Port == 7071);
    }

    [Fact]
    public void Load_FeedPathWithoutAnAddress_IsAnEntryErrorNotAGuess()
    {
        var loaded = ConfigFile.Parse("""{"feeds":[{"id":"f","url":"/samples/feeds/syria-desk.xml"}]}""");

        Assert.Contains(loaded.Errors, e => e.Contains("feeds[0]: url", StringComparison.Ordinal));
        Assert.Empty(loaded.Config.Feeds);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123/")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://[::]:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://+:80", "http://127.0.0.1/")]
    public void SelfAddress_ServerListening_IsWhereThisProcessCanReachItself(string listening, string expected)
    {
        var features = new Microsoft.AspNetCore.Http.Features.FeatureCollection();
        var addresses = new Microsoft.AspNetCore.Hosting.Server.Features.ServerAddressesFeature();
        addresses.Addresses.Add(listening);
        features.Set<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>(addresses);

        Assert.Equal(expected, ConfigSeeder.SelfAddress(new FakeServer(features))?.AbsoluteUri);
    }

    private sealed class FakeServer(Microsoft.AspNetCore.Http.Features.IFeatureCollection features) : Microsoft.AspNetCore.Hosting.Server.IServer
    {
        public Microsoft.AspNetCore.Http.Features.IFeatureCollection Features => features;

        public Task StartAsync<TContext>(Microsoft.AspNetCore.Hosting.Server.IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }

    [Theory]
    [InlineData("bad phone", """{"recipients":[{"id":"r","phone":"0044 7700"}]}""", "recipients[0]: phone: must be in E.164 form")]
    [InlineData("national phone, wrong for its country", """{"recipients":[{"id":"r","phone":"0812","country":"CD"}]}""", "recipients[0]: phone: is not a valid number in CD")]
    [InlineData("unknown country", """{"recipients":[{"id":"r","phone":"0812345678","country":"ZZ"}]}""", "recipients[0]: country: 'ZZ' is not an ISO 3166-1 alpha-2")]
    [InlineData("channel without address", """{"recipients":[{"id":"r","email":"a@b.org","channels":["sms"]}]}""", "recipients[0]: channels: 'sms' needs a phone")]
    [InlineData("unknown time zone", """{"recipients":[{"id":"r","email":"a@b.org","timeZone":"Mars/Olympus"}]}""", "timeZone: 'Mars/Olympus' is not an IANA time zone")]
    [InlineData("feed not http", """{"feeds":[{"id":"f","url":"file:///etc/passwd"}]}""", "feeds[0]: url: 'file:///etc/passwd' is not an absolute http(s) URL")]
    [InlineData("interval too short", """{"feeds":[{"id":"f","url":"https://x.org/f","minIntervalMinutes":0.1}]}""", "minIntervalMinutes: 0.1 is outside 1-1440")]
    [InlineData("home area latitude out of range", """{"feeds":[{"id":"f","url":"https://x.org/f","home":{"lat":95,"lon":-77,"radiusKm":40}}]}""", "feeds[0]: home: (95, -77): latitude must be within ±90")]
    [InlineData("home area longitude out of range", """{"feeds":[{"id":"f","url":"https://x.org/f","home":{"lat":38.8,"lon":-190,"radiusKm":40}}]}""", "feeds[0]: home: (38.8, -190): latitude must be within ±90 and longitude within ±180")]
    [InlineData("home area radius too small", """{"feeds":[{"id":"f","url":"https://x.org/f","home":{"lat":38.8,"lon":-77,"radiusKm":0.5}}]}""", "feeds[0]: home.radiusKm: 0.5 is outside 1-500 km")]
    [InlineData("home area radius too large", """{"feeds":[{"id":"f","url":"https://x.org/f","home":{"lat":38.8,"lon":-77,"radiusKm":800}}]}""", "feeds[0]: home.radiusKm: 800 is outside 1-500 km")]
    [InlineData("home area without a radius", """{"feeds":[{"id":"f","url":"https://x.org/f","home":{"lat":38.8,"lon":-77}}]}""", "feeds[0]: home: a home area needs lat, lon and radiusKm")]
    [InlineData("feed country unknown", """{"feeds":[{"id":"f","url":"https://x.org/f","country":"Sudan"}]}""", "feeds[0]: country: 'Sudan' is not an ISO 3166-1 alpha-2 country code")]
    [InlineData("bad id", """{"feeds":[{"id":"a b","url":"https://x.org/f"}]}""", "feeds[0]: id: 'a b' must be")]
    [InlineData("duplicate id", """{"feeds":[{"id":"a","url":"https://x.org/f"},{"id":"a","url":"https://x.org/g"}]}""", "feeds[1]: id: 'a' is used twice")]
    [InlineData("bad severity", """{"watchlists":[{"id":"w","severity":"huge","rules":[{"any":["x"]}]}]}""", "watchlists[0]: severity: 'huge' is not one of")]
    [InlineData("numeric severity", """{"watchlists":[{"id":"w","severity":"3","rules":[{"any":["x"]}]}]}""", "severity: '3' is not one of")]
    [InlineData("no rules", """{"watchlists":[{"id":"w"}]}""", "watchlists[0]: rules: at least one rule (or a pack) is needed")]
    [InlineData("rule with only exclusions", """{"watchlists":[{"id":"w","rules":[{"none":["x"]}]}]}""", "rules[0]: needs a query, or at least one 'any' or 'all' phrase")]
    [InlineData("latitude out of range", """{"watchlists":[{"id":"w","rules":[{"any":["x"]}],"geofences":[{"name":"o","lat":137,"lon":36,"radiusKm":5}]}]}""", "'o': latitude must be within")]
    [InlineData("query syntax error names the column", """{"watchlists":[{"id":"w","rules":[{"query":"hospital NEAR/x shelled"}]}]}""", "watchlists[0]: rules[0]: ")]
    [InlineData("unknown pack", """{"watchlists":[{"id":"w","packs":["weather"]}]}""", "packs: 'weather' is not a shipped rule pack")]
    [InlineData("minScore above 1", """{"watchlists":[{"id":"w","rules":[{"any":["x"]}],"minScore":1.5}]}""", "watchlists[0]: minScore: 1.5 is not between 0 and 1")]
    [InlineData("negative minScore", """{"watchlists":[{"id":"w","rules":[{"any":["x"]}],"minScore":-0.1}]}""", "minScore: -0.1 is not between 0 and 1")]
    [InlineData("unknown recipient", """{"watchlists":[{"id":"w","rules":[{"any":["x"]}],"recipients":["ghost"]}]}""", "recipients: 'ghost' is not a known recipient")]
    public void Parse_InvalidEntry_IsLeftOutWithAnErrorNamingIt(string label, string json, string error)
    {
        var loaded = ConfigFile.Parse(json);

        Assert.True(loaded.Errors.Count == 1 && loaded.Errors[0].Contains(error, StringComparison.Ordinal), $"{label}: {string.Join(" / ", loaded.Errors)}");
        Assert.True(loaded.Config.Feeds.Count + loaded.Config.Watchlists.Count + loaded.Config.Recipients.Count <= 1, label);
    }

    [Fact]
    public void Parse_FeedWithAHomeArea_KeepsItAndWritesItBack()
    {
        var loaded = ConfigFile.Parse("""{"feeds":[{"id":"gazette","url":"https://x.org/f","home":{"lat":38.8,"lon":-77.05,"radiusKm":60}}]}""");

        var feed = Assert.Single(loaded.Config.Feeds);
        Assert.Equal(new FeedHomeArea(new GeoPoint(38.8, -77.05), 60), feed.Home);
        var home = Assert.Single(ConfigMapper.ToDocument(loaded.Config).Feeds).Home;
        Assert.Equal((38.8, -77.05, 60.0), (home!.Lat, home.Lon, home.RadiusKm));
    }

    [Fact]
    public void Parse_FeedWithACountry_KeepsItInUpperCaseAndWritesItBack()
    {
        var loaded = ConfigFile.Parse("""{"feeds":[{"id":"sudan-tribune","url":"https://x.org/f","country":"sd"}]}""");

        Assert.Equal("SD", Assert.Single(loaded.Config.Feeds).Country);
        Assert.Equal("SD", Assert.Single(ConfigMapper.ToDocument(loaded.Config).Feeds).Country);
    }

    [Fact]
    public void Parse_QuerySyntaxError_SaysWhereInTheQuery()
    {
        var loaded = ConfigFile.Parse("""{"watchlists":[{"id":"w","rules":[{"query":"hospital NEAR/x shelled"}]}]}""");

        Assert.Contains("column 10", Assert.Single(loaded.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PackAndQueryRules_AreBothUsed()
    {
        var loaded = ConfigFile.Parse("""{"watchlists":[{"id":"w","packs":["health-care"],"rules":[{"query":"\"aid worker\" NEAR/5 kidnapped"}]}]}""");

        var watchlist = Assert.Single(loaded.Config.Watchlists);
        Assert.True(watchlist.Rules.Count > 1);
        Assert.Equal("\"aid worker\" NEAR/5 kidnapped", watchlist.Rules[0].Query);
    }

    [Fact]
    public void Parse_PackRules_AreMarkedWithTheirPackAndOwnRulesAreNot()
    {
        var loaded = ConfigFile.Parse("""{"watchlists":[{"id":"w","packs":["kidnapping"],"rules":[{"query":"ransom NEAR/3 paid"}]}]}""");

        var watchlist = Assert.Single(loaded.Config.Watchlists);
        Assert.Null(watchlist.Rules[0].Pack);
        Assert.All(watchlist.Rules.Skip(1), r => Assert.Equal("kidnapping", r.Pack));
    }

    [Fact]
    public void Parse_FormerAbductionPackId_LoadsTheKidnappedAidWorkersPack()
    {
        var loaded = ConfigFile.Parse("""{"watchlists":[{"id":"w","packs":["aid-worker-abduction"]}]}""");

        var watchlist = Assert.Single(loaded.Config.Watchlists);
        Assert.Equal(RulePacks.Get("aid-worker-kidnapped").Rules.Select(r => r.Query), watchlist.Rules.Select(r => r.Query));
        Assert.All(watchlist.Rules, r => Assert.Equal("aid-worker-kidnapped", r.Pack));
    }

    [Fact]
    public void Parse_OneBadWatchlist_KeepsTheOthers()
    {
        var loaded = ConfigFile.Parse("""{"watchlists":[{"id":"bad"},{"id":"good","rules":[{"any":["clash*"]}]}]}""");

        Assert.Equal(["good"], loaded.Config.Watchlists.Select(w => w.Id));
    }

    [Theory]
    [InlineData("not json", "{ feeds: ", "at line 1")]
    [InlineData("misspelt property", """{"watchlists":[{"id":"w","rules":[{"any":["x"],"nome":["y"]}]}]}""", "nome")]
    [InlineData("wrong type", """{"feeds":[{"id":"f","url":42}]}""", "$.feeds[0].url")]
    public void Parse_MalformedDocument_ThrowsWithWhereAndWhat(string label, string json, string expected)
    {
        var error = Assert.Throws<ConfigFileException>(() => ConfigFile.Parse(json, "monitor.config.json"));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal) && error.Message.StartsWith("monitor.config.json is not valid", StringComparison.Ordinal), $"{label}: {error.Message}");
    }
}
