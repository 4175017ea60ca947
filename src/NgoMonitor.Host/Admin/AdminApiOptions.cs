using System.ComponentModel.DataAnnotations;

namespace NgoMonitor.Host.Admin;

/// <summary>Admin API and console settings (configuration section "Admin").</summary>
public sealed class AdminApiOptions
{
    public const string Section = "Admin";

    /// <summary>
    /// Secret for officer links (HMAC-SHA256 over recipient id and expiry), at least 32 characters; Key Vault in Azure.
    /// Default: unset, and then no officer link can be created or accepted.
    /// </summary>
    public string? LinkSigningKey { get; set; }

    /// <summary>How long a new officer link stays valid, in days. Default 30, range 1–365.</summary>
    [Range(1, 365)]
    public int LinkLifetimeDays { get; set; } = 30;

    /// <summary>
    /// Accept App Service authentication's X-MS-CLIENT-PRINCIPAL header. Only safe behind App Service / Functions
    /// authentication, which strips the header from clients' requests. Default: null = on exactly when the platform
    /// says authentication is enabled (WEBSITE_AUTH_ENABLED=True).
    /// </summary>
    public bool? TrustAppServicePrincipal { get; set; }

    /// <summary>
    /// Largest request body accepted, in bytes. Default 1,048,576 (1 MiB), range 1 KiB–4 MiB: room for a watchlist with
    /// the largest polygon the configuration accepts (10,000 positions, about 400 KB of GeoJSON), as the file does.
    /// </summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Longest look-back of a rule preview, in days. Default 30, range 1–365.</summary>
    [Range(1, 365)]
    public int PreviewMaxDays { get; set; } = 30;

    /// <summary>
    /// Requests per minute one caller (an API key, an officer link, a signed-in user) may make to /api; more get 429
    /// with Retry-After. Default 600 (the console makes a few per screen), range 10–1,000,000.
    /// </summary>
    [Range(10, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>Rule previews per minute one caller may run (each scans up to <see cref="PreviewMaxItems"/> stored
    /// items). Default 20, range 1–10,000.</summary>
    [Range(1, 10_000)]
    public int PreviewsPerMinute { get; set; } = 20;

    /// <summary>Most stored items a preview scans (newest first). Default 5,000, range 100–100,000.</summary>
    [Range(100, 100_000)]
    public int PreviewMaxItems { get; set; } = 5000;
}
