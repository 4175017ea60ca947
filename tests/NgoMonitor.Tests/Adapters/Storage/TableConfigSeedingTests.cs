using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Core.Storage;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TableConfigSeedingTests(AzuriteFixture azurite)
{
    private readonly MonitorTables _tables = new(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = AzuriteFixture.NewTablePrefix() }));

    private static MonitorConfig Sample() => ConfigFile.Load(RepoPaths.Combine("samples", "monitor.config.json")).Config;

    [Fact]
    public async Task Seed_Restart_LeavesAWatchlistEditedThroughTheApiAsTheAdminLeftIt()
    {
        var store = new TableConfigStore(_tables);
        var entries = new TableConfigEntries(_tables);
        await store.SeedAsync(Sample(), CancellationToken.None);
        var stored = (await entries.GetAsync<WatchlistEntry>(ConfigKind.Watchlists, "azaz-office", CancellationToken.None))!;
        stored.Value.Name = "Azaz office (edited by the desk)";
        await entries.ReplaceAsync(ConfigKind.Watchlists, "azaz-office", stored.Value, stored.ETag, CancellationToken.None);

        var outcomes = await store.SeedAsync(Sample(), CancellationToken.None);

        Assert.Contains(new SeedOutcome("watchlist", "azaz-office", SeedAction.KeepEdited), outcomes);
        var loaded = await store.LoadAsync(CancellationToken.None);
        Assert.Equal("Azaz office (edited by the desk)", loaded.Watchlists.Single(w => w.Id == "azaz-office").Name);
    }

    [Fact]
    public async Task Seed_FileChangedAndEntryNotEdited_TakesTheFilesNewVersion()
    {
        var store = new TableConfigStore(_tables);
        await store.SeedAsync(Sample(), CancellationToken.None);
        var changed = Sample() with { Watchlists = [.. Sample().Watchlists.Select(w => w.Id == "azaz-office" ? w with { Name = "Azaz office, renamed in the file" } : w)] };

        var outcomes = await store.SeedAsync(changed, CancellationToken.None);

        Assert.Contains(new SeedOutcome("watchlist", "azaz-office", SeedAction.Update), outcomes);
        Assert.All(outcomes.Where(o => o.Id != "azaz-office"), o => Assert.Equal(SeedAction.Unchanged, o.Action));
        var loaded = await store.LoadAsync(CancellationToken.None);
        Assert.Equal("Azaz office, renamed in the file", loaded.Watchlists.Single(w => w.Id == "azaz-office").Name);
    }

    [Fact]
    public async Task Seed_EntryDeletedThroughTheApi_IsNotBroughtBackUntilCreatedAgain()
    {
        var store = new TableConfigStore(_tables);
        var entries = new TableConfigEntries(_tables);
        await store.SeedAsync(Sample(), CancellationToken.None);
        var feedId = Sample().Feeds[0].Id;
        var feed = (await entries.GetAsync<FeedEntry>(ConfigKind.Feeds, feedId, CancellationToken.None))!;
        await entries.DeleteAsync(ConfigKind.Feeds, feedId, feed.ETag, CancellationToken.None);

        var outcomes = await store.SeedAsync(Sample(), CancellationToken.None);
        var afterDelete = await store.LoadAsync(CancellationToken.None);
        await entries.AddAsync(ConfigKind.Feeds, feedId, feed.Value, CancellationToken.None);
        var afterCreate = await store.LoadAsync(CancellationToken.None);

        Assert.Contains(new SeedOutcome("feed", feedId, SeedAction.KeepDeleted), outcomes);
        Assert.DoesNotContain(afterDelete.Feeds, f => f.Id == feedId);
        Assert.Contains(afterCreate.Feeds, f => f.Id == feedId);
        Assert.False((await _tables.Feeds.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("deleted", feedId)).HasValue);
    }

    [Fact]
    public async Task Seed_RowsWrittenBeforeOriginsWereRecorded_AreAdoptedWhenEqualAndKeptWhenNot()
    {
        var store = new TableConfigStore(_tables);
        var sample = Sample();
        await _tables.EnsureCreatedAsync();
        foreach (var w in NgoMonitor.Adapters.Admin.ConfigMapper.ToDocument(sample).Watchlists)
        {
            if (w.Id == "azaz-office")
            {
                w.Name = "changed by an admin under the old version";
            }

            var legacy = new Azure.Data.Tables.TableEntity("config", w.Id) { ["Json"] = System.Text.Json.JsonSerializer.Serialize(w, ConfigDocument.JsonOptions) };
            await _tables.Watchlists.UpsertEntityAsync(legacy);
        }

        var outcomes = await store.SeedAsync(sample, CancellationToken.None);

        Assert.Contains(new SeedOutcome("watchlist", "azaz-office", SeedAction.KeepEdited), outcomes);
        Assert.All(outcomes.Where(o => o.Kind == "watchlist" && o.Id != "azaz-office"), o => Assert.Equal(SeedAction.Adopt, o.Action));
    }
}
