using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

public sealed class SmsCompositionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static Alert Alert(string title, string language = "en", int sources = 1, string? link = "https://example.org/s/1")
    {
        var recipient = new Recipient("r", "R", "+15005550006", null, [Channel.Sms], Language: language);
        var watchlist = new Watchlist("w", "W", "security", Severity.Severe, [], [new Geofence("Azaz office", new GeoPoint(36.75, 37.05), 40)], ["r"]);
        var match = new WatchlistMatch("i", watchlist.Id, ["shell*"], "Azaz", new GeoPoint(36.58, 37.04), "Azaz office", 18.4)
        {
            Placement = new Placement(PlacementMethod.NamedTown, 0.9, "Azaz", "Azaz"),
        };
        return new Alert("alert-1", new FeedItem("i", "f", title, "", link, Now, null), "Wire A", recipient, Severity.Severe, [match], new Dictionary<string, Watchlist> { [watchlist.Id] = watchlist }, Now)
        {
            SourceNames = [.. Enumerable.Range(1, sources).Select(i => "Wire " + i)],
        };
    }

    [Theory]
    [InlineData("GSM-7 text: [, ] and € cost two septets", "Hello [world] 1€", true, 19)]
    [InlineData("Arabic is UCS-2", "قصف", false, 3)]
    [InlineData("the ellipsis character is not GSM-7", "a…", false, 2)]
    public void Units_CountSeptetsOrUtf16(string label, string text, bool gsm, int units)
    {
        Assert.True(gsm == SmsEncoding.IsGsm7(text), label);
        Assert.True(units == SmsEncoding.Units(text), label);
    }

    [Theory]
    [InlineData("160 GSM-7 septets are one segment", 160, 1)]
    [InlineData("161 are two (153 each)", 161, 2)]
    [InlineData("307 are three", 307, 3)]
    public void Segments_Gsm7(string label, int length, int segments) =>
        Assert.True(segments == SmsEncoding.Segments(new string('a', length)), label);

    [Fact]
    public void Sms_English_SaysWhatWhereHowFarSourcesAckAndLinkInOneSegment()
    {
        var alert = Alert("Shelling near the hospital in Azaz", sources: 3);

        var sms = new AlertComposer(new AlertsOptions()).Sms(alert);

        Assert.Equal($"SEVERE: Shelling near the hospital in Azaz - Azaz, 18 km from Azaz office. 3 sources. ACK {alert.AckCode} https://example.org/s/1", sms);
        Assert.Equal(1, SmsEncoding.Segments(sms));
    }

    [Fact]
    public void Sms_French_StaysGsm7()
    {
        var sms = new AlertComposer(new AlertsOptions()).Sms(Alert("Bombardement près de l'hôpital d'Azaz", "fr"));

        Assert.StartsWith("GRAVE: ", sms, StringComparison.Ordinal);
        Assert.Contains("à 18 km de Azaz office", sms, StringComparison.Ordinal);
        Assert.True(SmsEncoding.IsGsm7(sms.Replace("ô", "o", StringComparison.Ordinal)));
    }

    [Fact]
    public void Sms_Arabic_IsUcs2AndWithinTheSegmentBudget()
    {
        var sms = new AlertComposer(new AlertsOptions { MaxSmsSegments = 2 }).Sms(Alert("قصف قرب مستشفى أعزاز وإخلاء المرضى إلى مناطق آمنة في الشمال بعد ليلة عنيفة", "ar"));

        Assert.StartsWith("شديد: ", sms, StringComparison.Ordinal);
        Assert.Contains("18 كم من Azaz office", sms, StringComparison.Ordinal);
        Assert.False(SmsEncoding.IsGsm7(sms));
        Assert.InRange(SmsEncoding.Segments(sms), 1, 2);
        Assert.EndsWith("https://example.org/s/1", sms, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("budget of one segment", 1)]
    [InlineData("budget of two segments", 2)]
    [InlineData("budget of three segments", 3)]
    public void Sms_VeryLongTitle_NeverExceedsTheSegmentBudget(string label, int budget)
    {
        var title = string.Join(' ', Enumerable.Repeat("Heavy shelling reported across the northern districts", 10));

        var sms = new AlertComposer(new AlertsOptions { MaxSmsSegments = budget, MaxSmsCharacters = 1600 }).Sms(Alert(title));

        Assert.True(SmsEncoding.Segments(sms) <= budget, label);
        Assert.Contains("...", sms, StringComparison.Ordinal);
        Assert.Contains("ACK ", sms, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("English, one segment", "en", 1)]
    [InlineData("French, one segment", "fr", 1)]
    [InlineData("Arabic, one segment", "ar", 1)]
    [InlineData("Arabic, two segments", "ar", 2)]
    public void Sms_DistrictLevelPlaceOfLowConfidence_StaysWithinTheSegmentBudget(string label, string language, int budget)
    {
        var recipient = new Recipient("r", "R", "+15005550006", null, [Channel.Sms], Language: language);
        var watchlist = new Watchlist("w", "W", "security", Severity.Severe, [], [new Geofence("Goma field office compound", new GeoPoint(-1.6741, 29.2285), 60)], ["r"]);
        var match = new WatchlistMatch("i", watchlist.Id, ["clash*"], "Nyiragongo territory of Nord-Kivu", new GeoPoint(-1.52, 29.25), "Goma field office compound", 17.1)
        {
            Placement = new Placement(PlacementMethod.District, 0.3, "Nyiragongo territory of Nord-Kivu", "Nyiragongo"),
            Direction = CompassPoint.N,
        };
        var alert = new Alert("alert-1", new FeedItem("i", "f", "Clashes between armed groups and the army reported across the territory overnight", "", "https://example.org/s/1", Now, null), "Wire A", recipient, Severity.Severe, [match], new Dictionary<string, Watchlist> { [watchlist.Id] = watchlist }, Now);

        var sms = new AlertComposer(new AlertsOptions { MaxSmsSegments = budget }).Sms(alert);

        Assert.True(SmsEncoding.Segments(sms) <= budget, $"{label}: {SmsEncoding.Segments(sms)} segments: {sms}");
        Assert.DoesNotContain("<1", sms, StringComparison.Ordinal);
        Assert.Contains("ACK ", sms, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ACK 4821", "4821")]
    [InlineData("  ack4821 ", "4821")]
    [InlineData("Ack  4821", "4821")]
    [InlineData("ACK 48", null)]
    [InlineData("OK 4821", null)]
    [InlineData("", null)]
    public void AckCodes_Parse(string body, string? code) => Assert.Equal(code, AckCodes.Parse(body));

    [Fact]
    public void AckLinks_SignedLink_VerifiesForItsRecipientOnlyAndATamperedOneDoesNot()
    {
        var options = new AlertsOptions { PublicBaseUrl = "https://monitor.example.org", AckLinkKey = "k" };
        var link = new Uri(AckLinks.Create(options, "officer", "alert-1", Channel.Sms)!);
        var token = link.AbsolutePath["/a/".Length..];

        Assert.Equal("alert-1", AckLinks.AlertIdOf(token));
        Assert.True(AckLinks.Verify("k", "officer", token));
        Assert.False(AckLinks.Verify("k", "backup", token));
        Assert.False(AckLinks.Verify("other", "officer", token));
        Assert.False(AckLinks.Verify("k", "officer", "alert-2" + token[token.IndexOf('.', StringComparison.Ordinal)..]));
        Assert.False(AckLinks.Verify("k", "officer", token[..^1]));
    }

    [Fact]
    public void AckLinks_ForAnSmsAndAnEmail_AreShortAndSayWhichMessageTheyCameIn()
    {
        var options = new AlertsOptions { PublicBaseUrl = "https://monitor.example.org/", AckLinkKey = "k" };
        var alertId = NgoMonitor.Core.Feeds.ItemIdentity.Hash("incident\nofficer\nSevere");

        var sms = AckLinks.Create(options, "officer", alertId, Channel.Sms)!;
        var email = AckLinks.Create(options, "officer", alertId, Channel.Email)!;

        Assert.StartsWith("https://monitor.example.org/a/" + alertId + ".", sms, StringComparison.Ordinal);
        Assert.True(sms.Length <= 80, sms);
        Assert.Equal(sms + "?via=email", email);
    }
}
