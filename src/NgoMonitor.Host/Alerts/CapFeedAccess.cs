using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Host.Admin;
using NgoMonitor.Host.Admin.Auth;

namespace NgoMonitor.Host.Alerts;

/// <summary>
/// Who may read the CAP feed: anyone when <see cref="AlertsOptions.CapFeedPublic"/> is set; otherwise an admin or
/// viewer (API key, App Service sign-in), or whoever holds a signed feed URL, "/cap/alerts.atom?feed={expiry}.{signature}",
/// the signature being Base64url(HMAC-SHA256(Admin:LinkSigningKey, "cap-feed\n{expiry as Unix seconds}")). The
/// "cap-feed\n" prefix keeps these signatures apart from officer links (whose payload never holds a newline).
/// Feed readers cannot send headers, hence the URL; it expires after Admin:LinkLifetimeDays like officer links.
/// </summary>
public sealed class CapFeedAccess(OfficerLinks links, IOptions<AdminApiOptions> admin, AlertsOptions alerts, TimeProvider time)
{
    /// <summary>The CAP feed's path, the same for the route, the feed's self link and signed feed URLs.</summary>
    public const string Path = "/cap/alerts.atom";

    public bool MayRead(ClaimsPrincipal user, string? feedToken) =>
        alerts.CapFeedPublic || user.IsInRole(MonitorRoles.Admin) || user.IsInRole(MonitorRoles.Viewer) || Verify(feedToken);

    /// <summary>A signed feed URL valid for Admin:LinkLifetimeDays; null when no signing key is configured.</summary>
    public CapFeedLink? Create()
    {
        if (!links.IsConfigured)
        {
            return null;
        }

        var expires = time.GetUtcNow().AddDays(admin.Value.LinkLifetimeDays);
        var unix = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new CapFeedLink(Path + "?feed=" + Uri.EscapeDataString(unix + "." + links.Sign(Payload(unix))), expires);
    }

    private bool Verify(string? token)
    {
        var parts = token?.Split('.');
        if (!links.IsConfigured || parts is not { Length: 2 } || parts[0].Length > 12
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var unix) || unix <= time.GetUtcNow().ToUnixTimeSeconds())
        {
            return false;
        }

        return links.Matches(Payload(parts[0]), parts[1]);
    }

    private static string Payload(string unix) => "cap-feed\n" + unix;
}

/// <summary>A signed CAP feed URL (relative to Monitor's address) and when it stops working.</summary>
public sealed record CapFeedLink(string Url, DateTimeOffset Expires);
