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

    [Theory]
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
        Assert.Contains("Usage: keys create", error.ToString(), StringComparison.Ordinal);
    }
}
