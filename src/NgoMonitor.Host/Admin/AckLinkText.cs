using System.Text.RegularExpressions;

namespace NgoMonitor.Host.Admin;

/// <summary>
/// Message text for readers other than its recipient: the signature of an acknowledgement link
/// ("/a/{alert id}.{signature}") is replaced by "…", so an admin or viewer reading the alerts list cannot acknowledge
/// in the officer's name (the link stays recognisable).
/// </summary>
public static partial class AckLinkText
{
    public static string? Redact(string? text) => text is null ? null : Signature().Replace(text, "$1.…");

    [GeneratedRegex(@"(/a/[A-Za-z0-9-]{1,80})\.[A-Za-z0-9_-]{16}")]
    private static partial Regex Signature();
}
