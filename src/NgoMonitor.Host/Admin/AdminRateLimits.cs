using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace NgoMonitor.Host.Admin;

/// <summary>
/// Per-caller request limits on the admin API, so that one leaked or runaway key (a script in a loop, a console
/// left polling) cannot starve the poll cycle of Table Storage throughput or the instance of CPU. Callers are told
/// when to come back: 429 with Retry-After (RFC 6585 §4) and a problem details body. Limits count per credential
/// (API key id, officer's recipient, signed-in user), after authentication, so unauthenticated requests are refused
/// with 401 before they reach a limiter.
/// </summary>
public static class AdminRateLimits
{
    /// <summary>Every /api route.</summary>
    public const string PerCaller = "admin-per-caller";

    /// <summary>The rule preview, which scans stored items: a tighter budget of its own.</summary>
    public const string Preview = "admin-preview";

    public static IServiceCollection AddAdminRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(PerCaller, http => Window(http, PerCaller, http.RequestServices.GetRequiredService<IOptions<AdminApiOptions>>().Value.RequestsPerMinute));
            o.AddPolicy(Preview, http => Window(http, Preview, http.RequestServices.GetRequiredService<IOptions<AdminApiOptions>>().Value.PreviewsPerMinute));
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await AdminRequests.Problem(
                        StatusCodes.Status429TooManyRequests,
                        "Too many requests",
                        $"This credential has used its requests for this minute; try again in {seconds} s.")
                    .ExecuteAsync(context.HttpContext);
            };
        });

    private static RateLimitPartition<string> Window(HttpContext http, string policy, int permitsPerMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(
            policy + "|" + Caller(http.User, http),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    /// <summary>Who is counted: the credential, not the network address (the Functions host forwards from loopback).</summary>
    private static string Caller(ClaimsPrincipal user, HttpContext http) =>
        user.Identity?.IsAuthenticated == true
            ? $"{user.FindFirstValue(ClaimTypes.AuthenticationMethod)}:{user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity.Name}"
            : "anonymous:" + http.Connection.RemoteIpAddress;
}
