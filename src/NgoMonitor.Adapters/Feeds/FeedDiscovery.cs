using System.Net;
using System.Text.RegularExpressions;

namespace NgoMonitor.Adapters.Feeds;

/// <summary>A feed a web page announces: its absolute URL, the title the page gives it, and its media type.</summary>
public sealed record DiscoveredFeed(Uri Url, string? Title, string Type);

/// <summary>
/// Feed autodiscovery: the feeds an HTML page announces with <c>&lt;link rel="alternate" type="application/rss+xml"
/// href="…"&gt;</c> (the RSS Advisory Board's autodiscovery note; Atom, RFC 4287 §7.1 of the HTML link relation, and
/// JSON Feed use the same element with their own media types). Hrefs are resolved against the page's
/// <c>&lt;base href&gt;</c> when it has one, else the page's own URL (after redirects); only http(s) results are kept,
/// each once, in page order. The page is read as text; no script runs and nothing else is fetched.
/// </summary>
public static partial class FeedDiscovery
{
    /// <summary>The media types that mark a feed link.</summary>
    public static readonly IReadOnlyList<string> FeedTypes = ["application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml"];

    public static IReadOnlyList<DiscoveredFeed> FromHtml(string html, Uri pageUrl)
    {
        var baseUrl = pageUrl;
        if (BaseTag().Match(html) is { Success: true } b && Attributes(b.Value).TryGetValue("href", out var baseHref)
            && Uri.TryCreate(pageUrl, baseHref, out var declared))
        {
            baseUrl = declared;
        }

        var found = new List<DiscoveredFeed>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match tag in LinkTag().Matches(html))
        {
            var a = Attributes(tag.Value);
            if (!a.TryGetValue("rel", out var rel) || !rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("alternate", StringComparer.OrdinalIgnoreCase)
                || !a.TryGetValue("type", out var type) || !FeedTypes.Contains(type.Trim().ToLowerInvariant())
                || !a.TryGetValue("href", out var href) || !Uri.TryCreate(baseUrl, href.Trim(), out var url)
                || url.Scheme is not ("http" or "https") || !seen.Add(url.AbsoluteUri))
            {
                continue;
            }

            found.Add(new DiscoveredFeed(url, a.TryGetValue("title", out var title) && title.Trim().Length > 0 ? title.Trim() : null, type.Trim().ToLowerInvariant()));
        }

        return found;
    }

    /// <summary>A tag's attributes, names lower-cased, values HTML-decoded; the first of a repeated name wins.</summary>
    private static Dictionary<string, string> Attributes(string tag)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Attribute().Matches(tag))
        {
            var value = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Success ? m.Groups[3].Value : m.Groups[4].Value;
            attributes.TryAdd(m.Groups[1].Value.ToLowerInvariant(), WebUtility.HtmlDecode(value));
        }

        return attributes;
    }

    [GeneratedRegex(@"<link\b[^>]*>", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LinkTag();

    [GeneratedRegex(@"<base\b[^>]*>", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BaseTag();

    [GeneratedRegex(@"([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s""'=<>`]+))", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Attribute();
}
