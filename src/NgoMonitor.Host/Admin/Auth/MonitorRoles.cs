using System.Security.Claims;

namespace NgoMonitor.Host.Admin.Auth;

/// <summary>
/// Who may do what: admin writes everything, viewer reads everything, officer reads and changes only the
/// subscription of the recipient named in their signed link.
/// </summary>
public static class MonitorRoles
{
    public const string Admin = "admin";
    public const string Viewer = "viewer";
    public const string Officer = "officer";

    /// <summary>Claim naming the recipient an officer link was issued for.</summary>
    public const string RecipientClaim = "monitor:recipient";

    /// <summary>Authorization policy: admin or viewer.</summary>
    public const string ReadPolicy = "monitor-read";

    /// <summary>Authorization policy: admin.</summary>
    public const string WritePolicy = "monitor-write";

    /// <summary>Authorization policy: any authenticated caller (admin, viewer, officer); handlers check the recipient.</summary>
    public const string AnyPolicy = "monitor-any";

    public static bool IsValid(string role) => role is Admin or Viewer;

    public static string Actor(ClaimsPrincipal user) =>
        $"{user.FindFirstValue(ClaimTypes.AuthenticationMethod) ?? "?"}:{user.Identity?.Name ?? "?"}";

    /// <summary>True when the caller may read or change the subscription of <paramref name="recipientId"/>.</summary>
    public static bool MayManageSubscription(ClaimsPrincipal user, string recipientId, bool write) =>
        user.IsInRole(Admin)
        || (!write && user.IsInRole(Viewer))
        || (user.IsInRole(Officer) && string.Equals(user.FindFirstValue(RecipientClaim), recipientId, StringComparison.Ordinal));
}
