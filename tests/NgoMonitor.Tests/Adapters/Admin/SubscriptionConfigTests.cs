using NgoMonitor.Adapters.Admin;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Matching;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Admin;

public sealed class SubscriptionConfigTests
{
    [Fact]
    public void Parse_FullSubscription_MapsEveryFieldAndStoresThePhoneInE164()
    {
        var loaded = ConfigFile.Parse("""
            {"recipients":[
              {"id":"o","phone":"+1 500-555-0006","email":"o@example.org","timeZone":"Asia/Damascus","backup":"d","minSeverity":"moderate",
               "quietHours":{"start":"22:00","end":"07:00","overrideSeverity":"severe"},"smsPerHour":3,"digest":"daily","language":"ar"},
              {"id":"d","email":"d@example.org"}]}
            """);

        Assert.Empty(loaded.Errors);
        var o = loaded.Config.Recipients[0];
        Assert.Equal("+15005550006", o.Phone);
        Assert.Equal(("d", Severity.Moderate, 3, DigestCadence.Daily, "ar"), (o.BackupId, o.MinSeverity, o.SmsPerHour, o.Digest, o.Language));
        Assert.Equal(new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0), Severity.Severe), o.Quiet);
    }

    [Fact]
    public void ToDocument_FullSubscription_RoundTrips()
    {
        var json = """{"recipients":[{"id":"o","phone":"+15005550006","backup":"d","minSeverity":"severe","quietHours":{"start":"23:30","end":"06:00"},"smsPerHour":5,"digest":"daily","language":"fr"},{"id":"d","email":"d@example.org"}]}""";
        var config = ConfigFile.Parse(json).Config;

        var again = ConfigMapper.ToConfig(ConfigMapper.ToDocument(config)).Config;

        var (a, b) = (config.Recipients[0], again.Recipients[0]);
        Assert.Equal((a.Phone, a.BackupId, a.MinSeverity, a.Quiet, a.SmsPerHour, a.Digest, a.Language), (b.Phone, b.BackupId, b.MinSeverity, b.Quiet, b.SmsPerHour, b.Digest, b.Language));
        Assert.Equal(a.Channels, b.Channels);
    }

    [Theory]
    [InlineData("quiet hours not HH:mm", """{"id":"o","email":"o@x.org","quietHours":{"start":"10pm","end":"07:00"}}""", "quietHours: start and end")]
    [InlineData("throttle of zero", """{"id":"o","email":"o@x.org","smsPerHour":0}""", "smsPerHour: 0 is outside 1-100")]
    [InlineData("unknown digest", """{"id":"o","email":"o@x.org","digest":"weekly"}""", "digest: 'weekly' is not one of")]
    [InlineData("unknown language", """{"id":"o","email":"o@x.org","language":"de"}""", "language: 'de' is not one of en, fr, ar")]
    [InlineData("bad minimum severity", """{"id":"o","email":"o@x.org","minSeverity":"high"}""", "minSeverity: 'high' is not one of")]
    [InlineData("number not valid for its country", """{"id":"o","phone":"+33 6 12"}""", "phone: must be in E.164 form")]
    [InlineData("team with spaces", """{"id":"o","email":"o@x.org","team":"goma office"}""", "team: must be 1-64 letters")]
    [InlineData("area radius out of range", """{"id":"o","email":"o@x.org","area":{"name":"Goma","lat":-1.68,"lon":29.22,"radiusKm":0}}""", "area.radiusKm: 'Goma': radiusKm must be above 0")]
    [InlineData("area of an unknown kind", """{"id":"o","email":"o@x.org","area":{"kind":"blob","name":"Goma"}}""", "area.kind: 'blob' is not one of")]
    public void Parse_InvalidSubscription_IsLeftOutWithAnError(string label, string recipient, string error)
    {
        var loaded = ConfigFile.Parse("{\"recipients\":[" + recipient + "]}");

        Assert.True(loaded.Errors.Count == 1 && loaded.Errors[0].Contains(error, StringComparison.Ordinal), $"{label}: {string.Join(" / ", loaded.Errors)}");
        Assert.Empty(loaded.Config.Recipients);
    }

    [Fact]
    public void ToDocument_OfficerTeamAreaAndWatchlistTeams_RoundTrip()
    {
        var json = """
            {"recipients":[{"id":"o","email":"o@x.org","team":"goma","area":{"kind":"country","name":"DR Congo","country":"CD"}}],
             "watchlists":[{"id":"w","rules":[{"any":["attack"]}],"teams":["goma","bukavu"],"recipients":["o"]}]}
            """;
        var config = ConfigFile.Parse(json).Config;

        var document = ConfigMapper.ToDocument(config);

        Assert.Equal(("goma", "CD"), (document.Recipients[0].Team, document.Recipients[0].Area!.Country));
        Assert.Equal(["goma", "bukavu"], document.Watchlists[0].Teams!);
        Assert.Empty(ConfigMapper.ToConfig(document).Errors);
    }

    [Fact]
    public void Parse_WatchlistTeamThatIsNoId_IsLeftOutWithAnError()
    {
        var loaded = ConfigFile.Parse("""{"watchlists":[{"id":"w","rules":[{"any":["attack"]}],"teams":["<b>goma</b>"]}]}""");

        Assert.Contains("teams: '<b>goma</b>' must be 1-64 letters", Assert.Single(loaded.Errors), StringComparison.Ordinal);
        Assert.Empty(loaded.Config.Watchlists);
    }

    [Fact]
    public void Parse_UnknownBackup_KeepsTheRecipientWithoutBackup()
    {
        var loaded = ConfigFile.Parse("""{"recipients":[{"id":"o","email":"o@x.org","backup":"ghost"}]}""");

        Assert.Null(Assert.Single(loaded.Config.Recipients).BackupId);
        Assert.Contains("backup: 'ghost' is not another known recipient", Assert.Single(loaded.Errors), StringComparison.Ordinal);
    }
}
