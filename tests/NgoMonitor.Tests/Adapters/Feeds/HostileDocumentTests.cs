using System.Text;
using NgoMonitor.Adapters.Feeds;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Feeds;

/// <summary>
/// Documents that attack or confuse the parser: entity tricks must be refused with a clear reason before any
/// expansion; charset and markup problems must be read sensibly or refused clearly.
/// </summary>
public sealed class HostileDocumentTests
{
    private static readonly FeedSource Feed = new("test", "Test", new Uri("https://wire.example.org/feed.xml"), TimeSpan.FromMinutes(5));

    private static ParsedFeed Parse(byte[] body, string? contentType = "application/rss+xml") => new FeedReaderParser().ParseFeed(Feed, body, contentType);

    private static ParsedFeed Parse(string body, string? contentType = "application/rss+xml") => Parse(Encoding.UTF8.GetBytes(body), contentType);

    private static ParsedFeed ParseFile(string file, string? contentType = null) =>
        Parse(File.ReadAllBytes(RepoPaths.TestData("feedparser", file)), contentType);

    private static string Item(string title) =>
        $"<rss version=\"2.0\"><channel><title>c</title><item><title>{title}</title><link>https://wire.example.org/1</link></item></channel></rss>";

    [Theory]
    [InlineData("external entity (XXE)", "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")]
    [InlineData("parameter entity", "<!DOCTYPE rss [<!ENTITY % remote SYSTEM \"http://169.254.169.254/x.dtd\"> %remote;]>")]
    [InlineData("billion laughs", "<!DOCTYPE rss [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>")]
    [InlineData("external DTD with internal subset", "<!DOCTYPE rss SYSTEM \"http://10.0.0.1/evil.dtd\" [ ]>")]
    public void Parse_DocumentDeclaringEntities_IsRefusedWithAReason(string label, string doctype)
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse("<?xml version=\"1.0\"?>" + doctype + Item("&xxe;")));

        Assert.True(error.Message.StartsWith("refused:", StringComparison.Ordinal), label + ": " + error.Message);
    }

    [Fact]
    public void Parse_NetscapeRss091Doctype_IsStrippedNotFetched()
    {
        var feed = ParseFile("rss_version_091_netscape.xml");

        Assert.Empty(feed.Items);
    }

    [Fact]
    public void Parse_StoryMentioningEntityDeclarations_IsNotRefused() =>
        Assert.Equal("Why <!ENTITY declarations are risky", Parse(Item("Why &lt;!ENTITY declarations are risky")).Items[0].Title);

    [Fact]
    public void Parse_HtmlNamedEntityWithoutDtd_IsDecoded() =>
        Assert.Equal("testing … entity", ParseFile("hellip.xml").Title);

    [Fact]
    public void Parse_HttpCharsetOverridesDeclaration_ReadsWindows1252() =>
        Assert.Equal("This is a £“test.”", ParseFile("http_text_xml_charset_overrides_encoding_2.xml", "text/xml; charset=windows-1252").Items[0].Summary);

    [Fact]
    public void Parse_Utf16WithBom_IsRead()
    {
        var feed = ParseFile("utf-16le-bom.xml");

        Assert.Equal("utf-16", feed.Encoding);
        Assert.Empty(feed.Items);
    }

    [Fact]
    public void Parse_Utf16BigEndianWithBom_ReadsNonAsciiTitles()
    {
        var body = Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(Item("Iñtërnâtiônàlizætiøn"))).ToArray();

        Assert.Equal("Iñtërnâtiônàlizætiøn", Parse(body, "application/xml").Items[0].Title);
    }

    [Fact]
    public void Parse_Koi8rDeclaredInXml_IsRead()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var body = Encoding.GetEncoding("koi8-r").GetBytes("<?xml version=\"1.0\" encoding=\"koi8-r\"?>" + Item("Обстрел в Харькове"));

        Assert.Equal("Обстрел в Харькове", Parse(body, "application/xml").Items[0].Title);
    }

    [Fact]
    public void Parse_InvalidUtf8_FallsBackToWindows1252AndSaysSo()
    {
        var body = Encoding.UTF8.GetBytes(Item("Caf_ attacked")).Select(b => b == (byte)'_' ? (byte)0xE9 : b).ToArray();

        var feed = Parse(body, "application/rss+xml; charset=utf-8");

        Assert.Equal("Café attacked", feed.Items[0].Title);
        Assert.Equal("body is not valid UTF-8 as declared; read as windows-1252", feed.Warning);
    }

    [Fact]
    public void Parse_Latin1ServedAsUtf8_IsReadAsLatin1()
    {
        var body = Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + Item("Goma: manifestation réprimée"));

        Assert.Equal("Goma: manifestation réprimée", Parse(body, "text/xml; charset=utf-8").Items[0].Title);
    }

    [Theory]
    [InlineData("html5 page", "<!DOCTYPE html><html><head><title>Home</title></head><body>News</body></html>")]
    [InlineData("xhtml page", "<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x.dtd\"><html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>")]
    public void Parse_HtmlServedAsFeed_IsRefusedAsHtml(string label, string body) =>
        Assert.True(Assert.Throws<FeedFormatException>(() => Parse(body, "text/html")).Message.StartsWith("not a feed: an HTML page", StringComparison.Ordinal), label);

    [Fact]
    public void Parse_RssWithoutChannel_IsAnEmptyFeed() => Assert.Empty(Parse("<rss version=\"2.0\"></rss>").Items);

    [Fact]
    public void Parse_Ttl_IsReadAsAPollingHint() =>
        Assert.Equal(TimeSpan.FromMinutes(30), Parse("<rss version=\"2.0\"><channel><title>c</title><ttl>30</ttl></channel></rss>").Ttl);

    [Theory]
    [InlineData("permalink guid becomes the link", "<guid>https://wire.example.org/story/7</guid>", "https://wire.example.org/story/7")]
    [InlineData("guid marked not a permalink is not a link", "<guid isPermaLink=\"false\">https://wire.example.org/story/7</guid>", null)]
    [InlineData("guid that is not a URL is not a link", "<guid>story-7</guid>", null)]
    public void Parse_ItemWithoutLink_UsesAPermalinkGuid(string label, string guid, string? expected)
    {
        var item = Parse($"<rss version=\"2.0\"><channel><title>c</title><item><title>t</title>{guid}</item></channel></rss>").Items[0];

        Assert.True(expected == item.Link, label);
    }
}
