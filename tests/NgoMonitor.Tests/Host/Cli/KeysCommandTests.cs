using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Host.Admin.Auth;
using NgoMonitor.Host.Cli;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Cli;

[Collection(AzuriteCollection.Name)]
public sealed class KeysCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task KeysCreate_PrintsAKeyThatVerifiesWithItsRole_AndStoresOnlyAHash()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await Commands.RunAsync(
            ["keys", "create", "--role", "viewer", "--name", "night desk", $"--Storage:ConnectionString={azurite.ConnectionString}", $"--Storage:TablePrefix={prefix}", "--Monitor:ConfigPath="],
            output, error);

        Assert.Equal(0, exit);
        var key = output.ToString().Trim();
        var tables = new MonitorTables(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = prefix }));
        var info = await new ApiKeyStore(tables, new FakeTimeProvider()).VerifyAsync(key, CancellationToken.None);
        Assert.Equal(("night desk", "viewer"), (info?.Name, info?.Role));
        await foreach (var row in tables.ApiKeys.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            Assert.DoesNotContain(((IDictionary<string, object>)row).Values, v => v is string s && s.Contains(key.Split('_', 3)[2], StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task KeysRevoke_RevokedKeyNoLongerVerifies_IsListedAsRevoked_AndIsAudited()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        string[] storage = [$"--Storage:ConnectionString={azurite.ConnectionString}", $"--Storage:TablePrefix={prefix}", "--Monitor:ConfigPath="];
        var key = (await RunAsync(["keys", "create", "--role", "admin", "--name", "old laptop", .. storage])).Output.Trim();
        var keyId = key.Split('_', 3)[1];

        var revoke = await RunAsync(["keys", "revoke", keyId, .. storage]);
        var list = await RunAsync(["keys", "list", .. storage]);

        Assert.Equal(0, revoke.Exit);
        var tables = new MonitorTables(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = prefix }));
        Assert.Null(await new ApiKeyStore(tables, new FakeTimeProvider()).VerifyAsync(key, CancellationToken.None));
        var listed = System.Text.Json.JsonDocument.Parse(list.Output.Trim()).RootElement;
        Assert.Equal(keyId, listed.GetProperty("keyId").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, listed.GetProperty("revokedAt").ValueKind);
        Assert.DoesNotContain(key.Split('_', 3)[2], list.Output, StringComparison.Ordinal);
        var actions = new List<string>();
        await foreach (var row in tables.Audit.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            actions.Add($"{row.GetString("Action")} {row.GetString("EntityId")} {row.GetString("Actor")?.Split(':')[0]}");
        }

        Assert.Equal(["revoke " + keyId + " cli", "create " + keyId + " cli"], actions);
    }

    [Fact]
    public async Task KeysRevoke_UnknownKeyId_ExitsWith1AndSaysSo()
    {
        var (exit, _, error) = await RunAsync(["keys", "revoke", "0123456789abcdef", $"--Storage:ConnectionString={azurite.ConnectionString}", $"--Storage:TablePrefix={AzuriteFixture.NewTablePrefix()}", "--Monitor:ConfigPath="]);

        Assert.Equal(1, exit);
        Assert.Contains("No key with id 0123456789abcdef", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("revoke without id", new[] { "keys", "revoke" })]
    [InlineData("revoke with a malformed id", new[] { "keys", "revoke", "mk_0123" })]
    [InlineData("no role", new[] { "keys", "create", "--name", "x" })]
    [InlineData("unknown role", new[] { "keys", "create", "--role", "root", "--name", "x" })]
    [InlineData("no name", new[] { "keys", "create", "--role", "admin" })]
    [InlineData("no sub-verb", new[] { "keys", "--role", "admin", "--name", "x" })]
    public async Task KeysCreate_BadUsage_ExitsWith2(string label, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await Commands.RunAsync(args, output, error);

        Assert.True(exit == 2, label);
        Assert.Empty(output.ToString());
        Assert.Contains("See 'NgoMonitor.Host keys", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Commands.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
