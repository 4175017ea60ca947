using System.Net;
using System.Text.RegularExpressions;

namespace NgoMonitor.Core.Feeds;

/// <summary>
/// Turns feed markup into clean plain text for matching and messages: script, style and comment blocks removed
/// with their content, block-level tags turned into line breaks, other tags dropped, HTML entities decoded
/// (twice, for feeds that escape their escaped HTML), white space folded.
/// </summary>
public static partial class PlainText
{
    public static string FromHtml(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        var text = DroppedBlocks().Replace(html, " ");
        text = WebUtility.HtmlDecode(text);
        text = DroppedBlocks().Replace(text, " "); // the decoded text may itself be markup ("&lt;p&gt;")
        text = BlockTags().Replace(text, "\n");
        text = Tags().Replace(text, "");
        text = WebUtility.HtmlDecode(text);
        text = Spaces().Replace(text, " ");
        text = Newlines().Replace(text, "\n");
        return text.Trim();
    }

    [GeneratedRegex(@"<(script|style|noscript|iframe)\b[^>]*>.*?</\1\s*>|<!--.*?-->", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex DroppedBlocks();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/h[1-6]|/tr|/blockquote)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTags();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tags();

    [GeneratedRegex(@"[ \t\r\f\v\u00A0]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s*\n\s*")]
    private static partial Regex Newlines();
}
