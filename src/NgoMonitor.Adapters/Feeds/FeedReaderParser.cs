using System.Globalization;
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

    public IReadOnlyList<Core.Feeds.FeedItem> Parse(FeedSource feed, byte[] body, string? contentType)
    {
        Feed parsed;
        try
        {
            parsed = FeedReader.ReadFromByteArray(body);
        }
        catch (Exception ex)
        {
            throw new FeedFormatException($"not a readable RSS, Atom or JSON feed ({ex.GetType().Name}: {ex.Message})", ex);
        }

        if (parsed.Type == FeedType.Unknown)
        {
            throw new FeedFormatException($"not a feed: unknown document type (Content-Type {contentType ?? "none"})");
        }

        var baseUri = Uri.TryCreate(parsed.Link, UriKind.Absolute, out var feedLink) ? feedLink : feed.Url;
        return [.. parsed.Items.Select(item => Normalise(feed, baseUri, item))];
    }

    private static Core.Feeds.FeedItem Normalise(FeedSource feed, Uri baseUri, ParsedItem item)
    {
        var title = PlainText.FromHtml(item.Title);
        var summary = PlainText.FromHtml(string.IsNullOrWhiteSpace(item.Description) ? item.Content : item.Description);
        if (title.Length == 0)
        {
            title = summary.Length <= 120 ? summary : summary[..120].TrimEnd() + "…";
        }

        var link = AbsoluteHttpLink(baseUri, item.Link);
        var published = FeedDates.TryParse(item.PublishingDateString)
            ?? (item.PublishingDate is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : (DateTimeOffset?)null)
            ?? FallbackDate(item.SpecificItem?.Element);
        var id = ItemIdentity.Derive(feed.Id, item.Id, link, title, published, summary);
        return new Core.Feeds.FeedItem(id, feed.Id, title, summary, link, published, GeoPointOf(item.SpecificItem?.Element));
    }

    /// <summary>When there is no publication date: Atom <c>updated</c> (RFC 4287 §4.2.15), then Dublin Core <c>dc:date</c>.</summary>
    private static DateTimeOffset? FallbackDate(XElement? element) =>
        element is null ? null : FeedDates.TryParse(
            element.Elements(Atom + "updated").Concat(element.Elements(DublinCore + "date")).Select(e => e.Value).FirstOrDefault());

    private static string? AbsoluteHttpLink(Uri baseUri, string? link)
    {
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
