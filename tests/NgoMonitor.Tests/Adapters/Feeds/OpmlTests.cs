using NgoMonitor.Adapters.Feeds;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Feeds;

public sealed class OpmlTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Import_ExportedList_GivesTheSameFeeds()
    {
        FeedSource[] feeds =
        [
            new("relief", "ReliefWeb updates", new Uri("https://reliefweb.int/updates/rss.xml"), TimeSpan.FromMinutes(1), Language: "en"),
            new("rfi", "RFI Afrique", new Uri("https://www.rfi.fr/fr/afrique/rss"), TimeSpan.FromMinutes(5)),
        ];

        Assert.Equal(feeds, Opml.Import(Opml.Export(feeds, Now)));
    }

    [Fact]
    public void Export_FeedsInFolders_NestsThemAndImportGivesThemBack()
    {
        FeedSource[] feeds =
        [
            new("relief", "ReliefWeb updates", new Uri("https://reliefweb.int/updates/rss.xml"), TimeSpan.FromMinutes(5)),
            new("okapi", "Radio Okapi", new Uri("https://www.radiookapi.net/rss.xml"), TimeSpan.FromMinutes(5)) { Folder = "Africa/DRC" },
            new("rfi", "RFI Afrique", new Uri("https://www.rfi.fr/fr/afrique/rss"), TimeSpan.FromMinutes(5)) { Folder = "Africa" },
        ];

        var opml = Opml.Export(feeds, Now);
        var document = System.Xml.Linq.XDocument.Parse(opml);

        var africa = Assert.Single(document.Root!.Element("body")!.Elements("outline"), o => (string?)o.Attribute("text") == "Africa");
        Assert.Null(africa.Attribute("xmlUrl"));
        Assert.Equal("rfi", (string?)Assert.Single(africa.Elements("outline"), o => o.Attribute("xmlUrl") is not null).Attribute("monitorId"));
        Assert.Equal("okapi", (string?)africa.Elements("outline").Single(o => (string?)o.Attribute("text") == "DRC").Element("outline")!.Attribute("monitorId"));
        Assert.Equal(feeds.OrderBy(f => f.Id), Opml.Import(opml).OrderBy(f => f.Id));
    }

    [Fact]
    public void Import_OtherReadersList_ReadsNestedOutlinesAndDerivesIds()
    {
        const string opml = """
            <?xml version="1.0"?>
            <opml version="1.0"><head><title>subs</title></head><body>
              <outline text="Africa">
                <outline type="rss" text="Radio Okapi" xmlUrl="https://www.radiookapi.net/rss.xml"/>
                <outline type="rss" text="Radio Okapi" xmlUrl="https://www.radiookapi.net/other.xml"/>
              </outline>
              <outline type="link" text="Not a feed" url="https://example.org/"/>
              <outline type="rss" text="Local file" xmlUrl="file:///etc/passwd"/>
            </body></opml>
            """;

        var feeds = Opml.Import(opml);

        Assert.Equal(["radiookapi-net-rss", "radiookapi-net-other"], feeds.Select(f => f.Id).ToArray());
        Assert.All(feeds, f => Assert.Equal("Africa", f.Folder));
        Assert.All(feeds, f => Assert.False(f.AllowPrivateNetwork));
        Assert.All(feeds, f => Assert.Equal(TimeSpan.FromMinutes(5), f.MinInterval));
    }

    [Fact]
    public void Import_ExportedFeedWithCountryAndHomeArea_GivesThemBack()
    {
        FeedSource[] feeds =
        [
            new("gazette", "Alexandria Gazette", new Uri("https://gazette.example.org/rss"), TimeSpan.FromMinutes(5))
            {
                Country = "US",
                Home = new FeedHomeArea(new GeoPoint(38.8048, -77.0469), 60),
            },
        ];

        Assert.Equal(feeds, Opml.Import(Opml.Export(feeds, Now)));
    }

    [Theory]
    [InlineData("""monitorCountry="Sudan" """, "outline 'desk': country: 'Sudan' is not an ISO 3166-1 alpha-2 country code")]
    [InlineData("""monitorHomeLat="13.6" monitorHomeLon="25.3" """, "outline 'desk': home: a home area needs lat, lon and radiusKm")]
    [InlineData("""monitorHomeLat="north" monitorHomeLon="25.3" monitorHomeRadiusKm="50" """, "outline 'desk': home: a home area needs lat, lon and radiusKm")]
    [InlineData("""monitorHomeLat="13.6" monitorHomeLon="25.3" monitorHomeRadiusKm="900" """, "outline 'desk': home.radiusKm: 900 is outside 1-500 km")]
    public void Import_OutlineWithABadCountryOrHomeArea_IsRefusedNamingTheOutline(string attributes, string message)
    {
        var opml = $"""<?xml version="1.0"?><opml version="2.0"><body><outline text="Desk" monitorId="desk" xmlUrl="https://desk.example.org/rss" {attributes}/></body></opml>""";

        var error = Assert.Throws<FeedFormatException>(() => Opml.Import(opml));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_DocumentWithDtd_IsRefused() =>
        Assert.Throws<FeedFormatException>(() => Opml.Import("<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><opml><body/></opml>"));
}
