using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Storage;

/// <summary>Stored configuration entries that cannot be used are reported and kept, never dropped in silence (Azurite).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableConfigProblemsTests(AzuriteFixture azurite)
{
    private readonly MonitorTables _tables = new(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = AzuriteFixture.NewTablePrefix() }));

    private async Task StoreAsync()
    {
        await _tables.EnsureCreatedAsync();
        await _tables.Recipients.AddEntityAsync(ConfigRows.Edited("desk", new RecipientEntry { Id = "desk", Email = "desk@example.org", Channels = ["email"] }));
        await _tables.Watchlists.AddEntityAsync(ConfigRows.Edited("good", new WatchlistEntry { Id = "good", Rules = [new RuleEntry { Query = "hospital*" }], Recipients = ["desk"] }));
        await _tables.Watchlists.AddEntityAsync(ConfigRows.Edited("bad", new WatchlistEntry { Id = "bad", Rules = [new RuleEntry { Query = "NOT film" }], Recipients = ["desk"] }));
    }

    [Fact]
    public async Task Load_StoredWatchlistFailingValidation_IsLeftOutReportedAndLoggedOnceButKept()
    {
        await StoreAsync();
        var logger = new RecordingLogger();
        var store = new TableConfigStore(_tables, logger);

        var first = await store.LoadRulesAsync(CancellationToken.None);
        await store.LoadRulesAsync(CancellationToken.None);
        var problems = await store.ProblemsAsync(CancellationToken.None);

        Assert.Equal(["good"], first.Watchlists.Select(w => w.Id));
        var problem = Assert.Single(problems);
        Assert.StartsWith("watchlists 'bad'", problem, StringComparison.Ordinal);
        Assert.Equal([problem], logger.Warnings);
        Assert.NotNull(await new TableConfigEntries(_tables).GetAsync<WatchlistEntry>(ConfigKind.Watchlists, "bad", CancellationToken.None));
    }

    [Fact]
    public async Task Load_StoredRowWhoseJsonDoesNotParse_IsReportedAndTheRestLoads()
    {
        await StoreAsync();
        await _tables.Watchlists.AddEntityAsync(new Azure.Data.Tables.TableEntity(ConfigRows.Partition, "torn") { ["Json"] = "{\"id\":\"torn\",\"rules\":[" });
        var store = new TableConfigStore(_tables);

        var config = await store.LoadAsync(CancellationToken.None);
        var problems = await store.ProblemsAsync(CancellationToken.None);

        Assert.Equal(["good"], config.Watchlists.Select(w => w.Id));
        Assert.Contains(problems, p => p.StartsWith("watchlists 'torn': the stored JSON does not parse", StringComparison.Ordinal));
    }

    private sealed class RecordingLogger : ILogger<TableConfigStore>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning && state is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                Warnings.Add((string)fields.Single(f => f.Key == "Problem").Value!);
            }
        }
    }
}
