using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using NgoMonitor.Core.Feeds;

namespace NgoMonitor.Adapters.Feeds;

/// <summary>
/// Turns fetched bytes into safe feed text before any XML parser sees them.
/// Charset, first match wins (RFC 7303 §3 and the XML 1.0 appendix F autodetection):
/// 1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
/// 2. the HTTP Content-Type charset, except that a document labelled Latin-1/ASCII that is valid UTF-8 and says
///    so in its XML declaration is read as UTF-8 (the common server default mislabel);
/// 3. the XML declaration's encoding;
/// 4. UTF-8.
/// If the chosen encoding is UTF-8 and the bytes are not valid UTF-8, they are read as windows-1252 (a superset of
/// Latin-1 and by far the most common mislabel) rather than failing the feed: one stray byte must not hide the news.
/// Then the DTD rule: no DTD is ever processed. A DOCTYPE with an internal subset or any ENTITY declaration is
/// refused (XXE, parameter entities, billion laughs); a plain external DOCTYPE (the Netscape RSS 0.91 one) is
/// stripped, never fetched. HTML named entities, which feeds use without declaring them, become numeric references.
/// </summary>
public static partial class FeedText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static FeedText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The text of the document and the name of the encoding it was read with.</summary>
    public static (string Text, string Encoding) Decode(byte[] body, string? contentType)
    {
        var (bomEncoding, bomLength) = Bom(body);
        if (bomEncoding is not null)
        {
            return (bomEncoding.GetString(body, bomLength, body.Length - bomLength), bomEncoding.WebName);
        }

        var declared = DeclaredEncoding(body);
        var fromHeader = HeaderCharset(contentType);
        var chosen = fromHeader ?? declared ?? Encoding.UTF8;
        if (fromHeader is { CodePage: 28591 or 20127 or 1252 } && declared?.CodePage == 65001 && IsUtf8(body))
        {
            chosen = Encoding.UTF8;
        }

        if (chosen.CodePage == 65001)
        {
            return IsUtf8(body) ? (StrictUtf8.GetString(body), "utf-8") : (Encoding.GetEncoding(1252).GetString(body), ParsedFeed.FallbackEncoding);
        }

        return (chosen.GetString(body), chosen.WebName);
    }

    /// <summary>
    /// Applies the DTD rule and the entity repair to decoded text. Throws <see cref="FeedFormatException"/> when
    /// the document declares a DTD internal subset or entities.
    /// </summary>
    public static string Sanitise(string text)
    {
        // Only the prolog (before the root element) can hold a DTD; a story about XXE in the content is not one.
        var prologEnd = RootElement().Match(text) is { Success: true } root ? root.Index : text.Length;
        var doctype = Doctype().Match(text);
        if (doctype.Success && doctype.Index < prologEnd)
        {
            if (doctype.Groups["subset"].Success)
            {
                throw new FeedFormatException("refused: the document declares a DTD internal subset (entities are never expanded: XXE and entity-expansion guard)");
            }

            text = text.Remove(doctype.Index, doctype.Length);
            prologEnd -= doctype.Length;
        }

        if (EntityDeclaration().IsMatch(text.AsSpan(0, prologEnd)))
        {
            throw new FeedFormatException("refused: the document declares an ENTITY (entities are never expanded: XXE and entity-expansion guard)");
        }

        text = InvalidXmlChars().Replace(text, "");

        // Outside CDATA sections only (their content is literal): a bare '&' (an unescaped query string) becomes
        // "&amp;", and an HTML named entity becomes a numeric reference.
        return Cdata().Replace(text, m => m.Groups["cdata"].Success ? m.Value : RepairAmpersands(m.Value));
    }

    private static string RepairAmpersands(string text) => NamedEntity().Replace(BareAmpersand().Replace(text, "&amp;"), m =>
    {
        var name = m.Groups[1].Value;
        if (name is "amp" or "lt" or "gt" or "quot" or "apos")
        {
            return m.Value;
        }

        var decoded = WebUtility.HtmlDecode(m.Value);
        return decoded == m.Value
            ? "&amp;" + name + ";" // unknown: keep it as literal text rather than fail the document
            : string.Concat(decoded.EnumerateRunes().Select(r => "&#" + r.Value + ";"));
    });

    /// <summary>True when the text, after the XML prolog, starts like an HTML page.</summary>
    public static bool LooksLikeHtml(string text) => HtmlStart().IsMatch(text);

    private static (Encoding? Encoding, int Length) Bom(byte[] b) => b switch
    {
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4),
        [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        // No BOM but the first character '<' in a wide encoding (XML 1.0 appendix F).
        [0x00, 0x00, 0x00, 0x3C, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 0),
        [0x3C, 0x00, 0x00, 0x00, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 0),
        [0x00, 0x3C, 0x00, ..] => (Encoding.BigEndianUnicode, 0),
        [0x3C, 0x00, _, 0x00, ..] => (Encoding.Unicode, 0),
        _ => (null, 0),
    };

    private static Encoding? DeclaredEncoding(byte[] body)
    {
        var head = Encoding.Latin1.GetString(body, 0, Math.Min(body.Length, 512));
        var match = XmlDeclarationEncoding().Match(head);
        return match.Success ? EncodingByName(match.Groups[1].Value) : null;
    }

    private static Encoding? HeaderCharset(string? contentType)
    {
        var match = contentType is null ? Match.Empty : CharsetParameter().Match(contentType);
        return match.Success ? EncodingByName(match.Groups[1].Value) : null;
    }

    private static Encoding? EncodingByName(string name)
    {
        try
        {
            var encoding = Encoding.GetEncoding(name.Trim());
            // A declared UTF-16/32 without a BOM was already caught by the autodetection; a single-byte document
            // that claims it is lying, so fall back to the other rules.
            return encoding is UnicodeEncoding or UTF32Encoding ? null : encoding;
        }
        catch (ArgumentException)
        {
            return null; // unknown charset name: ignore it
        }
    }

    private static bool IsUtf8(byte[] body)
    {
        try
        {
            _ = StrictUtf8.GetCharCount(body);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\s*<\?xml[^>]*\bencoding\s*=\s*[""']([A-Za-z0-9._:\-]+)[""']")]
    private static partial Regex XmlDeclarationEncoding();

    [GeneratedRegex(@"\bcharset\s*=\s*[""']?([A-Za-z0-9._:\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetParameter();

    // DOCTYPE with optional external id, optional [internal subset]; only before the root element in practice.
    [GeneratedRegex(@"<!DOCTYPE\s+[^\[>]*(?<subset>\[.*?\]\s*)?>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Doctype();

    [GeneratedRegex(@"<[A-Za-z_]")]
    private static partial Regex RootElement();

    [GeneratedRegex(@"<!ENTITY\s", RegexOptions.IgnoreCase)]
    private static partial Regex EntityDeclaration();

    [GeneratedRegex(@"&(?!#[0-9]+;|#[xX][0-9A-Fa-f]+;|[A-Za-z][A-Za-z0-9]{1,31};)")]
    private static partial Regex BareAmpersand();

    // Either a CDATA section (kept) or a run of text without one.
    [GeneratedRegex(@"(?<cdata><!\[CDATA\[.*?\]\]>)|((?!<!\[CDATA\[).)+", RegexOptions.Singleline)]
    private static partial Regex Cdata();

    [GeneratedRegex(@"&([A-Za-z][A-Za-z0-9]{1,31});")]
    private static partial Regex NamedEntity();

    [GeneratedRegex(@"[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]")]
    private static partial Regex InvalidXmlChars();

    // The root element decides, not the DOCTYPE: some real feeds carry an XHTML DOCTYPE on an <rss> root.
    [GeneratedRegex(@"^\s*(<\?xml[^>]*>\s*)?((<!--.*?-->|<!DOCTYPE[^>\[]*>)\s*)*<(html|head|body)\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HtmlStart();
}
