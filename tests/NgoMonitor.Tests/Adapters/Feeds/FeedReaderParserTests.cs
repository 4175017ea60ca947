using NgoMonitor.Adapters.Feeds;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Feeds;

public sealed class FeedReaderParserTests
{
    private static readonly FeedSource Feed = new("test", "Test", new Uri("https://wire.example.org/feed.xml"), TimeSpan.FromMinutes(5));

    private static IReadOnlyList<FeedItem> Parse(string file) =>
        new FeedReaderParser().Parse(Feed, File.ReadAllBytes(RepoPaths.TestData("feeds", file)), "application/xml");

    [Fact]
    public void Parse_AtomWithGeoRssPoint_ReadsLatThenLon()
    {
        var item = Parse("atom-georss.xml")[0];

        Assert.Equal(new GeoPoint(36.4702, 37.0971), item.Point);
    }

    [Fact]
    public void Parse_AtomHtmlTitleAndSummary_GivesCleanPlainTextWithoutScripts()
    {
        var item = Parse("atom-georss.xml")[0];

        Assert.Equal("Clashes & roadblocks north of Aleppo", item.Title);
        Assert.Equal("Residents reported fighting.", item.Summary);
    }

    [Fact]
    public void Parse_RelativeLink_IsResolvedAgainstTheFeedLink() =>
        Assert.Equal("https://wire.example.org/news/stories/1", Parse("atom-georss.xml")[0].Link);

    [Fact]
    public void Parse_AtomUpdatedWithOffset_GivesUtc() =>
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 7, 55, 0, TimeSpan.Zero), Parse("atom-georss.xml")[0].Published);

    [Fact]
    public void Parse_GmlPoint_IsRead() => Assert.Equal(new GeoPoint(15.5007, 32.5599), Parse("atom-georss.xml")[1].Point);

    [Fact]
    public void Parse_W3cGeoAndNamedZone_AreRead()
    {
        var item = Parse("rss-w3cgeo.xml")[0];

        Assert.Equal(new GeoPoint(13.6279, 25.3494), item.Point);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 50, 0, TimeSpan.Zero), item.Published);
        Assert.Equal("Checkpoint \"closed\" to traffic.", item.Summary);
    }

    [Fact]
    public void Parse_OutOfRangePointAndScriptLink_AreDropped()
    {
        var item = Parse("rss-w3cgeo.xml")[1];

        Assert.Null(item.Point);
        Assert.Null(item.Link);
    }

    [Fact]
    public void Parse_JsonFeed_ReadsHtmlContentAndUntitledItems()
    {
        var items = Parse("jsonfeed.json");

        Assert.Equal("Un hôpital bombardé à Idleb", items[0].Title);
        Assert.Equal("Le personnel a été évacué.", items[0].Summary);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 30, 0, TimeSpan.Zero), items[0].Published);
        Assert.StartsWith("Une dépêche sans titre", items[1].Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameFeedTwice_GivesTheSameIds() =>
        Assert.Equal(Parse("atom-georss.xml").Select(i => i.Id), Parse("atom-georss.xml").Select(i => i.Id));

    [Theory]
    [InlineData("html page", "<html><body><p>Hello</p></body></html>")]
    [InlineData("plain text", "just some words")]
    [InlineData("truncated xml", "<rss version=\"2.0\"><channel><title>x</ti")]
    public void Parse_NotAFeed_ThrowsFeedFormatException(string label, string body) =>
        Assert.True(Assert.Throws<FeedFormatException>(() => new FeedReaderParser().Parse(Feed, System.Text.Encoding.UTF8.GetBytes(body), "text/html")).Message.Length > 0, label);
}
