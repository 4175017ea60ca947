using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Storage;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Storage;

/// <summary>How an alert's place was read survives storage in the outbox, incident and match tables, and rows written
/// before the placement columns still read (placement unknown).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TablePlacementStorageTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly Placement Sake = new(PlacementMethod.NamedTown, 0.85, "Sake", "Sake");
    private static readonly GeoPoint SakePoint = new(-1.57386, 29.04339);

    private MonitorTables Tables() => new(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = AzuriteFixture.NewTablePrefix() }));

    private static OutboxMessage Message(Placement? placement) =>
        new("m1", "alert-1", "officer", Channel.Sms, "+15005550006", "s", "text", null, Severity.Severe, "item", Now) { Placement = placement };

    private static Incident Incident(Placement? placement) => new(
        "inc1", "Clinic looted near Sake", "", null, "clinic looted sake", "Sake", SakePoint, Now, Now,
        [new IncidentSource("f", "Kivu wire", "i1", "Clinic looted near Sake", null, Now)],
        [new WatchlistMatch("i2", "goma", ["looted"], "Sake", SakePoint, "Goma office", 23.4) { Placement = placement, Direction = CompassPoint.NW, Score = 0.8 }],
        new Dictionary<string, Severity> { ["officer"] = Severity.Severe })
    {
        Placement = placement,
    };

    [Fact]
    public async Task Outbox_RowWithPlacement_ReadsBackTheSamePlacement()
    {
        var outbox = new TableOutbox(Tables());
        await outbox.AddAsync([Message(Sake)], CancellationToken.None);

        var read = await outbox.GetAsync(new OutboxRef("officer", "m1"), CancellationToken.None);

        Assert.Equal(Sake, read!.Placement);
    }

    [Fact]
    public async Task Outbox_RowWrittenBeforeThePlacementColumns_ReadsWithoutPlacement()
    {
        var tables = Tables();
        await tables.EnsureCreatedAsync();
        await tables.Outbox.AddEntityAsync(new TableEntity("officer", "m1")
        {
            ["AlertId"] = "alert-1", ["Channel"] = "Sms", ["Address"] = "+15005550006", ["Subject"] = "s", ["Text"] = "text",
            ["Severity"] = "Severe", ["ItemId"] = "item", ["CreatedAt"] = Now, ["Status"] = "Pending", ["Attempts"] = 0,
        });

        var read = await new TableOutbox(tables).GetAsync(new OutboxRef("officer", "m1"), CancellationToken.None);

        Assert.NotNull(read);
        Assert.Null(read.Placement);
    }

    [Fact]
    public async Task Incidents_PlacementReportAndScoreOfTheIncidentAndOfEachMatch_RoundTrip()
    {
        var store = new TableIncidentStore(Tables());
        await store.TrySaveAsync(Incident(Sake), CancellationToken.None);

        var read = Assert.Single(await store.GetSinceAsync(Now.AddHours(-1), CancellationToken.None));

        Assert.Equal(Sake, read.Placement);
        var match = Assert.Single(read.Matches);
        Assert.Equal(Sake, match.Placement);
        Assert.Equal(CompassPoint.NW, match.Direction);
        Assert.Equal("i2", match.ItemId);
        Assert.Equal(0.8, match.Score);
    }

    [Fact]
    public async Task Incidents_RowWrittenBeforeThePlacementColumns_ReadsWithoutPlacementAndItsMatchAsTheFirstReports()
    {
        var tables = Tables();
        await tables.EnsureCreatedAsync();
        await tables.Incidents.AddEntityAsync(new TableEntity("incident", "inc1")
        {
            ["Title"] = "Clinic looted near Sake", ["Summary"] = "", ["TitleKey"] = "clinic looted sake", ["PlaceName"] = "Goma",
            ["Lat"] = -1.674, ["Lon"] = 29.228, ["FirstSeen"] = Now, ["LastSeen"] = Now,
            ["Sources"] = """[{"feedId":"f","feedName":"Kivu wire","itemId":"i1","title":"t","link":null,"published":null}]""",
            ["Matches"] = """[{"watchlistId":"goma","terms":["looted"],"placeName":"Goma","lat":-1.674,"lon":29.228,"fenceName":"Goma office","distanceKm":0,"inside":null}]""",
            ["Alerted"] = "{}",
        });

        var read = Assert.Single(await new TableIncidentStore(tables).GetSinceAsync(Now.AddHours(-1), CancellationToken.None));

        Assert.Null(read.Placement);
        var match = Assert.Single(read.Matches);
        Assert.Equal("Goma", match.PlaceName);
        Assert.Null(match.Placement);
        Assert.Null(match.Direction);
        Assert.Equal("i1", match.ItemId);
        Assert.Null(match.Score);
    }

    [Fact]
    public async Task Matches_PlacementAndDirection_AreStoredAsColumns()
    {
        var tables = Tables();
        var watchlist = new Watchlist("goma", "Goma field office", "security", Severity.Severe, [], [], ["officer"]);
        var match = new WatchlistMatch("item-1", watchlist.Id, ["looted"], "Sake", SakePoint, "Goma office", 23.4) { Placement = Sake, Direction = CompassPoint.NW };

        await new TableMatchStore(tables).AddAsync([match], new Dictionary<string, Watchlist> { [watchlist.Id] = watchlist }, Now, CancellationToken.None);

        var row = (await tables.Matches.GetEntityAsync<TableEntity>("item-1", "goma")).Value;
        Assert.Equal(Sake, PlacementColumns.Read(row));
        Assert.Equal("NW", row.GetString("Direction"));
    }
}
