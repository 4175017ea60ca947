using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Matching.Relevance;
using NgoMonitor.Core.Polling;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Host.Admin;

/// <summary>A draft watchlist and how many days of stored items to run it against (default 7).</summary>
public sealed class PreviewRequest
{
    public WatchlistEntry Watchlist { get; set; } = new();

    public int? Days { get; set; }
}

/// <summary>One item the draft would have matched; <see cref="Inside"/>: the distance is inwards from <see cref="FenceName"/>'s edge;
/// <see cref="Score"/>: the relevance model's score, null when none scores the category (docs/relevance-model.md).</summary>
public sealed record PreviewMatch(string ItemId, string FeedId, string Title, string? Link, DateTimeOffset? Published, IReadOnlyList<string> Terms, string? PlaceName, string? FenceName, double? DistanceKm, bool Inside = false, double? Score = null);

public sealed record PreviewAlert(string RecipientId, int Items);

/// <summary>An item the draft's rules hit that would still not have alerted, and why (<see cref="NearMiss"/>).</summary>
public sealed record PreviewNearMiss(string ItemId, string FeedId, string Title, string? Link, IReadOnlyList<string> Terms, string Reason, double? Score, string? PlaceName);

public sealed record PreviewResult(int Days, int Scanned, bool Truncated, IReadOnlyList<PreviewMatch> Matches, IReadOnlyList<PreviewAlert> Alerts, IReadOnlyList<PreviewNearMiss> NearMisses);

/// <summary>
/// Rule preview: runs a draft watchlist, validated exactly as a saved one, through the same
/// <see cref="WatchlistMatcher"/> the poll cycle uses, over the items stored in the last N days (newest
/// <see cref="AdminApiOptions.PreviewMaxItems"/> at most), each item with its feed's declared language as polling
/// passes it (rules written for one language apply to items in it), with the near-misses: items the rules hit that
/// would still not have alerted, and why. Nothing is stored or sent.
/// </summary>
public sealed class RulePreview(MonitorTables tables, ConfigEntries entries, IPlaceFinder places, ICountryOutlines countries, IFeedStateStore feedStates, TimeProvider time, IOptions<AdminApiOptions> options)
{
    /// <summary>Most near-misses a preview lists (the newest items' first).</summary>
    public const int MaxNearMisses = 50;

    public async Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (draft, error) = await AdminRequests.ReadJsonAsync<PreviewRequest>(request, options.Value.MaxBodyBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var days = draft!.Days ?? 7;
        if (days < 1 || days > options.Value.PreviewMaxDays)
        {
            return AdminRequests.Invalid("days", $"must be 1-{options.Value.PreviewMaxDays}");
        }

        var entry = draft.Watchlist;
        if (string.IsNullOrEmpty(entry.Id))
        {
            entry.Id = "preview";
        }

        var errors = await entries.ValidateAsync(EntryKinds.Watchlists, entry, cancellationToken);
        if (errors.Count > 0)
        {
            return RuleSyntaxProblems.Invalid(errors, entry);
        }

        var watchlist = ConfigMapper.ToConfig(new ConfigDocument { Watchlists = [entry], Recipients = [.. entry.Recipients.Select(id => new RecipientEntry { Id = id })] }, countries).Config.Watchlists[0];
        var matcher = new WatchlistMatcher([watchlist], places, countries, RelevanceModel.Shipped);
        var items = await RecentItemsAsync(time.GetUtcNow().AddDays(-days), cancellationToken);
        var readings = await FeedReadingsAsync(items.Items.Select(i => i.FeedId).ToHashSet(StringComparer.Ordinal), cancellationToken);
        var matches = new List<PreviewMatch>();
        var misses = new List<PreviewNearMiss>();
        foreach (var item in items.Items)
        {
            var (language, geo) = readings.GetValueOrDefault(item.FeedId, (null, GeoContext.None));
            var (found, missed) = matcher.MatchWithNearMisses(item, language, geo);
            foreach (var m in found)
            {
                matches.Add(new PreviewMatch(item.Id, item.FeedId, item.Title, item.Link, item.Published, m.MatchedTerms, m.PlaceName, m.FenceName, m.DistanceKm, m.Inside, m.Score));
            }

            if (misses.Count < MaxNearMisses)
            {
                misses.AddRange(missed.Select(n => new PreviewNearMiss(item.Id, item.FeedId, item.Title, item.Link, n.MatchedTerms, n.Reason, n.Score, n.PlaceName)));
            }
        }

        var alerts = watchlist.RecipientIds.Select(r => new PreviewAlert(r, matches.Count)).Where(a => a.Items > 0).ToList();
        return TypedResults.Ok(new PreviewResult(days, items.Items.Count, items.Truncated, matches, alerts, [.. misses.Take(MaxNearMisses)]));
    }

    /// <summary>How the poll reads each feed's items: its declared language, and its declared country and home area, else
    /// the area its stored state teaches (<see cref="FeedHomeAreas.ContextFor"/>). Items of a feed since deleted or no
    /// longer valid are read with nothing declared.</summary>
    private async Task<Dictionary<string, (string? Language, GeoContext Geo)>> FeedReadingsAsync(HashSet<string> feedIds, CancellationToken cancellationToken)
    {
        var stored = await new TableConfigEntries(tables).ListAsync<FeedEntry>(ConfigKind.Feeds, cancellationToken);
        var feeds = ConfigMapper.ToConfig(new ConfigDocument { Feeds = [.. stored.Where(f => feedIds.Contains(f.Id)).Select(f => f.Value)] }, countries).Config.Feeds;
        var readings = new Dictionary<string, (string?, GeoContext)>(StringComparer.Ordinal);
        foreach (var feed in feeds)
        {
            readings[feed.Id] = (feed.Language, FeedHomeAreas.ContextFor(feed, await feedStates.GetAsync(feed.Id, cancellationToken)));
        }

        return readings;
    }

    private async Task<(List<FeedItem> Items, bool Truncated)> RecentItemsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var rows = new List<(DateTimeOffset SeenAt, FeedItem Item)>();
        await foreach (var e in tables.Items.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"SeenAt ge {since}"), cancellationToken: cancellationToken))
        {
            var point = e.GetDouble("Lat") is { } lat && e.GetDouble("Lon") is { } lon ? new GeoPoint(lat, lon) : (GeoPoint?)null;
            rows.Add((e.GetDateTimeOffset("SeenAt") ?? since, new FeedItem(e.RowKey, e.PartitionKey, e.GetString("Title") ?? "", e.GetString("Summary") ?? "", e.GetString("Link"), e.GetDateTimeOffset("Published"), point)));
        }

        var max = options.Value.PreviewMaxItems;
        return ([.. rows.OrderByDescending(r => r.SeenAt).Take(max).Select(r => r.Item)], rows.Count > max);
    }
}
