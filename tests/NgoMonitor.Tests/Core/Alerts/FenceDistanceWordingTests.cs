using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

/// <summary>How alerts word the distance for each kind of fence: from a site or centre, inside an area, from a line.</summary>
public sealed class FenceDistanceWordingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static Alert Alert(string language, string fenceName, double km, bool inside)
    {
        var recipient = new Recipient("r", "R", "+15005550006", null, [Channel.Sms], Language: language);
        var watchlist = new Watchlist("w", "Syria", "security", Severity.Severe, [], [Geofence.Country("Syria", "SY")], ["r"]);
        var match = new WatchlistMatch("i", watchlist.Id, ["shelling"], "Azaz", new GeoPoint(36.58, 37.04), fenceName, km)
        {
            Inside = inside,
            Placement = new Placement(PlacementMethod.NamedTown, 0.9, "Azaz", "Azaz"),
        };
        return new Alert("alert-1", new FeedItem("i", "f", "Shelling in Azaz", "", null, Now, null), "Wire A", recipient, Severity.Severe, [match], new Dictionary<string, Watchlist> { [watchlist.Id] = watchlist }, Now);
    }

    [Theory]
    [InlineData("site of a polygon", "en", "Azaz office", 8, false, "Azaz, 8 km from Azaz office")]
    [InlineData("inside a country", "en", "Syria", 12.4, true, "Azaz, 12 km inside Syria")]
    [InlineData("inside, French", "fr", "Syria", 12, true, "Azaz, à 12 km dans Syria")]
    [InlineData("inside, Arabic", "ar", "Syria", 12, true, "Azaz، 12 كم داخل Syria")]
    [InlineData("from a corridor's line", "en", "M5 road", 3, false, "Azaz, 3 km from M5 road")]
    public void Where_WordsTheDistanceByWhatItIsMeasuredFrom(string label, string language, string fenceName, double km, bool inside, string expected)
    {
        Assert.True(expected == AlertComposer.Where(Alert(language, fenceName, km, inside)), $"{label}: {AlertComposer.Where(Alert(language, fenceName, km, inside))}");
    }

    [Fact]
    public void WhyLines_InsideAnArea_SaysInside()
    {
        var line = Assert.Single(AlertComposer.WhyLines(Alert("en", "Syria", 12.4, inside: true)));

        Assert.EndsWith("; Azaz, 12 km inside Syria (named town, high confidence 0.90)", line, StringComparison.Ordinal);
    }
}
