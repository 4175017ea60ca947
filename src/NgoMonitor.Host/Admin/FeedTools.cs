using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Feeds;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Matching.Relevance;
using NgoMonitor.Core.Polling;
using NgoMonitor.Core.Storage;
using NgoMonitor.Host.Admin.Auth;

namespace NgoMonitor.Host.Admin;

/// <summary>A site (or feed) URL to look for feeds at; <see cref="AllowPrivateNetwork"/> as for a feed (intranets, tests).</summary>
public sealed class DiscoverRequest
{
    public string? Url { get; set; }

    public bool AllowPrivateNetwork { get; set; }
}

/// <summary>A feed found at the URL: its URL, the id it would take, its title and media type.</summary>
public sealed record FeedCandidate(string Url, string Id, string? Title, string Type);

/// <summary>What discovery found: the page's final URL (after redirects) and the feeds it is or announces.</summary>
public sealed record DiscoverResult(string Url, IReadOnlyList<FeedCandidate> Feeds);

/// <summary>A watchlist an item of a tested feed would match, and why (terms, place, fence, relevance score).</summary>
public sealed record FeedTestMatch(string WatchlistId, string Watchlist, IReadOnlyList<string> Terms, string? PlaceName, string? FenceName, double? DistanceKm, bool Inside, double? Score);

public sealed record FeedTestItem(string Id, string Title, string? Link, DateTimeOffset? Published, string Summary, IReadOnlyList<FeedTestMatch> Matches);

/// <summary>
/// The answer of "test this feed": <see cref="Ok"/> false with <see cref="Error"/> and its <see cref="ErrorKind"/>
/// when the fetch or parse failed (the test ran; the feed is what failed), else the document's title and items, each
/// with the stored watchlists it would match now.
/// </summary>
public sealed record FeedTestResult(bool Ok, string Url, int? HttpStatus, string? Error, string? ErrorKind, string? Title, string? Warning, int ItemCount, IReadOnlyList<FeedTestItem> Items);

/// <summary>"Poll now" accepted: the feed is due from <see cref="DueAt"/> and its poll message is queued.</summary>
public sealed record PollNowResult(string FeedId, DateTimeOffset DueAt);

/// <summary>
/// Feed tools of the console, every action a POST (nothing acts on a GET): test a feed (fetch with the same guarded
/// fetcher and parser the poll uses, match the items against the stored watchlists, store nothing), poll a stored
/// feed now (due now, back-off lifted, one poll message queued), discover feeds from a site URL (the page itself
/// when it is a feed, else its autodiscovery links, <see cref="FeedDiscovery"/>), and the OPML export (a read, GET)
/// that keeps folders. Fetches go through <see cref="HttpFeedFetcher"/>, so the network guard decides every address.
/// </summary>
public sealed class FeedTools(
    IFeedFetcher fetcher,
    IFeedParser parser,
    IConfigStore configStore,
    IFeedStateStore feedStates,
    IWorkQueues queues,
    TableConfigEntries store,
    ConfigEntries entries,
    AuditLog audit,
    IPlaceFinder places,
    ICountryOutlines countries,
    TimeProvider time,
    IOptions<AdminApiOptions> options)
{
    /// <summary>Most items a test shows (a feed may carry hundreds).</summary>
    public const int MaxTestItems = 50;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/feeds/test", (FeedTools t, HttpRequest r, CancellationToken ct) => t.TestAsync(r, ct)).RequireAuthorization(MonitorRoles.WritePolicy).RequireRateLimiting(AdminRateLimits.Preview);
        api.MapPost("/feeds/discover", (FeedTools t, HttpRequest r, CancellationToken ct) => t.DiscoverAsync(r, ct)).RequireAuthorization(MonitorRoles.WritePolicy).RequireRateLimiting(AdminRateLimits.Preview);
        api.MapPost("/feeds/{id}/poll", (string id, FeedTools t, ClaimsPrincipal user, CancellationToken ct) => t.PollNowAsync(id, user, ct)).RequireAuthorization(MonitorRoles.WritePolicy);
        api.MapGet("/export/opml", (FeedTools t, CancellationToken ct) => t.ExportOpmlAsync(ct));
    }

    public async Task<IResult> TestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (entry, error) = await entries.ReadValidAsync(EntryKinds.Feeds, request, routeId: null, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var feed = ConfigMapper.ToConfig(new ConfigDocument { Feeds = [entry!] }, countries).Config.Feeds[0];
        var (fetched, document, notAFeed) = await FetchParsedAsync(feed, cancellationToken);
        var url = (fetched.FinalUrl ?? feed.Url).AbsoluteUri;
        if (fetched.Status != FetchStatus.Fetched)
        {
            return TypedResults.Ok(new FeedTestResult(false, url, fetched.HttpStatus, fetched.Error ?? "no body", fetched.Failure?.Kind.ToString(), null, null, 0, []));
        }

        if (document is null)
        {
            return TypedResults.Ok(new FeedTestResult(false, url, fetched.HttpStatus, notAFeed!.Message, nameof(FeedErrorKind.BadDocument), null, null, 0, []));
        }

        var rules = await configStore.LoadRulesAsync(cancellationToken);
        var matcher = new WatchlistMatcher(rules.Watchlists, places, countries, RelevanceModel.Shipped);
        // Places read as polling reads them: with the feed's declared home area, else the one its stored state teaches.
        var geo = FeedHomeAreas.ContextFor(feed, await feedStates.GetAsync(feed.Id, cancellationToken));
        var items = document.Items.Take(MaxTestItems).Select(item => new FeedTestItem(
            item.Id, item.Title, item.Link, item.Published, item.Summary.Length > 300 ? item.Summary[..300] + "…" : item.Summary,
            [.. matcher.Match(item, feed.Language, geo).Select(m => new FeedTestMatch(m.WatchlistId, matcher.Watchlists[m.WatchlistId].Name, m.MatchedTerms, m.PlaceName, m.FenceName, m.DistanceKm, m.Inside, m.Score))])).ToList();
        return TypedResults.Ok(new FeedTestResult(true, url, fetched.HttpStatus, null, null, document.Title, document.Warning, document.Items.Count, items));
    }

    public async Task<IResult> DiscoverAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (ask, error) = await AdminRequests.ReadJsonAsync<DiscoverRequest>(request, options.Value.MaxBodyBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        // The URL is checked as a feed's would be (absolute http(s), no metadata address, the API's string limits).
        var probe = new FeedEntry { Id = "discover", Url = ask!.Url?.Trim() ?? "", AllowPrivateNetwork = ask.AllowPrivateNetwork };
        if (string.IsNullOrEmpty(probe.Url))
        {
            return AdminRequests.Invalid("url", "is required: the address of a site or a feed");
        }

        var errors = await entries.ValidateAsync(EntryKinds.Feeds, probe, cancellationToken);
        if (errors.Count > 0)
        {
            return AdminRequests.Invalid(errors);
        }

        var site = ConfigMapper.ToConfig(new ConfigDocument { Feeds = [probe] }, countries).Config.Feeds[0];
        var (fetched, document, _) = await FetchParsedAsync(site, cancellationToken);
        if (fetched.Status != FetchStatus.Fetched)
        {
            return AdminRequests.Problem(StatusCodes.Status422UnprocessableEntity, "Site not read", $"{site.Url.AbsoluteUri}: {fetched.Error ?? "no body"}");
        }

        var final = fetched.FinalUrl ?? site.Url;
        if (document is not null)
        {
            return TypedResults.Ok(new DiscoverResult(final.AbsoluteUri, [Candidate(final, document.Title, fetched.ContentType ?? "feed")]));
        }

        // Not a feed itself: read it as an HTML page and list the feeds it announces.
        var html = Encoding.UTF8.GetString(fetched.Body ?? []);
        var found = FeedDiscovery.FromHtml(html, final).Select(f => Candidate(f.Url, f.Title, f.Type)).ToList();
        return TypedResults.Ok(new DiscoverResult(final.AbsoluteUri, found));
    }

    public async Task<IResult> PollNowAsync(string id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!ConfigEntries.IsId(id) || await store.GetAsync<FeedEntry>(ConfigKind.Feeds, id, cancellationToken) is null)
        {
            return ConfigEntries.NotFound("feed", id);
        }

        // Due now, whatever its back-off: the failure count stays, so a poll that fails again backs off as before.
        var now = time.GetUtcNow();
        var state = await feedStates.GetAsync(id, cancellationToken);
        await feedStates.SaveAsync(state with { NextCheck = now }, cancellationToken);
        await queues.EnqueuePollAsync([new PollBatch("manual " + now.ToString("O", System.Globalization.CultureInfo.InvariantCulture), [id])], cancellationToken);
        await audit.WriteAsync(user, "poll-now", "feed", id, null, null, cancellationToken);
        return TypedResults.Accepted($"/api/feeds/{id}", new PollNowResult(id, now));
    }

    public async Task<IResult> ExportOpmlAsync(CancellationToken cancellationToken)
    {
        var config = await configStore.LoadAsync(cancellationToken);
        return TypedResults.Text(Opml.Export(config.Feeds, time.GetUtcNow()), "text/x-opml", Encoding.UTF8);
    }

    /// <summary>One guarded fetch (no stored state: a first visit) and, when it brought a body, the parse; a body that
    /// is no feed comes back as <c>NotAFeed</c>.</summary>
    private async Task<FetchedFeed> FetchParsedAsync(FeedSource feed, CancellationToken cancellationToken)
    {
        var fetched = await fetcher.FetchAsync(feed, new FeedState(feed.Id), cancellationToken);
        if (fetched.Status != FetchStatus.Fetched)
        {
            return new(fetched, null, null);
        }

        try
        {
            return new(fetched, parser.ParseFeed(feed, fetched.Body ?? [], fetched.ContentType), null);
        }
        catch (FeedFormatException ex)
        {
            return new(fetched, null, ex);
        }
    }

    private sealed record FetchedFeed(FetchResult Fetched, ParsedFeed? Document, FeedFormatException? NotAFeed);

    private static FeedCandidate Candidate(Uri url, string? title, string type) =>
        new(url.AbsoluteUri, FeedIds.FromUrl(url), string.IsNullOrWhiteSpace(title) ? null : title, type);
}
