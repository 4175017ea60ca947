using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Core.Feeds;

namespace NgoMonitor.Adapters.Feeds;

/// <summary>
/// OPML 2.0 import and export of the feed list (http://opml.org/spec2.opml, "subscription lists"): one
/// <c>outline type="rss"</c> per feed with <c>text</c>, <c>title</c> and <c>xmlUrl</c>. Monitor's own settings
/// travel as extra attributes (<c>monitorId</c>, <c>monitorMinIntervalMinutes</c>, <c>monitorCountry</c> and the home
/// area's <c>monitorHomeLat</c>, <c>monitorHomeLon</c>, <c>monitorHomeRadiusKm</c>), which other readers ignore; a
/// country or home area is checked as the config file checks it, and a bad one refuses the whole document.
/// Folders are nested outlines both ways (<see cref="FeedSource.Folder"/>). Import skips outlines without an
/// http(s) <c>xmlUrl</c>, derives an id from the URL when there is none (<see cref="FeedIds"/>), and never marks an imported feed as allowed on private networks.
/// </summary>
public static class Opml
{
    public static string Export(IEnumerable<FeedSource> feeds, DateTimeOffset now)
    {
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("opml", new XAttribute("version", "2.0"),
                new XElement("head",
                    new XElement("title", "Monitor feeds"),
                    new XElement("dateCreated", now.ToString("r", CultureInfo.InvariantCulture))),
                new XElement("body", Outlines([.. feeds], 0))));
        using var writer = new Utf8StringWriter();
        document.Save(writer);
        return writer.ToString();
    }

    /// <summary>Feeds at this depth of their folders first, then one folder outline per next level, in name order.</summary>
    private static IEnumerable<XElement> Outlines(IReadOnlyList<FeedSource> feeds, int depth)
    {
        foreach (var f in feeds.Where(f => FeedFolders.Levels(f.Folder).Count == depth))
        {
            yield return new XElement("outline",
                new XAttribute("type", "rss"),
                new XAttribute("text", f.Name),
                new XAttribute("title", f.Name),
                new XAttribute("xmlUrl", f.Url.AbsoluteUri),
                new XAttribute("monitorId", f.Id),
                new XAttribute("monitorMinIntervalMinutes", f.MinInterval.TotalMinutes.ToString(CultureInfo.InvariantCulture)),
                f.Language is null ? null : new XAttribute("language", f.Language),
                f.Country is null ? null : new XAttribute("monitorCountry", f.Country),
                f.Home is not { } home ? null : new[]
                {
                    new XAttribute("monitorHomeLat", home.Centre.Lat.ToString("R", CultureInfo.InvariantCulture)),
                    new XAttribute("monitorHomeLon", home.Centre.Lon.ToString("R", CultureInfo.InvariantCulture)),
                    new XAttribute("monitorHomeRadiusKm", home.RadiusKm.ToString("R", CultureInfo.InvariantCulture)),
                });
        }

        foreach (var folder in feeds.Where(f => FeedFolders.Levels(f.Folder).Count > depth).GroupBy(f => FeedFolders.Levels(f.Folder)[depth], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            yield return new XElement("outline", new XAttribute("text", folder.Key), new XAttribute("title", folder.Key), Outlines([.. folder], depth + 1));
        }
    }

    /// <summary>The feeds of an OPML document. Throws <see cref="FeedFormatException"/> when it is not OPML, or names the
    /// outline whose country or home area is not valid.</summary>
    public static IReadOnlyList<FeedSource> Import(string opml)
    {
        var feeds = new List<FeedSource>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var outline in ReadOutlines(opml))
        {
            if (!Uri.TryCreate(outline.XmlUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                continue;
            }

            var id = FeedIds.Unique(outline.MonitorId ?? FeedIds.FromUrl(url), ids);
            ids.Add(id);
            var minutes = double.TryParse(outline.MinIntervalMinutes, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m >= 1 ? m : 5;
            try
            {
                feeds.Add(new FeedSource(id, outline.Title ?? url.Host, url, TimeSpan.FromMinutes(minutes), AllowPrivateNetwork: false, Language: outline.Language)
                {
                    Folder = outline.Folder,
                    Country = ConfigMapper.ToFeedCountry(outline.Country),
                    Home = ConfigMapper.ToHomeArea(outline.Home),
                });
            }
            catch (ConfigException ex)
            {
                throw new FeedFormatException($"outline '{id}': {ex.Field}: {ex.Message}", ex);
            }
        }

        return feeds;
    }

    /// <summary>
    /// Every outline with an <c>xmlUrl</c>, in document order, with its attributes as written (trimmed) and its folder.
    /// The one reader of OPML: the CLI import and the admin API's import differ only in what they do with invalid
    /// entries. DTDs are refused (no entity expansion); <paramref name="maxCharacters"/> bounds the document (0: no
    /// bound). Throws <see cref="FeedFormatException"/> saying where the XML breaks, or that the root is not
    /// <c>&lt;opml&gt;</c>.
    /// </summary>
    public static IReadOnlyList<OpmlOutline> ReadOutlines(string opml, long maxCharacters = 0)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = maxCharacters };
            using var reader = XmlReader.Create(new StringReader(opml), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new FeedFormatException(string.Create(CultureInfo.InvariantCulture, $"is not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition})"), ex);
        }

        if (document.Root?.Name.LocalName != "opml")
        {
            throw new FeedFormatException("is not an OPML document: the root element must be <opml>");
        }

        return [.. document.Root.Descendants().Where(e => e.Name.LocalName == "outline" && e.Attribute("xmlUrl") is not null).Select(o => new OpmlOutline(
            o.Attribute("xmlUrl")!.Value.Trim(),
            Trimmed(o.Attribute("title") ?? o.Attribute("text")),
            Trimmed(o.Attribute("monitorId")),
            Trimmed(o.Attribute("monitorMinIntervalMinutes")),
            Trimmed(o.Attribute("language")),
            FolderOf(o))
        {
            Country = Trimmed(o.Attribute("monitorCountry")),
            Home = HomeOf(o),
        })];
    }

    /// <summary>The outline's home area as written: null without any of its attributes; a number that does not parse is
    /// left empty, so validation names the area as incomplete.</summary>
    private static HomeAreaEntry? HomeOf(XElement outline)
    {
        string?[] written = [Trimmed(outline.Attribute("monitorHomeLat")), Trimmed(outline.Attribute("monitorHomeLon")), Trimmed(outline.Attribute("monitorHomeRadiusKm"))];
        if (written.All(w => w is null))
        {
            return null;
        }

        double? Number(string? text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
        return new HomeAreaEntry { Lat = Number(written[0]), Lon = Number(written[1]), RadiusKm = Number(written[2]) };
    }

    private static string? Trimmed(XAttribute? attribute) =>
        attribute?.Value.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>The titles of the outlines an outline sits in (its folders), outermost first.</summary>
    private static string? FolderOf(XElement outline) =>
        FeedFolders.Join(outline.Ancestors().Where(a => a.Name.LocalName == "outline")
            .Select(a => FeedFolders.Level((string?)a.Attribute("title") ?? (string?)a.Attribute("text") ?? "")).Reverse());

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => Encoding.UTF8;
    }
}

/// <summary>One feed outline of an OPML document as written: its attributes (trimmed, null when absent or empty) and folder.</summary>
public sealed record OpmlOutline(string XmlUrl, string? Title, string? MonitorId, string? MinIntervalMinutes, string? Language, string? Folder)
{
    /// <summary>The feed's declared country (<c>monitorCountry</c>), unchecked.</summary>
    public string? Country { get; init; }

    /// <summary>The feed's home area (<c>monitorHomeLat</c>, <c>monitorHomeLon</c>, <c>monitorHomeRadiusKm</c>), unchecked.</summary>
    public HomeAreaEntry? Home { get; init; }
}
