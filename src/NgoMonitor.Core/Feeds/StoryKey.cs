using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NgoMonitor.Core.Feeds;

/// <summary>
/// Keys that recognise one story carried by several feeds. An item gets up to two keys; two items are the same
/// story when they share any key:
/// 1. "link:" + hash of the normalised link: scheme, "www.", fragment, trailing slash and tracking parameters
///    (utm_*, fbclid, gclid, at_*, cmpid) dropped, host lower-cased; so http/https and campaign-tagged copies agree;
/// 2. "title:" + hash of the normalised title: case, diacritics, punctuation and white space folded, and a trailing
///    " - Source" / " | Source" suffix dropped, so "Clashes in Goma - Reuters" and "Clashes in Goma | AP" agree.
///    Titles of fewer than four words get no title key: "Update", "Breaking news" are not stories.
/// This is deliberately exact-after-normalisation, not fuzzy: a fuzzy match (shingles, simhash) would merge
/// different incidents in the same town, which for security alerts is the worse error.
/// </summary>
public static partial class StoryKey
{
    public static IReadOnlyList<string> Of(string? link, string title)
    {
        var keys = new List<string>(2);
        if (NormaliseLink(link) is { } normalisedLink)
        {
            keys.Add("link:" + ItemIdentity.Hash(normalisedLink));
        }

        if (NormaliseTitle(title) is { } normalisedTitle)
        {
            keys.Add("title:" + ItemIdentity.Hash(normalisedTitle));
        }

        return keys;
    }

    public static string? NormaliseLink(string? link)
    {
        if (string.IsNullOrWhiteSpace(link) || !Uri.TryCreate(link.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var host = url.IdnHost.ToLowerInvariant();
        host = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
        var query = string.Join('&', url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !TrackingParameter().IsMatch(p))
            .Order(StringComparer.Ordinal));
        var path = url.AbsolutePath.TrimEnd('/');
        return host + (url.IsDefaultPort ? "" : ":" + url.Port.ToString(CultureInfo.InvariantCulture)) + path + (query.Length > 0 ? "?" + query : "");
    }

    public static string? NormaliseTitle(string title)
    {
        var text = SourceSuffix().Replace(title, "");
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        var words = folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 4 ? string.Join(' ', words) : null;
    }

    [GeneratedRegex(@"^(utm_[a-z]+|fbclid|gclid|at_[a-z]+|cmpid|ocid|ito)(=|$)", RegexOptions.IgnoreCase)]
    private static partial Regex TrackingParameter();

    // " - Reuters", " | BBC News", " – Al Jazeera": one to four capitalised words without digits after the last
    // separator, so "Attack on convoy - 12 killed" keeps its tail.
    [GeneratedRegex(@"\s+[-|–—]\s+\p{Lu}[\p{L}.&']*(\s+\p{Lu}[\p{L}.&']*){0,3}\s*$")]
    private static partial Regex SourceSuffix();
}
