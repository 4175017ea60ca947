using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;

namespace NgoMonitor.Core.Alerts;

/// <summary>
/// Folds matched items into incidents. Rule, in order: an item joins the incident that
/// 1. was last seen within <see cref="AlertsOptions.IncidentWindow"/> of now, and
/// 2. is at the same place: same place name (case-insensitive), or points within <see cref="AlertsOptions.IncidentRadiusKm"/>,
///    or either side has no place (an unplaced report does not contradict a placed one), and
/// 3. has a near-duplicate title: Jaccard similarity of the two sets of content words (folded by
///    <see cref="TextNormaliser"/>, words of fewer than 3 letters and common stop words dropped) of at least
///    <see cref="AlertsOptions.TitleSimilarity"/>; when neither side has a place the bar is raised halfway to 1.
/// Of several candidates the most similar wins; otherwise the item opens a new incident.
/// Items are recorded one at a time under a lock, so parallel feeds of one cycle fold into one incident.
/// </summary>
public sealed class IncidentGrouper(IIncidentStore store, AlertsOptions options) : IDisposable
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "from", "after", "into", "near", "says", "said", "over", "amid", "report", "reports", "reported",
        "les", "des", "une", "dans", "pour", "par", "sur", "apres", "pres", "avec", "selon",
        "في", "من", "على", "الى", "إلى", "بعد", "قرب", "عن",
    };

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Records each item with its matches; returns the incidents this call touched (created or joined), as saved. The
    /// window is read once per call and kept current with each save; only a save that meets a change made elsewhere
    /// (another instance) reads it again. <paramref name="touched"/>, when given, receives every save under the same
    /// lock, so it holds each incident's latest version even when parallel feeds fold into the same one.
    /// </summary>
    public async Task<IReadOnlyList<Incident>> RecordAsync(FeedSource feed, IReadOnlyList<(FeedItem Item, IReadOnlyList<WatchlistMatch> Matches)> matched, DateTimeOffset now, TouchedIncidents? touched, CancellationToken cancellationToken)
    {
        if (matched.Count == 0)
        {
            return [];
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var mine = new List<Incident>();
            var recent = (await store.GetSinceAsync(now - options.IncidentWindow, cancellationToken)).ToList();
            foreach (var (item, matches) in matched)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var incident = Fold(recent, feed, item, matches, now);
                    if (await store.TrySaveAsync(incident, cancellationToken) is { } saved)
                    {
                        Replace(recent, saved);
                        Replace(mine, saved);
                        touched?.Saved(saved);
                        break;
                    }

                    if (attempt >= 3)
                    {
                        throw new InvalidOperationException("incident " + incident.Id + " kept changing while being saved");
                    }

                    recent = [.. await store.GetSinceAsync(now - options.IncidentWindow, cancellationToken)];
                }
            }

            return mine;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Puts the saved incident in place of the one read (a new one goes last: it was first seen now).</summary>
    private static void Replace(List<Incident> incidents, Incident saved)
    {
        var at = incidents.FindIndex(i => i.Id == saved.Id);
        if (at < 0)
        {
            incidents.Add(saved);
        }
        else
        {
            incidents[at] = saved;
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>The incident the item joins (updated), or a new one.</summary>
    public Incident Fold(IReadOnlyList<Incident> recent, FeedSource feed, FeedItem item, IReadOnlyList<WatchlistMatch> matches, DateTimeOffset now)
    {
        var key = TitleKey(item.Title);
        var placed = matches.FirstOrDefault(m => m.Point is not null) ?? matches.FirstOrDefault(m => m.PlaceName is not null);
        var placeName = placed?.PlaceName;
        var point = placed?.Point ?? item.Point;
        var placement = placed?.Placement ?? (item.Point is null ? null : Placement.FromGeoRss());
        var source = new IncidentSource(feed.Id, feed.Name, item.Id, item.Title, item.Link, item.Published);

        var best = recent
            .Where(i => i.Sources.Any(s => s.ItemId == item.Id) || (now - i.LastSeen <= options.IncidentWindow && SamePlace(i, placeName, point)))
            .Select(i => (Incident: i, Score: i.Sources.Any(s => s.ItemId == item.Id) ? 2 : Similarity(i.TitleKey, key)))
            .Where(x => x.Score >= Bar(x.Incident, placeName, point))
            .OrderByDescending(x => x.Score)
            .Select(x => x.Incident)
            .FirstOrDefault();
        if (best is null)
        {
            return new Incident(ItemIdentity.Hash("incident\n" + item.Id), item.Title, item.Summary, item.Link, key, placeName, point, now, now, [source], matches, new Dictionary<string, Severity>())
            {
                Placement = placement,
            };
        }

        var sources = best.Sources.Any(s => s.ItemId == item.Id) ? best.Sources : [.. best.Sources, source];
        var merged = best.Matches.Concat(matches)
            .GroupBy(m => m.WatchlistId, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(m => m.Placement?.SupportsCloseRange == true).ThenBy(m => m.DistanceKm ?? double.MaxValue).First() with { MatchedTerms = [.. g.SelectMany(m => m.MatchedTerms).Distinct(StringComparer.Ordinal)] })
            .ToList();
        return best with
        {
            LastSeen = now,
            Sources = sources,
            Matches = merged,
            PlaceName = best.PlaceName ?? placeName,
            Point = best.Point ?? point,
            Placement = best.Point is null && best.PlaceName is null ? placement : best.Placement,
        };
    }

    private double Bar(Incident incident, string? placeName, GeoPoint? point) =>
        (incident.PlaceName ?? (object?)incident.Point) is null && placeName is null && point is null
            ? options.TitleSimilarity + ((1 - options.TitleSimilarity) / 2)
            : options.TitleSimilarity;

    private bool SamePlace(Incident incident, string? placeName, GeoPoint? point)
    {
        if (incident.Point is { } a && point is { } b)
        {
            return a.DistanceKmTo(b) <= options.IncidentRadiusKm;
        }

        if (incident.PlaceName is { } x && placeName is { } y)
        {
            return string.Equals(TextNormaliser.Fold(x), TextNormaliser.Fold(y), StringComparison.Ordinal);
        }

        return true;
    }

    /// <summary>The folded content words of a title, sorted and space-separated.</summary>
    public static string TitleKey(string title) => string.Join(' ', TextNormaliser.Tokenise(title)
        .Select(t => t.Text)
        .Where(w => w.Length >= 3 && !StopWords.Contains(w))
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal));

    /// <summary>Jaccard similarity of two title keys (|A∩B| / |A∪B|), 0 when both are empty.</summary>
    public static double Similarity(string a, string b)
    {
        var x = a.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var y = b.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var union = x.Union(y).Count();
        return union == 0 ? 0 : (double)x.Intersect(y).Count() / union;
    }
}
