using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Core.Geo.Fences;
using NgoMonitor.Core.Matching;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Storage;

/// <summary>Watchlists with every kind of geofence in Table Storage (Azurite), including outlines longer than one property holds.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableGeofenceStorageTests(AzuriteFixture azurite)
{
    private MonitorTables Tables() => new(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = AzuriteFixture.NewTablePrefix() }));

    /// <summary>A closed ring of <paramref name="corners"/> corners around Azaz.</summary>
    private static string Ring(int corners)
    {
        var ring = new StringBuilder("[");
        for (var i = 0; i < corners; i++)
        {
            var angle = 2 * Math.PI * i / corners;
            ring.Append(CultureInfo.InvariantCulture, $"[{37.0463 + (0.3 * Math.Cos(angle)):0.######},{36.5866 + (0.2 * Math.Sin(angle)):0.######}],");
        }

        return ring.Append("[37.3463,36.5866]]").ToString();
    }

    private static string Config(string polygonRing) =>
        """{"watchlists":[{"id":"w","rules":[{"any":["shell*"]}],"geofences":[""" +
        """{"name":"Office","lat":36.5866,"lon":37.0463,"radiusKm":40},""" +
        """{"kind":"polygon","name":"Azaz area","geometry":{"type":"Polygon","coordinates":[""" + polygonRing + """]},"site":{"name":"Azaz office","lat":36.5866,"lon":37.0463}},""" +
        """{"kind":"country","name":"Syria","country":"SY"},""" +
        """{"kind":"corridor","name":"M5","geometry":{"type":"LineString","coordinates":[[37.05,36.59],[37.13,36.2]]},"bufferKm":5}]}]}""";

    [Fact]
    public async Task Config_EveryFenceKind_RoundTripsThroughTheTable()
    {
        var tables = Tables();
        var store = new TableConfigStore(tables);
        var config = ConfigFile.Parse(Config(Ring(12))).Config;

        await store.UpsertAsync(config, CancellationToken.None);
        var loaded = await store.LoadAsync(CancellationToken.None);

        Assert.Equal(WatchlistMatcher.Fingerprint(config.Watchlists), WatchlistMatcher.Fingerprint(loaded.Watchlists));
        var row = (await tables.Watchlists.GetEntityAsync<TableEntity>("config", "w")).Value;
        Assert.Contains("\"country\":\"SY\"", row.GetString("Json"), StringComparison.Ordinal); // a country is its code, not its border
        Assert.DoesNotContain("coordinates\":[[[[", row.GetString("Json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_PolygonLongerThanOneProperty_IsSplitOverPropertiesAndReadBackWhole()
    {
        var tables = Tables();
        var store = new TableConfigStore(tables);
        var config = ConfigFile.Parse(Config(Ring(4000))).Config;

        await store.UpsertAsync(config, CancellationToken.None);
        var loaded = await store.LoadAsync(CancellationToken.None);

        var row = (await tables.Watchlists.GetEntityAsync<TableEntity>("config", "w")).Value;
        Assert.True(row.GetString("Json").Length == EntryJson.PieceLength && row.GetString("Json2") is not null, "the entry was not split");
        Assert.Equal(WatchlistMatcher.Fingerprint(config.Watchlists), WatchlistMatcher.Fingerprint(loaded.Watchlists));
        Assert.Equal(FenceKind.Polygon, loaded.Watchlists.Single().Geofences[1].Kind);
    }

    [Fact]
    public async Task Entries_ReplacedByAShorterEntry_LeaveNoStalePieces()
    {
        var tables = Tables();
        var entries = new TableConfigEntries(tables);
        var big = ConfigMapper.ToDocument(ConfigFile.Parse(Config(Ring(4000))).Config).Watchlists.Single();
        var small = ConfigMapper.ToDocument(ConfigFile.Parse(Config(Ring(8))).Config).Watchlists.Single();
        var etag = await entries.AddAsync(ConfigKind.Watchlists, "w", big, CancellationToken.None);

        await entries.ReplaceAsync(ConfigKind.Watchlists, "w", small, etag, CancellationToken.None);

        var read = await entries.GetAsync<WatchlistEntry>(ConfigKind.Watchlists, "w", CancellationToken.None);
        Assert.Equal(9, read!.Value.Geofences[1].Geometry!["coordinates"]![0]!.AsArray().Count);
        var row = (await tables.Watchlists.GetEntityAsync<TableEntity>("config", "w")).Value;
        Assert.Null(row.GetString("Json2"));
    }

    [Fact]
    public void EntryJson_LongerThanARowHolds_IsRefusedWithAClearError()
    {
        var error = Assert.Throws<EntryTooLargeException>(() => EntryJson.Write(new TableEntity("config", "w"), new string('x', EntryJson.MaxLength + 1)));

        Assert.Contains("Simplify large polygons or use country fences", error.Message, StringComparison.Ordinal);
    }
}
