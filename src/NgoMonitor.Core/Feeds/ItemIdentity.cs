using System.Security.Cryptography;
using System.Text;

namespace NgoMonitor.Core.Feeds;

/// <summary>
/// Stable item identity, the fallback chain (first that is present wins):
/// 1. the feed's own id (RSS <c>guid</c>, Atom <c>id</c>, JSON Feed <c>id</c>), prefixed "id:";
/// 2. the item's link, prefixed "link:";
/// 3. title and publication date, prefixed "title-date:";
/// 4. title and summary, prefixed "text:".
/// The chosen key is scoped by feed id and hashed (SHA-256, first 16 bytes, hex) so it is a safe Table RowKey
/// (no '/', '\', '#', '?', control characters; RowKey rules of the Table service data model). Editing an item's
/// text does not change keys 1–3, so an edited story is not a new item.
/// </summary>
public static class ItemIdentity
{
    public static string Derive(string feedId, string? feedItemId, string? link, string title, DateTimeOffset? published, string summary)
    {
        var key = !string.IsNullOrWhiteSpace(feedItemId) ? "id:" + feedItemId.Trim()
            : !string.IsNullOrWhiteSpace(link) ? "link:" + link.Trim()
            : published is not null && title.Length > 0 ? "title-date:" + title + "|" + published.Value.UtcTicks
            : "text:" + title + "|" + summary;
        return Hash(feedId + "\n" + key);
    }

    public static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 16));
}
