using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Geo;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

public sealed class MessageFactsTests
{
    [Theory]
    [InlineData("cut between words", "Shelling hits hospital in Azaz", 20, "Shelling hits")]
    [InlineData("fits whole", "Shelling hits", 20, "Shelling hits")]
    [InlineData("cut right before a space", "Shelling hits hospital", 13, "Shelling hits")]
    [InlineData("no trailing comma", "Azaz, Afrin and Idlib", 8, "Azaz")]
    [InlineData("one long word is cut inside", "Internationalisation", 8, "Internat")]
    public void CutAtWord_Cases(string label, string text, int units, string expected) =>
        Assert.True(expected == MessageFacts.CutAtWord(text, units, s => s.Length), $"{label}: '{MessageFacts.CutAtWord(text, units, s => s.Length)}'");

    [Fact]
    public void LocalTime_RecipientInKinshasa_IsOnTheirClockWithTheZoneNamed()
    {
        var officer = new Recipient("o", "Officer", null, "o@example.org", [Channel.Email], TimeZone: "Africa/Kinshasa");

        Assert.Equal("2026-11-24 11:00 (Africa/Kinshasa, UTC+01:00)", MessageFacts.LocalTime(officer, new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void GeoUriAndWebMap_ForAPoint_NameItInWgs84()
    {
        var azaz = new GeoPoint(36.5866, 37.0463);

        Assert.Equal("geo:36.5866,37.0463", MessageFacts.GeoUri(azaz));
        Assert.Equal("https://www.openstreetmap.org/?mlat=36.5866&mlon=37.0463#map=12/36.5866/37.0463", MessageFacts.WebMap(azaz));
    }
}
