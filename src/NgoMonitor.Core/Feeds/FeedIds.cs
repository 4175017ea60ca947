using System.Globalization;
using System.Text;

namespace NgoMonitor.Core.Feeds;

/// <summary>
/// A feed's default id, derived from its URL so an admin never has to invent one: the host without "www.", then
/// the path's segments without a file extension, lower-case ASCII letters and digits joined by '-', at most 64
/// characters ("https://www.rfi.fr/fr/afrique/rss" → "rfi-fr-fr-afrique-rss"). The same URL always gives the same
/// id, so adding a feed twice is a conflict, not a duplicate. Accents are dropped ("actualités" → "actualites") and
/// other letters outside ASCII end a word (ids are Table keys and URL segments); a URL that leaves nothing gives "feed".
/// </summary>
public static class FeedIds
{
    public const int MaxLength = 64;

    public static string FromUrl(Uri url)
    {
        var host = url.IdnHost.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.IdnHost[4..] : url.IdnHost;
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => WithoutExtension(Uri.UnescapeDataString(s)));
        var id = Slug(string.Join('-', [host, .. segments]));
        return id.Length == 0 ? "feed" : id;
    }

    /// <summary><paramref name="id"/>, or it with "-2", "-3", ... appended until <paramref name="taken"/> does not hold it.</summary>
    public static string Unique(string id, ISet<string> taken)
    {
        var candidate = id;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            var suffix = "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            candidate = (id.Length + suffix.Length > MaxLength ? id[..(MaxLength - suffix.Length)] : id) + suffix;
        }

        return candidate;
    }

    private static string WithoutExtension(string segment)
    {
        var dot = segment.LastIndexOf('.');
        return dot > 0 && segment.Length - dot <= 5 ? segment[..dot] : segment;
    }

    private static string Slug(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue; // "é" is "e" and an accent: the accent goes
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var slug = sb.ToString().Trim('-');
        return slug.Length > MaxLength ? slug[..MaxLength].TrimEnd('-') : slug;
    }
}
