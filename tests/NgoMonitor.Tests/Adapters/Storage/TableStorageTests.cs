using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Storage;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TableStorageTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private MonitorTables Tables() => new(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = AzuriteFixture.NewTablePrefix() }));

    private static FeedItem Item(string id) => new(id, "feed-a", "Title " + id, "Summary", "https://example.org/" + id, Now, null);

    private static OutboxMessage Message(string id) =>
        new(id, "alert-" + id, "officer", Channel.Sms, "+15005550006", "s", "text", null, Severity.Severe, "item", Now);

    [Fact]
    public async Task Items_AddedOnce_AreNeverNewAgain()
    {
        var store = new TableItemStore(Tables());
        await store.AddAsync([Item("a")], Now, CancellationToken.None);

        var fresh = await store.WhereNewAsync([Item("a"), Item("b"), Item("b")], CancellationToken.None);

        Assert.Equal(["b"], fresh.Select(i => i.Id));
    }

    [Fact]
    public async Task Items_AddedTwice_IsNotAnError()
    {
        var store = new TableItemStore(Tables());
        await store.AddAsync([Item("a")], Now, CancellationToken.None);

        await store.AddAsync([Item("a")], Now, CancellationToken.None);

        Assert.Empty(await store.WhereNewAsync([Item("a")], CancellationToken.None));
    }

    [Fact]
    public async Task Outbox_SameMessageAddedTwice_IsStoredOnce()
    {
        var outbox = new TableOutbox(Tables());

        await outbox.AddAsync([Message("m1")], CancellationToken.None);
        await outbox.AddAsync([Message("m1") with { Text = "re-planned" }], CancellationToken.None);

        var pending = Assert.Single(await outbox.GetPendingAsync(Now.AddMinutes(-5), CancellationToken.None));
        Assert.Equal("text", pending.Text);
    }

    [Fact]
    public async Task Outbox_TwoDispatchersClaimTheSameMessage_OnlyOneGetsIt()
    {
        var tables = Tables();
        var outbox = new TableOutbox(tables);
        await outbox.AddAsync([Message("m1")], CancellationToken.None);
        var seenByA = (await outbox.GetPendingAsync(Now.AddMinutes(-5), CancellationToken.None)).Single();
        var seenByB = (await outbox.GetPendingAsync(Now.AddMinutes(-5), CancellationToken.None)).Single();

        var claimedByA = await outbox.TryClaimAsync(seenByA, Now, CancellationToken.None);
        var claimedByB = await outbox.TryClaimAsync(seenByB, Now, CancellationToken.None);

        Assert.NotNull(claimedByA);
        Assert.Null(claimedByB);
        Assert.Empty(await outbox.GetPendingAsync(Now.AddMinutes(-5), CancellationToken.None));
    }

    [Fact]
    public async Task Outbox_ClaimOlderThanTheLease_IsPendingAgain()
    {
        var outbox = new TableOutbox(Tables());
        await outbox.AddAsync([Message("m1")], CancellationToken.None);
        await outbox.TryClaimAsync((await outbox.GetPendingAsync(Now, CancellationToken.None)).Single(), Now, CancellationToken.None);

        var beforeLease = await outbox.GetPendingAsync(Now.AddMinutes(-5), CancellationToken.None);
        var afterLease = await outbox.GetPendingAsync(Now.AddMinutes(1), CancellationToken.None);

        Assert.Empty(beforeLease);
        var stale = Assert.Single(afterLease);
        Assert.Equal(DeliveryStatus.Sending, stale.Status);
        Assert.Equal(Now, stale.Delivery.ClaimedAt);
    }

    [Theory]
    [InlineData("transient failure goes back to pending, held back until the retry time", DeliveryStatus.Pending, 5, "Pending", true)]
    [InlineData("last attempt of a transient failure fails, no retry time", DeliveryStatus.Pending, 1, "Failed", false)]
    [InlineData("sent stays sent, no retry time", DeliveryStatus.Sent, 5, "Sent", false)]
    public async Task Outbox_Complete_RecordsTheOutcome(string label, DeliveryStatus result, int maxAttempts, string stored, bool heldBack)
    {
        var tables = Tables();
        var outbox = new TableOutbox(tables);
        await outbox.AddAsync([Message("m1")], CancellationToken.None);
        var claimed = await outbox.TryClaimAsync((await outbox.GetPendingAsync(Now.AddMinutes(-5), CancellationToken.None)).Single(), Now, CancellationToken.None);

        await outbox.CompleteAsync(claimed!, new DeliveryResult(result, "SM1", "why"), maxAttempts, Now.AddSeconds(30), CancellationToken.None);

        var row = (await tables.Outbox.GetEntityAsync<Azure.Data.Tables.TableEntity>("officer", "m1")).Value;
        Assert.True(stored == row.GetString("Status"), label);
        Assert.Equal(1, row.GetInt32("Attempts"));
        Assert.True((heldBack ? Now.AddSeconds(30) : null) == row.GetDateTimeOffset("NextAttemptAt"), label);
        var read = await outbox.GetAsync(new OutboxRef("officer", "m1"), CancellationToken.None);
        Assert.True(read!.Delivery.IsDue(Now.AddSeconds(29)) != heldBack && read.Delivery.IsDue(Now.AddSeconds(30)), label);
    }

    [Fact]
    public async Task Config_RoundTripsThroughTables()
    {
        var store = new TableConfigStore(Tables());
        var sample = ConfigFile.Load(RepoPaths.Combine("samples", "monitor.config.json")).Config;

        await store.UpsertAsync(sample, CancellationToken.None);
        var loaded = await store.LoadAsync(CancellationToken.None);

        Assert.Equal(sample.Feeds.Select(f => f.Id).Order(), loaded.Feeds.Select(f => f.Id).Order());
        var office = loaded.Watchlists.Single(w => w.Id == "azaz-office");
        Assert.Equal(40, office.Geofences.Single().RadiusKm);
        Assert.Equal(Severity.Severe, office.Severity);
        Assert.Equal([Channel.Sms], loaded.Recipients.Single(r => r.Id == "azaz-officer").Channels);
    }

    [Fact]
    public async Task FeedState_Saved_IsReadBack()
    {
        var store = new TableFeedStateStore(Tables());
        var state = new FeedState("feed-a", "\"etag\"", "Tue, 24 Nov 2026 09:00:00 GMT", Now.AddMinutes(5), Now, Now, null, 0);

        await store.SaveAsync(state, CancellationToken.None);

        Assert.Equal(state, await store.GetAsync("feed-a", CancellationToken.None));
        Assert.Equal(new FeedState("unknown"), await store.GetAsync("unknown", CancellationToken.None));
    }

    [Fact]
    public async Task FeedState_RecentPlaces_AreReadBackPerItemToTwoDecimals()
    {
        var store = new TableFeedStateStore(Tables());
        IReadOnlyList<IReadOnlyList<GeoPoint>> places = [[new GeoPoint(38.8048, -77.0469), new GeoPoint(38.85, -77.31)], [], [new GeoPoint(-4.3, 15.3)]];

        await store.SaveAsync(new FeedState("feed-p") { RecentPlaces = places }, CancellationToken.None);

        var read = (await store.GetAsync("feed-p", CancellationToken.None)).RecentPlaces;
        Assert.Equal([[new GeoPoint(38.8, -77.05), new GeoPoint(38.85, -77.31)], [], [new GeoPoint(-4.3, 15.3)]], read);
    }

    [Fact]
    public async Task FeedState_RecentNamesakes_AreReadBackBesideTheRecentPlaces()
    {
        var store = new TableFeedStateStore(Tables());
        IReadOnlyList<IReadOnlyList<GeoPoint>> places = [[], [new GeoPoint(40.1, -83.11)]];
        IReadOnlyList<IReadOnlyList<GeoPoint>> namesakes = [[new GeoPoint(53.33, -6.25), new GeoPoint(40.1, -83.11)], []];

        await store.SaveAsync(new FeedState("feed-n") { RecentPlaces = places, RecentNamesakes = namesakes }, CancellationToken.None);

        var read = await store.GetAsync("feed-n", CancellationToken.None);
        Assert.Equal(places, read.RecentPlaces);
        Assert.Equal(namesakes, read.RecentNamesakes);
    }

    [Fact]
    public async Task FeedStates_ManyFeeds_SpreadOverSixteenPartitionsAndAllComeBackInOneRead()
    {
        var tables = Tables();
        var store = new TableFeedStateStore(tables);
        var states = Enumerable.Range(0, 200).Select(i => new FeedState("feed-" + i, NextCheck: Now.AddMinutes(i))).ToList();

        foreach (var state in states)
        {
            await store.SaveAsync(state, CancellationToken.None);
        }

        var all = await store.GetAllAsync(CancellationToken.None);
        var partitions = new HashSet<string>();
        await foreach (var row in tables.FeedStates.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey"]))
        {
            partitions.Add(row.PartitionKey);
        }

        Assert.Equal(200, all.Count);
        Assert.All(states, s => Assert.Equal(s, all[s.FeedId]));
        Assert.Equal(16, partitions.Count);
    }
}
