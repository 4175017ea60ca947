using Azure;
using Azure.Data.Tables;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Host.Admin;

/// <summary>A page of results and the opaque token of the next page (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

public sealed record ItemView(string Id, string FeedId, string? Title, string? Link, DateTimeOffset? Published, DateTimeOffset? SeenAt, double? Lat, double? Lon);

/// <summary>A stored match; <see cref="Inside"/>: <see cref="DistanceKm"/> is inwards from <see cref="FenceName"/>'s edge (a polygon or country without a site).
/// <see cref="PlaceMethod"/> (GeoRssPoint, NamedTown, District, Country, Region) and <see cref="PlaceConfidence"/> (0–1) say how
/// the place was read (null for matches stored without them); <see cref="Direction"/> is from the fence's site to the place (N … NW);
/// <see cref="Score"/> is the relevance model's score (null when no model scored it).</summary>
public sealed record MatchView(string ItemId, string WatchlistId, string? Watchlist, string? Severity, string? MatchedTerms, string? PlaceName, string? FenceName, double? DistanceKm, DateTimeOffset? MatchedAt, bool Inside = false,
    string? PlaceMethod = null, double? PlaceConfidence = null, string? Direction = null, double? Score = null);

/// <param name="Attempts">Delivery attempts made so far.</param>
/// <param name="NextAttemptAt">For a Pending row whose last attempt failed: not tried again before this time (the retry back-off).</param>
/// <param name="PlaceMethod">How the place the alert names was read: GeoRssPoint, NamedTown, District, Country or Region; null when unplaced or stored without it.</param>
/// <param name="PlaceConfidence">The confidence in that place, 0–1 (High from 0.7, Medium from 0.4).</param>
public sealed record AlertView(string Id, string RecipientId, string? Channel, string? Subject, string? Status, string? Error, string? ItemId, DateTimeOffset? CreatedAt, IReadOnlyList<MatchView> Why, int Attempts = 0, DateTimeOffset? NextAttemptAt = null,
    string? PlaceMethod = null, double? PlaceConfidence = null)
{
    /// <summary>The message as sent (SMS body or the email's text), its acknowledgement link's signature cut
    /// (<see cref="AckLinkText"/>): whoever reads the list must not acknowledge for the officer.</summary>
    public string? Text { get; init; }

    /// <summary>The alert the row belongs to (one alert: several channels, escalated copies).</summary>
    public string? AlertId { get; init; }

    /// <summary>The incident the alert is about (GET /api/incidents/{id}: every report and every alert of it).</summary>
    public string? IncidentId { get; init; }

    /// <summary>The SMS reply code ("ACK 4821").</summary>
    public string? AckCode { get; init; }

    /// <summary>When the alert was acknowledged (any of its rows); null while open.</summary>
    public DateTimeOffset? AckedAt { get; init; }

    /// <summary>Who acknowledged it: the recipient id of the officer or of the backup.</summary>
    public string? AckedBy { get; init; }

    /// <summary>How: sms-reply, sms-link, email-link (<see cref="AckVia"/>).</summary>
    public string? AckedVia { get; init; }

    /// <summary>True when the row was copied to the recipient's backup for want of an acknowledgement.</summary>
    public bool Escalated { get; init; }

    /// <summary>Every report of the incident (feed, title, link, published): the other sources and updates.</summary>
    public IReadOnlyList<IncidentSourceView> Sources { get; init; } = [];
}

/// <summary>One report of an incident: the feed's name, the story's title and link, when it was published.</summary>
public sealed record IncidentSourceView(string FeedId, string FeedName, string ItemId, string Title, string? Link, DateTimeOffset? Published)
{
    public static IncidentSourceView From(IncidentSource s) => new(s.FeedId, s.FeedName, s.ItemId, s.Title, s.Link, s.Published);
}

/// <summary>
/// An incident as admins see it: what, where, when first and last reported, every report with its link, and every
/// alert sent about it with its acknowledgement (who, when, how).
/// </summary>
public sealed record IncidentView(string Id, string Title, string Summary, string? Link, string? PlaceName, double? Lat, double? Lon, DateTimeOffset FirstSeen, DateTimeOffset LastSeen,
    IReadOnlyList<IncidentSourceView> Sources, IReadOnlyList<AlertView> Alerts);

/// <summary>Stored configuration entries that cannot be used (invalid, or unreadable JSON): each names the entry
/// and what is wrong; the rows stay stored until an admin fixes or deletes them.</summary>
public sealed record ConfigProblemsView(IReadOnlyList<string> Problems);

public sealed record FeedHealthView(string Id, string Name, string Url, string Status, DateTimeOffset? LastSuccess, DateTimeOffset? LastAttempt, DateTimeOffset? NextCheck, string? LastError, int ConsecutiveFailures);

/// <summary>
/// Read-only lists for the console: recent items, matches and alerts with filters and paging, feed health, audit.
/// Filters are built with <see cref="TableClient.CreateQueryFilter(FormattableString)"/> (never interpolated by hand),
/// pages are Table Storage continuation tokens passed through opaque.
/// </summary>
public sealed class AdminQueries(MonitorTables tables, TableConfigEntries entries, IFeedStateStore states, IIncidentStore incidents)
{
    public const int MaxPageSize = 100;

    public Task<Page<ItemView>> ItemsAsync(string? feed, int top, string? page, CancellationToken cancellationToken) =>
        PageAsync(tables.Items, feed is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {feed}"), top, page, e => new ItemView(
            e.RowKey, e.PartitionKey, e.GetString("Title"), e.GetString("Link"), e.GetDateTimeOffset("Published"), e.GetDateTimeOffset("SeenAt"), e.GetDouble("Lat"), e.GetDouble("Lon")), cancellationToken);

    public Task<Page<MatchView>> MatchesAsync(string? watchlist, string? item, int top, string? page, CancellationToken cancellationToken)
    {
        var filter = (watchlist, item) switch
        {
            (null, null) => null,
            ({ } w, null) => TableClient.CreateQueryFilter($"RowKey eq {w}"),
            (null, { } i) => TableClient.CreateQueryFilter($"PartitionKey eq {i}"),
            ({ } w, { } i) => TableClient.CreateQueryFilter($"PartitionKey eq {i} and RowKey eq {w}"),
        };
        return PageAsync(tables.Matches, filter, top, page, ToMatch, cancellationToken);
    }

    /// <summary>Alerts are outbox rows; each carries "why you got this": the item's matches with the recipient's watchlists.</summary>
    public async Task<Page<AlertView>> AlertsAsync(string? recipient, string? status, int top, string? page, CancellationToken cancellationToken)
    {
        var filter = (recipient, status) switch
        {
            (null, null) => null,
            ({ } r, null) => TableClient.CreateQueryFilter($"PartitionKey eq {r}"),
            (null, { } s) => TableClient.CreateQueryFilter($"Status eq {s}"),
            ({ } r, { } s) => TableClient.CreateQueryFilter($"PartitionKey eq {r} and Status eq {s}"),
        };
        var rows = await PageAsync(tables.Outbox, filter, top, page, TableOutbox.FromEntity, cancellationToken);
        return new Page<AlertView>(await ViewsAsync(rows.Items, null, cancellationToken), rows.Next);
    }

    /// <summary>One incident with its reports and every alert row about it; null when there is no such incident.</summary>
    public async Task<IncidentView?> IncidentAsync(string id, CancellationToken cancellationToken)
    {
        // Incident ids are hex digests: anything else cannot be a Table key, and is no incident.
        if (id.Length > 100 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') || await incidents.FindAsync(id, cancellationToken) is not { } incident)
        {
            return null;
        }

        await tables.EnsureCreatedAsync();
        var rows = new List<OutboxMessage>();
        await foreach (var e in tables.Outbox.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"IncidentId eq {id}"), cancellationToken: cancellationToken))
        {
            rows.Add(TableOutbox.FromEntity(e));
        }

        return new IncidentView(incident.Id, incident.Title, incident.Summary, incident.Link, incident.PlaceName, incident.Point?.Lat, incident.Point?.Lon, incident.FirstSeen, incident.LastSeen,
            [.. incident.Sources.Select(IncidentSourceView.From)], await ViewsAsync(rows, incident, cancellationToken));
    }

    /// <summary>The alert rows as views; <paramref name="known"/>, an incident already loaded, is not read again.</summary>
    private async Task<IReadOnlyList<AlertView>> ViewsAsync(IReadOnlyList<OutboxMessage> rows, Incident? known, CancellationToken cancellationToken)
    {
        var watchlists = await entries.ListAsync<WatchlistEntry>(ConfigKind.Watchlists, cancellationToken);
        var sources = new Dictionary<string, IReadOnlyList<IncidentSourceView>>(StringComparer.Ordinal);
        if (known is not null)
        {
            sources[known.Id] = [.. known.Sources.Select(IncidentSourceView.From)];
        }

        var alerts = new List<AlertView>();
        foreach (var m in rows)
        {
            var itemId = m.ItemId;
            var mine = watchlists.Where(w => w.Value.Recipients.Contains(m.RecipientId)).Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
            var why = new List<MatchView>();
            if (itemId is not null)
            {
                await foreach (var match in tables.Matches.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {itemId}"), cancellationToken: cancellationToken))
                {
                    if (mine.Count == 0 || mine.Contains(match.RowKey))
                    {
                        why.Add(ToMatch(match));
                    }
                }
            }

            var incidentId = m.IncidentId;
            if (incidentId is not null && !sources.ContainsKey(incidentId))
            {
                sources[incidentId] = (await incidents.FindAsync(incidentId, cancellationToken))?.Sources.Select(IncidentSourceView.From).ToList() ?? [];
            }

            alerts.Add(new AlertView(m.Id, m.RecipientId, m.Channel.ToString(), m.Subject, m.Status.ToString(), m.Delivery.Error, itemId, m.CreatedAt, why,
                m.Delivery.Attempts, m.Status == DeliveryStatus.Pending ? m.Delivery.NextAttemptAt : null,
                m.Placement?.Method.ToString(), m.Placement?.Confidence)
            {
                Text = AckLinkText.Redact(m.Text),
                AlertId = m.AlertId,
                IncidentId = incidentId,
                AckCode = m.AckCode,
                AckedAt = m.FollowUp.AckedAt,
                AckedBy = m.FollowUp.AckedBy,
                AckedVia = m.FollowUp.AckedVia,
                Escalated = m.FollowUp.Escalated,
                Sources = incidentId is null ? [] : sources[incidentId],
            });
        }

        return [.. alerts.OrderByDescending(a => a.CreatedAt)];
    }

    public Task<Page<AuditEntry>> AuditAsync(int top, string? page, CancellationToken cancellationToken) =>
        PageAsync(tables.Audit, null, top, page, AuditLog.FromEntity, cancellationToken);

    /// <summary>Feed health: "ok" after a success, "failing" with consecutive failures, "never polled" before the first attempt.</summary>
    public async Task<IReadOnlyList<FeedHealthView>> FeedHealthAsync(CancellationToken cancellationToken)
    {
        var list = new List<FeedHealthView>();
        foreach (var feed in await entries.ListAsync<FeedEntry>(ConfigKind.Feeds, cancellationToken))
        {
            var state = await states.GetAsync(feed.Id, cancellationToken);
            var status = state.LastAttempt is null ? "never polled" : state.ConsecutiveFailures > 0 ? "failing" : "ok";
            list.Add(new FeedHealthView(feed.Id, feed.Value.Name ?? feed.Id, feed.Value.Url, status, state.LastSuccess, state.LastAttempt, state.NextCheck, state.LastError, state.ConsecutiveFailures));
        }

        return list;
    }

    private static MatchView ToMatch(TableEntity m)
    {
        var placement = PlacementColumns.Read(m);
        return new(
            m.PartitionKey, m.RowKey, m.GetString("Watchlist"), m.GetString("Severity"), m.GetString("MatchedTerms"), m.GetString("PlaceName"),
            m.GetString("FenceName"), m.GetDouble("DistanceKm"), m.GetDateTimeOffset("MatchedAt"), m.GetBoolean("Inside") == true,
            placement?.Method.ToString(), placement?.Confidence, m.GetString("Direction"), m.GetDouble("Score"));
    }

    private async Task<Page<T>> PageAsync<T>(TableClient table, string? filter, int top, string? page, Func<TableEntity, T> map, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        await foreach (var p in table.QueryAsync<TableEntity>(filter, maxPerPage: top, cancellationToken: cancellationToken).AsPages(page, top))
        {
            return new Page<T>([.. p.Values.Select(map)], p.ContinuationToken);
        }

        return new Page<T>([], null);
    }
}

/// <summary>Paging parameters: top 1–100 (default 25), page an opaque continuation token from the previous answer.</summary>
public static class Paging
{
    public static IResult? Check(int? top, string? page)
    {
        if (top is < 1 or > AdminQueries.MaxPageSize)
        {
            return AdminRequests.Invalid("top", $"must be 1-{AdminQueries.MaxPageSize}");
        }

        // Continuation tokens are "partitionKey rowKey" in Table Storage's own encoding: printable ASCII.
        if (page is { } p && (p.Length > 1024 || p.Any(c => c is < ' ' or > '~')))
        {
            return AdminRequests.Invalid("page", "is not a page token from this API");
        }

        return null;
    }

    public static bool IsBadToken(Exception ex) => ex is RequestFailedException { Status: 400 } or FormatException or ArgumentException;
}
