using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NgoMonitor.Host;
using NgoMonitor.Host.Admin.Auth;
using NgoMonitor.Host.Functions;

namespace NgoMonitor.Tests.TestKit;

/// <summary>
/// The real Monitor app (the same composition as Program) started on a free loopback port against Azurite, with
/// a <see cref="FakeTimeProvider"/> as its clock and its own table prefix.
/// </summary>
public sealed class MonitorTestHost : IAsyncDisposable
{
    private MonitorTestHost(WebApplication app, FakeTimeProvider time, string connectionString, string tablePrefix)
    {
        App = app;
        Time = time;
        ConnectionString = connectionString;
        TablePrefix = tablePrefix;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public string ConnectionString { get; }

    public string TablePrefix { get; }

    public static Task<MonitorTestHost> StartAsync(AzuriteFixture azurite, string configPath, DateTimeOffset now, HostMode mode = HostMode.OneShot, params string[] settings) =>
        StartAsync(azurite, configPath, now, mode, beforeStart: null, settings);

    public static async Task<MonitorTestHost> StartAsync(AzuriteFixture azurite, string configPath, DateTimeOffset now, HostMode mode, Action<WebApplication>? beforeStart, params string[] settings)
    {
        // A test may share tables between two hosts (two Function instances) by passing --Storage:TablePrefix=...
        var prefix = settings.LastOrDefault(s => s.StartsWith("--Storage:TablePrefix=", StringComparison.Ordinal))?.Split('=', 2)[1] ?? AzuriteFixture.NewTablePrefix();
        string[] args =
        [
            $"--Storage:ConnectionString={azurite.ConnectionString}",
            $"--Storage:TablePrefix={prefix}",
            $"--Monitor:ConfigPath={configPath}",
            "--urls=http://127.0.0.1:0",
            "--Queues:RetryDelay=00:00:00",
            .. AzuriteFixture.QueueSettings(prefix),
            .. settings.Where(s => !s.StartsWith("--Storage:TablePrefix=", StringComparison.Ordinal)),
        ];
        var builder = MonitorApp.CreateBuilder(args, mode);
        var time = new FakeTimeProvider(now);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Logging.ClearProviders();
        var app = MonitorApp.Build(builder);
        beforeStart?.Invoke(app);
        await app.StartAsync();
        return new MonitorTestHost(app, time, azurite.ConnectionString, prefix);
    }

    /// <summary>A new API key with the role, named "test {role}".</summary>
    public async Task<string> CreateApiKeyAsync(string role) =>
        (await App.Services.GetRequiredService<ApiKeyStore>().CreateAsync("test " + role, role, CancellationToken.None)).Key;

    public TableClient Table(string suffix) => new TableServiceClient(ConnectionString).GetTableClient(TablePrefix + suffix);

    public async Task<List<TableEntity>> RowsAsync(string suffix)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table(suffix).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
