using Azure.Data.Tables;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Adapters.Storage;

/// <summary>Matches: PartitionKey the item id, RowKey the watchlist id, with the reasons ("why you got this"),
/// the direction from the site and the placement (<see cref="PlacementColumns"/>).</summary>
public sealed class TableMatchStore(MonitorTables tables) : IMatchStore
{
    public async Task AddAsync(IReadOnlyList<WatchlistMatch> matches, IReadOnlyDictionary<string, Watchlist> watchlists, DateTimeOffset matchedAt, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        foreach (var match in matches)
        {
            var watchlist = watchlists[match.WatchlistId];
            var entity = new TableEntity(match.ItemId, match.WatchlistId)
            {
                ["Watchlist"] = watchlist.Name,
                ["Category"] = watchlist.Category,
                ["Severity"] = watchlist.Severity.ToString(),
                ["MatchedTerms"] = string.Join(" | ", match.MatchedTerms),
                ["PlaceName"] = match.PlaceName,
                ["Lat"] = match.Point?.Lat,
                ["Lon"] = match.Point?.Lon,
                ["FenceName"] = match.FenceName,
                ["DistanceKm"] = match.DistanceKm,
                ["Inside"] = match.Inside ? true : null,
                ["Score"] = match.Score,
                ["MatchedAt"] = matchedAt,
                ["Direction"] = match.Direction?.ToString(),
            };
            PlacementColumns.Write(entity, match.Placement);
            await tables.Matches.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
    }
}
