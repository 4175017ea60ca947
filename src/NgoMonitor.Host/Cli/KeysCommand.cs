using NgoMonitor.Host.Admin.Auth;
using NgoMonitor.Host.Functions;

namespace NgoMonitor.Host.Cli;

/// <summary>
/// <c>keys create --role admin|viewer --name x</c>: creates an API key in the ApiKeys table of the configured storage
/// and prints it once on stdout (only its salted SHA-256 hash is stored). Other options are configuration overrides.
/// </summary>
public static class KeysCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        string? role = null, name = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "create" when i == 0:
                    break;
                case "--role" when i + 1 < args.Length:
                    role = args[++i];
                    break;
                case "--name" when i + 1 < args.Length:
                    name = args[++i];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        if (args.FirstOrDefault() != "create" || role is null || !MonitorRoles.IsValid(role) || string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            await error.WriteLineAsync("Usage: keys create --role admin|viewer --name <who, 1-200 characters>");
            return 2;
        }

        await using var app = MonitorApp.Build(MonitorApp.CreateBuilder([.. rest], HostMode.OneShot));
        try
        {
            var (key, info) = await app.Services.GetRequiredService<ApiKeyStore>().CreateAsync(name, role, CancellationToken.None);
            await output.WriteLineAsync(key);
            await error.WriteLineAsync($"Created {info.Role} key {info.KeyId} for '{info.Name}'. Send it as 'Authorization: ApiKey <key>' or 'X-Api-Key: <key>'; it is not shown again.");
            return 0;
        }
        catch (Exception ex)
        {
            await error.WriteLineAsync($"keys create failed: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }
}
