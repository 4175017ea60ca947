using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace NgoMonitor.Host.Admin.Auth;

/// <summary>
/// One authentication scheme for the admin API, trying in order:
/// 1. an officer link: header <c>X-Officer-Link</c> or query <c>link</c> (role officer, one recipient);
/// 2. an API key: <c>Authorization: ApiKey &lt;key&gt;</c> or <c>X-Api-Key</c> (role from the ApiKeys table);
/// 3. App Service authentication (Entra ID): <c>X-MS-CLIENT-PRINCIPAL</c>, only when trusted (see
///    <see cref="AdminApiOptions.TrustAppServicePrincipal"/>); app roles "Monitor.Admin"/"Monitor.Viewer".
/// A credential that is present but wrong fails (401) rather than falling through to the next one.
/// Challenges and forbids answer with RFC 7807 problem details, like every other API error.
/// </summary>
public sealed class MonitorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyStore keys,
    OfficerLinks links,
    IOptions<AdminApiOptions> adminOptions,
    IConfiguration configuration)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "Monitor";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var link = Request.Headers["X-Officer-Link"].ToString();
        if (link.Length == 0)
        {
            link = Request.Query["link"].ToString();
        }

        if (link.Length > 0)
        {
            var check = links.Verify(link);
            return check.RecipientId is { } recipient
                ? Success("link", "officer:" + recipient, MonitorRoles.Officer, new Claim(MonitorRoles.RecipientClaim, recipient))
                : AuthenticateResult.Fail(check.Expired ? "The officer link has expired; ask for a new one." : "The officer link is not valid.");
        }

        var key = Request.Headers["X-Api-Key"].ToString();
        var authorization = Request.Headers.Authorization.ToString();
        if (key.Length == 0 && authorization.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase))
        {
            key = authorization["ApiKey ".Length..].Trim();
        }

        if (key.Length > 0)
        {
            var info = await keys.VerifyAsync(key, Context.RequestAborted);
            return info is null ? AuthenticateResult.Fail("The API key is not valid.") : Success("apikey", info.Name, info.Role, new Claim(ClaimTypes.NameIdentifier, info.KeyId));
        }

        var principal = Request.Headers["X-MS-CLIENT-PRINCIPAL"].ToString();
        if (principal.Length > 0 && TrustsAppService())
        {
            return FromAppService(principal);
        }

        return AuthenticateResult.NoResult();
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required",
            "Send an API key (Authorization: ApiKey <key> or X-Api-Key), sign in, or use a valid officer link.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "Your role does not allow this.");

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        var failure = (await Context.AuthenticateAsync(SchemeName)).Failure?.Message;
        Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = "ApiKey";
        }

        await Response.WriteAsJsonAsync(
            new { type = "https://tools.ietf.org/html/rfc9110#section-15.5." + (status == 401 ? "2" : "4"), title, status, detail = failure ?? detail },
            (JsonSerializerOptions?)null,
            "application/problem+json");
    }

    private bool TrustsAppService() =>
        adminOptions.Value.TrustAppServicePrincipal
        ?? string.Equals(configuration["WEBSITE_AUTH_ENABLED"], "True", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// App Service authentication's principal: base64 of {"auth_typ","claims":[{"typ","val"}],"name_typ","role_typ"}.
    /// Entra app roles arrive as claims of type "roles" (or role_typ).
    /// </summary>
    private AuthenticateResult FromAppService(string header)
    {
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            var root = document.RootElement;
            var roleType = root.TryGetProperty("role_typ", out var rt) && rt.ValueKind == JsonValueKind.String ? rt.GetString() : "roles";
            var nameType = root.TryGetProperty("name_typ", out var nt) && nt.ValueKind == JsonValueKind.String ? nt.GetString() : "name";
            var claims = root.TryGetProperty("claims", out var c) && c.ValueKind == JsonValueKind.Array
                ? c.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object).Select(x => (Type: Text(x, "typ"), Value: Text(x, "val"))).ToList()
                : [];
            var roles = claims.Where(x => x.Type == roleType || x.Type == "roles").Select(x => x.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var name = claims.FirstOrDefault(x => x.Type == nameType).Value ?? "entra-user";
            var role = roles.Contains("Monitor.Admin") || roles.Contains(MonitorRoles.Admin) ? MonitorRoles.Admin
                : roles.Contains("Monitor.Viewer") || roles.Contains(MonitorRoles.Viewer) ? MonitorRoles.Viewer
                : null;
            return role is null ? AuthenticateResult.Fail("Signed in, but without a Monitor role (Monitor.Admin or Monitor.Viewer).") : Success("entra", name, role);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return AuthenticateResult.Fail("X-MS-CLIENT-PRINCIPAL is not readable.");
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static AuthenticateResult Success(string method, string name, string role, params Claim[] extra)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), new Claim(ClaimTypes.AuthenticationMethod, method), .. extra],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
