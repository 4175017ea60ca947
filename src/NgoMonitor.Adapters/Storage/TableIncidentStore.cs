using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Adapters.Storage;

/// <summary>
/// Incidents: PartitionKey "incident", RowKey the incident id; sources, matches and per-recipient alerted severities as
/// JSON columns. New incidents are inserted (409 = someone else created it: a conflict), known ones replaced with
/// If-Match on the ETag read (412: a conflict), so <see cref="IncidentGrouper"/> re-reads and folds again. The incident's
/// placement is in the <see cref="PlacementColumns"/>, each match's in its JSON; older rows read both as null.
/// </summary>
public sealed class TableIncidentStore(MonitorTables tables) : IIncidentStore
{
    private const string Partition = "incident";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<Incident>> GetSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var incidents = new List<Incident>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and LastSeen ge {since}");
        await foreach (var e in tables.Incidents.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            incidents.Add(FromEntity(e));
        }

        return [.. incidents.OrderBy(i => i.FirstSeen)];
    }

    public async Task<Incident?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var found = await tables.Incidents.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } e ? FromEntity(e) : null;
    }

    public async Task<Incident?> TrySaveAsync(Incident incident, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        try
        {
            var response = incident.Version is null
                ? await tables.Incidents.AddEntityAsync(ToEntity(incident), cancellationToken)
                : await tables.Incidents.UpdateEntityAsync(ToEntity(incident), new ETag(incident.Version), TableUpdateMode.Replace, cancellationToken);
            return incident with { Version = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>A match in the Matches JSON column. The report's item id, the score, the placement and the direction are
    /// absent from older rows: the item id then reads as the incident's first report, the others as null.</summary>
    private sealed record MatchRow(
        string WatchlistId, IReadOnlyList<string> Terms, string? PlaceName, double? Lat, double? Lon, string? FenceName, double? DistanceKm, bool? Inside = null,
        string? PlaceMethod = null, double? PlaceConfidence = null, string? PlaceSurface = null, string? PlaceResolvedName = null, string? Direction = null,
        string? ItemId = null, double? Score = null)
    {
        public static MatchRow From(WatchlistMatch m) => new(
            m.WatchlistId, m.MatchedTerms, m.PlaceName, m.Point?.Lat, m.Point?.Lon, m.FenceName, m.DistanceKm, m.Inside ? true : null,
            m.Placement?.Method.ToString(), m.Placement?.Confidence, m.Placement?.Surface, m.Placement?.PlaceName, m.Direction?.ToString(),
            m.ItemId, m.Score);

        public WatchlistMatch ToMatch(string firstItemId) => new(ItemId ?? firstItemId, WatchlistId, Terms, PlaceName, Lat is { } a && Lon is { } b ? new GeoPoint(a, b) : null, FenceName, DistanceKm)
        {
            Inside = Inside == true,
            Placement = Placement.Read(PlaceMethod, PlaceConfidence, PlaceSurface, PlaceResolvedName),
            Direction = Enum.TryParse<CompassPoint>(Direction, out var d) && Enum.IsDefined(d) ? d : null,
            Score = Score,
        };
    }

    private static TableEntity ToEntity(Incident i)
    {
        var entity = new TableEntity(Partition, i.Id)
        {
            [nameof(i.Title)] = i.Title,
            [nameof(i.Summary)] = i.Summary,
            [nameof(i.Link)] = i.Link,
            [nameof(i.TitleKey)] = i.TitleKey,
            [nameof(i.PlaceName)] = i.PlaceName,
            ["Lat"] = i.Point?.Lat,
            ["Lon"] = i.Point?.Lon,
            [nameof(i.FirstSeen)] = i.FirstSeen,
            [nameof(i.LastSeen)] = i.LastSeen,
            [nameof(i.Sources)] = JsonSerializer.Serialize(i.Sources, Json),
            [nameof(i.Matches)] = JsonSerializer.Serialize(i.Matches.Select(MatchRow.From), Json),
            [nameof(i.Alerted)] = JsonSerializer.Serialize(i.Alerted.ToDictionary(a => a.Key, a => a.Value.ToString()), Json),
        };
        PlacementColumns.Write(entity, i.Placement);
        return entity;
    }

    private static Incident FromEntity(TableEntity e)
    {
        var sources = JsonSerializer.Deserialize<List<IncidentSource>>(e.GetString(nameof(Incident.Sources)) ?? "[]", Json) ?? [];
        var firstItemId = sources.Count > 0 ? sources[0].ItemId : "";
        return new(
            Id: e.RowKey,
            Title: e.GetString(nameof(Incident.Title)),
            Summary: e.GetString(nameof(Incident.Summary)) ?? "",
            Link: e.GetString(nameof(Incident.Link)),
            TitleKey: e.GetString(nameof(Incident.TitleKey)) ?? "",
            PlaceName: e.GetString(nameof(Incident.PlaceName)),
            Point: e.GetDouble("Lat") is { } lat && e.GetDouble("Lon") is { } lon ? new GeoPoint(lat, lon) : null,
            FirstSeen: e.GetDateTimeOffset(nameof(Incident.FirstSeen)) ?? default,
            LastSeen: e.GetDateTimeOffset(nameof(Incident.LastSeen)) ?? default,
            Sources: sources,
            Matches: [.. (JsonSerializer.Deserialize<List<MatchRow>>(e.GetString(nameof(Incident.Matches)) ?? "[]", Json) ?? [])
                .Select(m => m.ToMatch(firstItemId))],
            Alerted: (JsonSerializer.Deserialize<Dictionary<string, string>>(e.GetString(nameof(Incident.Alerted)) ?? "{}", Json) ?? [])
                .ToDictionary(a => a.Key, a => Enum.Parse<Severity>(a.Value), StringComparer.Ordinal),
            Version: e.ETag.ToString())
        {
            Placement = PlacementColumns.Read(e),
        };
    }
}

/// <summary>Recipients' unusable SMS numbers: PartitionKey "sms-blocked", RowKey the recipient id, with the provider's reason.</summary>
public sealed class TableRecipientStateStore(MonitorTables tables) : Core.Storage.IRecipientStateStore
{
    private const string Partition = "sms-blocked";

    public async Task<IReadOnlyDictionary<string, string>> GetSmsBlockedAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var blocked = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var e in tables.RecipientStates.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            blocked[e.RowKey] = e.GetString("Reason") ?? "";
        }

        return blocked;
    }

    public async Task BlockSmsAsync(string recipientId, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        // A block already recorded keeps its start and its "admins told" mark: admins hear of a block once.
        var existing = await tables.RecipientStates.GetEntityIfExistsAsync<TableEntity>(Partition, recipientId, cancellationToken: cancellationToken);
        if (existing.HasValue)
        {
            return;
        }

        await tables.RecipientStates.UpsertEntityAsync(new TableEntity(Partition, recipientId) { ["Reason"] = reason, ["At"] = at, ["AdminsTold"] = false }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<SmsBlock>> ListSmsBlocksAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var blocks = new List<SmsBlock>();
        await foreach (var e in tables.RecipientStates.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            blocks.Add(new SmsBlock(e.RowKey, e.GetString("Reason") ?? "", e.GetDateTimeOffset("At"), e.GetBoolean("AdminsTold") ?? true));
        }

        return blocks;
    }

    public async Task MarkAdminsToldAsync(string recipientId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        try
        {
            await tables.RecipientStates.UpdateEntityAsync(new TableEntity(Partition, recipientId) { ["AdminsTold"] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // cleared meanwhile: nothing left to mark
        }
    }

    public async Task<bool> ClearSmsBlockAsync(string recipientId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var response = await tables.RecipientStates.DeleteEntityAsync(Partition, recipientId, ETag.All, cancellationToken);
        return response.Status != 404;
    }
}
