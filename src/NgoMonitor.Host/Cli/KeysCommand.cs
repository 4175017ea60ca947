using System.CommandLine;
using System.Security.Claims;
using System.Text.Json;
using NgoMonitor.Host.Admin;
using NgoMonitor.Host.Admin.Auth;

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
    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "The key's role.", Required = true }.AcceptOnlyFromAmong(MonitorRoles.Admin, MonitorRoles.Viewer);
        var name = new Option<string>("--name") { Description = "Who holds the key (1-200 characters).", Required = true, HelpName = "who" };
        name.Validators.Add(r => { if (r.GetValueOrDefault<string>() is not { Length: > 0 and <= 200 } n || string.IsNullOrWhiteSpace(n)) { r.AddError("--name must be 1-200 characters."); } });
        var create = new Command("create", "Create an API key; the key is printed once on standard output, only its salted hash is stored.") { role, name };
        var createSettings = ConfigOverrides.AddTo(create);
        create.SetAction((parse, cancellationToken) => WithKeysAsync(parse, createSettings, "keys create", async (keys, audit, output, error) =>
        {
            var (key, info) = await keys.CreateAsync(parse.GetRequiredValue(name), parse.GetRequiredValue(role), cancellationToken);
            await audit.WriteAsync(Operator(), "create", "apikey", info.KeyId, null, JsonSerializer.Serialize(info), cancellationToken);
            await output.WriteLineAsync(key);
            await error.WriteLineAsync($"Created {info.Role} key {info.KeyId} for '{info.Name}'. Send it as 'Authorization: ApiKey <key>' or 'X-Api-Key: <key>'; it is not shown again.");
            return Commands.Done;
        }, cancellationToken));

        var list = new Command("list", "List the stored keys, one JSON object per line (id, name, role, created, revoked; never a secret).");
        var listSettings = ConfigOverrides.AddTo(list);
        list.SetAction((parse, cancellationToken) => WithKeysAsync(parse, listSettings, "keys list", async (keys, _, output, _) =>
        {
            foreach (var listing in await keys.ListAsync(cancellationToken))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(listing, JsonSerializerOptions.Web));
            }

            return Commands.Done;
        }, cancellationToken));

        var keyId = new Argument<string>("key-id") { Description = "The key's id: 16 hex digits, as keys list prints it." };
        keyId.Validators.Add(r => { if (r.GetValueOrDefault<string>() is not { Length: 16 } id || !id.All(char.IsAsciiHexDigitLower)) { r.AddError("A key id is 16 lower-case hex digits, as keys list prints it."); } });
        var revoke = new Command("revoke", "Revoke a key: it is refused from the next request on.") { keyId };
        var revokeSettings = ConfigOverrides.AddTo(revoke);
        revoke.SetAction((parse, cancellationToken) => WithKeysAsync(parse, revokeSettings, "keys revoke", async (keys, audit, _, error) =>
        {
            var id = parse.GetRequiredValue(keyId);
            if (await keys.RevokeAsync(id, cancellationToken) is not var (before, revoked))
            {
                await error.WriteLineAsync($"No key with id {id}: `keys list` shows the stored ones.");
                return Commands.Failed;
            }

            if (before.RevokedAt is null)
            {
                await audit.WriteAsync(Operator(), "revoke", "apikey", id, JsonSerializer.Serialize(before), JsonSerializer.Serialize(revoked), cancellationToken);
            }

            await error.WriteLineAsync($"Key {id} ('{revoked.Name}', {revoked.Role}) is revoked since {revoked.RevokedAt:u}.");
            return Commands.Done;
        }, cancellationToken));

        return new Command("keys", "Standalone API keys (admin API auth without Entra ID); creating and revoking go to the audit log.")
        {
            create, list, revoke,
        };
    }

    private static Task<int> WithKeysAsync(ParseResult parse, Argument<string[]> settings, string verb, Func<ApiKeyStore, AuditLog, TextWriter, TextWriter, Task<int>> body, CancellationToken cancellationToken)
    {
        var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        return OneShotApp.RunAsync(verb, parse.GetValue(settings) ?? [], error,
            services => body(services.GetRequiredService<ApiKeyStore>(), services.GetRequiredService<AuditLog>(), output, error), cancellationToken, start: false);
    }

    /// <summary>The actor written to the audit log for a command-line change: the operating-system user.</summary>
    private static ClaimsPrincipal Operator() => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, Environment.UserName), new Claim(ClaimTypes.AuthenticationMethod, "cli")], "cli"));
}
