using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using ParsedItem = CodeHollow.FeedReader.FeedItem;

namespace NgoMonitor.Adapters.Feeds;

/// <summary>
/// Parses RSS 0.9x/1.0/2.0, Atom and JSON Feed bytes with CodeHollow.FeedReader and normalises each entry into the
/// core's <see cref="NgoMonitor.Core.Feeds.FeedItem"/>: plain-text title and summary, absolute http(s) link, UTC date
/// (<see cref="FeedDates"/>), GeoRSS point, and the identity of <see cref="ItemIdentity"/>.
/// </summary>
public sealed class FeedReaderParser : IFeedParser
{
    private static readonly XNamespace GeoRss = "http://www.georss.org/georss";
    private static readonly XNamespace Gml = "http://www.opengis.net/gml";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace W3cGeo = "http://www.w3.org/2003/01/geo/wgs84_pos#";

    private static readonly XmlReaderSettings SafeXml = new()
    {
        // Belt and braces after FeedText.Sanitise: no DTD, no resolver, so nothing is ever expanded or fetched.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    public IReadOnlyList<Core.Feeds.FeedItem> Parse(FeedSource feed, byte[] body, string? contentType) => ParseFeed(feed, body, contentType).Items;

    /// <summary>
    /// Decode (<see cref="FeedText.Decode"/>), refuse HTML pages, apply the DTD rule (<see cref="FeedText.Sanitise"/>),
    /// check well-formedness with a DTD-prohibiting reader, then hand CodeHollow the cleaned text, never the bytes:
    /// CodeHollow's own XDocument.Parse would otherwise see whatever DOCTYPE the server sent.
    /// </summary>
    public ParsedFeed ParseFeed(FeedSource feed, byte[] body, string? contentType)
    {
        var (text, encoding) = FeedText.Decode(body, contentType);
        if (FeedText.LooksLikeHtml(text))
        {
            throw new FeedFormatException($"not a feed: an HTML page (Content-Type {contentType ?? "none"})");
        }

        XDocument? xml = null;
        var trimmed = text.TrimStart();
        if (!trimmed.StartsWith('{'))
        {
            text = FeedText.Sanitise(text);
            try
            {
                using var reader = XmlReader.Create(new StringReader(text), SafeXml);
                xml = XDocument.Load(reader);
            }
            catch (XmlException ex)
            {
                throw new FeedFormatException($"not well-formed XML: {ex.Message}", ex);
            }

            text = xml.ToString(SaveOptions.DisableFormatting);
            if (xml.Root is { } root && root.Name.LocalName is "rss" or "RDF" && !root.Descendants().Any(e => e.Name.LocalName == "channel"))
            {
                // An RSS document without a channel is an empty feed (CodeHollow would throw on it).
                return new ParsedFeed("", null, null, [], encoding);
            }
        }

        Feed parsed;
        try
        {
            parsed = FeedReader.ReadFromString(text);
        }
        catch (Exception ex)
        {
            throw new FeedFormatException($"not a readable RSS, Atom or JSON feed ({ex.GetType().Name}: {ex.Message})", ex);
        }

        if (parsed.Type == FeedType.Unknown)
        {
            throw new FeedFormatException($"not a feed: unknown document type (Content-Type {contentType ?? "none"})");
        }

        var baseUri = Uri.TryCreate(feed.Url, parsed.Link ?? "", out var feedLink) && feedLink.Scheme.StartsWith("http", StringComparison.Ordinal) ? feedLink : feed.Url;
        var items = parsed.Items.Select(item => Normalise(feed, baseUri, item)).ToList();
        return new ParsedFeed(PlainText.FromHtml(parsed.Title), AbsoluteHttpLink(feed.Url, parsed.Link), Ttl(xml), items, encoding);
    }

    /// <summary>RSS 2.0 <c>channel/ttl</c> in minutes (RSS 2.0 specification, "ttl sub-element of channel").</summary>
    private static TimeSpan? Ttl(XDocument? xml) =>
        xml?.Root?.Element("channel")?.Element("ttl")?.Value is { } ttl && int.TryParse(ttl.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
            ? TimeSpan.FromMinutes(Math.Min(minutes, 7 * 24 * 60))
            : null;

    private static Core.Feeds.FeedItem Normalise(FeedSource feed, Uri baseUri, ParsedItem item)
    {
        var element = item.SpecificItem?.Element;
        var title = PlainText.FromHtml(item.Title);
        var summary = PlainText.FromHtml(string.IsNullOrWhiteSpace(item.Description) ? item.Content : item.Description);
        if (title.Length == 0)
        {
            title = summary.Length <= 120 ? summary : summary[..120].TrimEnd() + "…";
        }

        var link = AbsoluteHttpLink(baseUri, item.Link) ?? PermalinkGuid(element);
        var published = FeedDates.TryParse(item.PublishingDateString)
            ?? (item.PublishingDate is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : (DateTimeOffset?)null)
            ?? FallbackDate(element);
        var id = ItemIdentity.Derive(feed.Id, string.IsNullOrWhiteSpace(item.Id) ? RdfAbout(element) : item.Id, link, title, published, summary);
        return new Core.Feeds.FeedItem(id, feed.Id, title, summary, link, published, GeoPointOf(element))
        {
            SourceId = string.IsNullOrWhiteSpace(item.Id) ? RdfAbout(element) : item.Id.Trim(),
        };
    }

    /// <summary>RSS 1.0 items are identified by their <c>rdf:about</c> URI (RSS 1.0 specification, §5.5).</summary>
    private static string? RdfAbout(XElement? element) =>
        element?.Attribute(XName.Get("about", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"))?.Value.Trim() is { Length: > 0 } about ? about : null;

    /// <summary>
    /// RSS 2.0 <c>guid</c> is a permalink unless <c>isPermaLink="false"</c> (RSS 2.0 specification, "guid
    /// sub-element of item"); used as the link when the item has none and the guid is an absolute http(s) URL.
    /// </summary>
    private static string? PermalinkGuid(XElement? element)
    {
        var guid = element?.Element("guid");
        if (guid is null || string.Equals((string?)guid.Attribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Uri.TryCreate(guid.Value.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url.AbsoluteUri
            : null;
    }

    /// <summary>When there is no publication date: Atom <c>updated</c> (RFC 4287 §4.2.15), then Dublin Core <c>dc:date</c>.</summary>
    private static DateTimeOffset? FallbackDate(XElement? element) =>
        element is null ? null : FeedDates.TryParse(
            element.Elements(Atom + "updated").Concat(element.Elements(DublinCore + "date")).Select(e => e.Value).FirstOrDefault());

    private static string? AbsoluteHttpLink(Uri baseUri, string? link)
    {
        if (baseUri.Scheme is not ("http" or "https") && !Uri.TryCreate(link?.Trim(), UriKind.Absolute, out _))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(link) || !Uri.TryCreate(baseUri, link.Trim(), out var absolute))
        {
            return null;
        }

        return absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps ? absolute.AbsoluteUri : null;
    }

    /// <summary>
    /// GeoRSS Simple <c>georss:point</c> and GML <c>gml:pos</c> are "lat lon" (GeoRSS 1.1); W3C Basic Geo has
    /// separate <c>geo:lat</c> and <c>geo:long</c>; a <c>georss:polygon</c> is reduced to its vertices' mean for now.
    /// </summary>
    internal static GeoPoint? GeoPointOf(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        var pair = element.Descendants(GeoRss + "point").Concat(element.Descendants(Gml + "pos")).Select(e => e.Value).FirstOrDefault();
        if (pair is not null)
        {
            return LatLonPairs(pair).FirstOrDefault() is { IsValid: true } p ? p : null;
        }

        var lat = element.Descendants(W3cGeo + "lat").FirstOrDefault()?.Value;
        var lon = element.Descendants(W3cGeo + "long").FirstOrDefault()?.Value;
        if (lat is not null && lon is not null && TryNumber(lat, out var la) && TryNumber(lon, out var lo))
        {
            var point = new GeoPoint(la, lo);
            return point.IsValid ? point : null;
        }

        var polygon = element.Descendants(GeoRss + "polygon").Select(e => e.Value).FirstOrDefault();
        if (polygon is not null && LatLonPairs(polygon).ToList() is { Count: >= 3 } ring)
        {
            var centre = new GeoPoint(ring.Average(p => p.Lat), ring.Average(p => p.Lon));
            return centre.IsValid ? centre : null;
        }

        return null;
    }

    private static IEnumerable<GeoPoint> LatLonPairs(string text)
    {
        var numbers = text.Split([' ', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < numbers.Length; i += 2)
        {
            if (TryNumber(numbers[i], out var lat) && TryNumber(numbers[i + 1], out var lon))
            {
                yield return new GeoPoint(lat, lon);
            }
        }
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
