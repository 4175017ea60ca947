using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Feeds;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Matching.Relevance;

namespace NgoMonitor.Host.Cli;

/// <summary>One line of `scan` output: a match of one item against one watchlist. The field names are a stable contract (docs/scan.md).</summary>
public sealed record ScanMatch(
    [property: JsonPropertyName("item_id")] string ItemId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("link")] string? Link,
    [property: JsonPropertyName("published")] DateTimeOffset? Published,
    [property: JsonPropertyName("watchlist")] string Watchlist,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("matched_terms")] IReadOnlyList<string> MatchedTerms,
    [property: JsonPropertyName("score")] double? Score,
    [property: JsonPropertyName("place_name")] string? PlaceName,
    [property: JsonPropertyName("lat")] double? Lat,
    [property: JsonPropertyName("lon")] double? Lon,
    [property: JsonPropertyName("fence")] string? Fence,
    [property: JsonPropertyName("distance_km")] double? DistanceKm,
    [property: JsonPropertyName("place_method")] string? PlaceMethod,
    [property: JsonPropertyName("place_confidence")] double? PlaceConfidence,
    [property: JsonPropertyName("direction")] string? Direction);

/// <summary>
/// `scan`: runs the matchers over a feed (file or URL) or an items.jsonl file without storing or sending anything,
/// so admins can try rules before trusting them. Bad input lines are reported on stderr and skipped.
/// </summary>
public static class ScanCommand
{
    private static readonly JsonSerializerOptions Output = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Arabic and French stay readable; output is not HTML
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "A feed file, a feed URL, or an items.jsonl file.", Required = true, HelpName = "feed file | URL | items.jsonl" };
        var watchlists = new Option<string?>("--watchlists") { Description = "A configuration file with watchlists (default: Monitor:ConfigPath's default, the bundled samples).", HelpName = "config.json" };
        var language = new Option<string?>("--language") { Description = "The feed's declared language (en, fr, ar), as a feed's `language`.", HelpName = "tag" };
        var country = new Option<string?>("--country") { Description = "The country the feed writes about (ISO 3166-1 alpha-2), as a feed's `country`.", HelpName = "XX" };
        var home = new Option<string?>("--home") { Description = "The area a local feed writes about, as a feed's `home`: latitude, longitude and radius in km.", HelpName = "lat,lon,radiusKm" };
        var command = new Command("scan", "Match a feed against watchlists without storing or sending; one JSON object per match on standard output.") { input, watchlists, language, country, home };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(parse.GetRequiredValue(input), parse.GetValue(watchlists), new FeedReading(parse.GetValue(language), parse.GetValue(country), parse.GetValue(home)),
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>What the scanned feed declares about itself, as the command line gave it (unchecked).</summary>
    private sealed record FeedReading(string? Language, string? Country, string? Home)
    {
        /// <summary>The place context the poll would read the feed's items with; throws <see cref="ConfigException"/> on a bad country or area.</summary>
        public GeoContext Context()
        {
            var numbers = Home?.Split(',', StringSplitOptions.TrimEntries).Select(n => double.TryParse(n, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : (double?)null).ToArray();
            if (numbers is { Length: not 3 })
            {
                throw new ConfigException("home", "takes latitude, longitude and radius in km, comma-separated (e.g. 13.63,25.35,150)");
            }

            var area = numbers is null ? null : new HomeAreaEntry { Lat = numbers[0], Lon = numbers[1], RadiusKm = numbers[2] };
            return new GeoContext(ConfigMapper.ToFeedCountry(Country)) { Home = ConfigMapper.ToHomeArea(area) };
        }
    }

    private static async Task<int> RunAsync(string input, string? watchlists, FeedReading feed, TextWriter output, TextWriter error)
    {
        GeoContext geo;
        try
        {
            geo = feed.Context();
        }
        catch (ConfigException ex)
        {
            // The fields are the feed's own ("country", "home", "home.radiusKm"); each comes from the option of its name.
            await error.WriteLineAsync($"--{ex.Field.Split('.')[0]}: {ex.Message}");
            return Commands.UsageError;
        }

        var watchlistPath = watchlists ?? new AdminOptions().ResolvedConfigPath!;
        ConfigLoadResult config;
        try
        {
            config = ConfigFile.Load(watchlistPath);
        }
        catch (ConfigFileException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return Commands.Failed;
        }

        foreach (var problem in config.Errors)
        {
            await error.WriteLineAsync($"{watchlistPath}: {problem}");
        }

        var matcher = new WatchlistMatcher(config.Config.Watchlists, new Geoparser(Gazetteer.Load(Gazetteer.DefaultPath)), relevance: RelevanceModel.Shipped);
        IReadOnlyList<FeedItem> items;
        try
        {
            items = await ReadItemsAsync(input, error);
        }
        catch (Exception ex) when (ex is IOException or FeedFormatException or UnauthorizedAccessException or HttpRequestException)
        {
            await error.WriteLineAsync($"cannot read {input}: {ex.Message}");
            return Commands.Failed;
        }

        foreach (var item in items)
        {
            foreach (var m in matcher.Match(item, feed.Language, geo))
            {
                var watchlist = matcher.Watchlists[m.WatchlistId];
                var line = new ScanMatch(item.Id, item.Title, item.Link, item.Published, watchlist.Name, watchlist.Category, watchlist.Severity.ToString(),
                    m.MatchedTerms, m.Score, m.PlaceName, m.Point?.Lat, m.Point?.Lon, m.FenceName, m.DistanceKm,
                    m.Placement?.Method.ToString(), m.Placement?.Confidence, m.Direction?.ToString());
                await output.WriteLineAsync(JsonSerializer.Serialize(line, Output));
            }
        }

        return Commands.Done;
    }

    private static async Task<IReadOnlyList<FeedItem>> ReadItemsAsync(string input, TextWriter error)
    {
        if (input.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return await ItemsJsonl.ReadAsync(input, error);
        }

        var source = new FeedSource("scan", "scan", Uri.TryCreate(input, UriKind.Absolute, out var u) && u.Scheme.StartsWith("http", StringComparison.Ordinal) ? u : new Uri("file:///scan"), TimeSpan.FromMinutes(5), AllowPrivateNetwork: true);
        if (!source.Url.Scheme.StartsWith("http", StringComparison.Ordinal))
        {
            return new FeedReaderParser().Parse(source, await File.ReadAllBytesAsync(input), null);
        }

        // The poll cycle's own fetcher: the same limits, decoding and User-Agent as production.
        var fetched = await HttpFeedFetcher.Create(new FeedsOptions()).FetchAsync(source, new FeedState(source.Id), CancellationToken.None);
        if (fetched.Status != FetchStatus.Fetched)
        {
            throw new HttpRequestException(fetched.Error ?? $"no body (HTTP {fetched.HttpStatus})");
        }

        return new FeedReaderParser().Parse(source, fetched.Body!, fetched.ContentType);
    }
}
