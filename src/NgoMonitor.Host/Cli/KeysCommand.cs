using System.Security.Claims;
using System.Text.Json;
using NgoMonitor.Host.Admin;
using NgoMonitor.Host.Admin.Auth;
using NgoMonitor.Host.Functions;

namespace NgoMonitor.Host.Cli;

/// <summary>
/// Standalone API keys, in the ApiKeys table of the configured storage:
/// <c>keys create --role admin|viewer --name x</c> prints a new key once (only its salted SHA-256 hash is stored);
/// <c>keys list</c> prints one JSON line per key (id, name, role, created, revoked; never a secret);
/// <c>keys revoke &lt;key id&gt;</c> refuses the key from the next request on. Creating and revoking are written to
/// the audit log with the operating-system user as the actor. Other options are configuration overrides.
/// </summary>
public static class KeysCommand
{
    private const string UsageText = """
        Usage: keys create --role admin|viewer --name <who, 1-200 characters>
               keys list
               keys revoke <key id (16 hex digits, as printed by keys list)>
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        string? role = null, name = null;
        var positional = new List<string>();
        var overrides = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--role" when i + 1 < args.Length:
                    role = args[++i];
                    break;
                case "--name" when i + 1 < args.Length:
                    name = args[++i];
                    break;
                case var a when a.StartsWith("--", StringComparison.Ordinal):
                    overrides.Add(a);
                    break;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        var valid = positional switch
        {
            ["create"] => role is not null && MonitorRoles.IsValid(role) && !string.IsNullOrWhiteSpace(name) && name.Length <= 200,
            ["list"] => role is null && name is null,
            ["revoke", var id] => role is null && name is null && id.Length == 16 && id.All(char.IsAsciiHexDigitLower),
            _ => false,
        };
        if (!valid)
        {
            await error.WriteLineAsync(UsageText);
            return 2;
        }

        await using var app = MonitorApp.Build(MonitorApp.CreateBuilder([.. overrides], HostMode.OneShot));
        var keys = app.Services.GetRequiredService<ApiKeyStore>();
        var audit = app.Services.GetRequiredService<AuditLog>();
        try
        {
            switch (positional)
            {
                case ["create"]:
                    var (key, info) = await keys.CreateAsync(name!, role!, CancellationToken.None);
                    await audit.WriteAsync(Operator(), "create", "apikey", info.KeyId, null, JsonSerializer.Serialize(info), CancellationToken.None);
                    await output.WriteLineAsync(key);
                    await error.WriteLineAsync($"Created {info.Role} key {info.KeyId} for '{info.Name}'. Send it as 'Authorization: ApiKey <key>' or 'X-Api-Key: <key>'; it is not shown again.");
                    return 0;
                case ["list"]:
                    foreach (var listing in await keys.ListAsync(CancellationToken.None))
                    {
                        await output.WriteLineAsync(JsonSerializer.Serialize(listing, JsonSerializerOptions.Web));
                    }

                    return 0;
                default:
                    var keyId = positional[1];
                    if (await keys.RevokeAsync(keyId, CancellationToken.None) is not var (before, revoked))
                    {
                        await error.WriteLineAsync($"No key with id {keyId}: `keys list` shows the stored ones.");
                        return 1;
                    }

                    if (before.RevokedAt is null)
                    {
                        await audit.WriteAsync(Operator(), "revoke", "apikey", keyId, JsonSerializer.Serialize(before), JsonSerializer.Serialize(revoked), CancellationToken.None);
                    }

                    await error.WriteLineAsync($"Key {keyId} ('{revoked.Name}', {revoked.Role}) is revoked since {revoked.RevokedAt:u}.");
                    return 0;
            }
        }
        catch (Exception ex)
        {
            await error.WriteLineAsync($"keys {positional[0]} failed: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The actor written to the audit log for a command-line change: the operating-system user.</summary>
    private static ClaimsPrincipal Operator() => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, Environment.UserName), new Claim(ClaimTypes.AuthenticationMethod, "cli")], "cli"));
}
