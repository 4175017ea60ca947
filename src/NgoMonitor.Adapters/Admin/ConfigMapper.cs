using System.Globalization;
using System.Text.RegularExpressions;
using NgoMonitor.Adapters.Alerts;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Matching.Rules;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Adapters.Admin;

/// <summary>The valid part of a configuration, and one readable error per entry that was left out.</summary>
public sealed record ConfigLoadResult(MonitorConfig Config, IReadOnlyList<string> Errors);

/// <summary>
/// Validates configuration entries and maps them to core types. An invalid entry is left out with an error that
/// names it and the field; the others load, so one typo never silences every watchlist.
/// </summary>
public static partial class ConfigMapper
{
    /// <summary>The languages a recipient's messages can be written in: those the composer has templates for.</summary>
    public static readonly IReadOnlyList<string> RecipientLanguages = ["en", "fr", "ar"];

    /// <summary>Validates and maps a document; with <paramref name="countries"/>, country fences must name a known country.</summary>
    public static ConfigLoadResult ToConfig(ConfigDocument document, ICountryOutlines? countries = null)
    {
        var errors = new List<string>();
        var feeds = Collect(document.Feeds, "feeds", f => f.Id, ToFeed, errors);
        var recipients = Collect(document.Recipients, "recipients", r => r.Id, r => ToRecipient(r, countries), errors);
        var known = recipients.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var r in recipients.Where(r => r.BackupId is not null && (!known.Contains(r.BackupId) || r.BackupId == r.Id)).ToList())
        {
            errors.Add($"recipients '{r.Id}': backup: '{r.BackupId}' is not another known recipient; backup ignored");
            recipients[recipients.IndexOf(r)] = r with { BackupId = null };
        }

        var watchlists = Collect(document.Watchlists, "watchlists", w => w.Id, w => ToWatchlist(w, known, countries), errors);
        return new ConfigLoadResult(new MonitorConfig(feeds, watchlists, recipients), errors);
    }

    public static ConfigDocument ToDocument(MonitorConfig config) => new()
    {
        Feeds = [.. config.Feeds.Select(f => new FeedEntry
        {
            Id = f.Id, Name = f.Name, Url = f.Url.AbsoluteUri, MinIntervalMinutes = f.MinInterval.TotalMinutes,
            AllowPrivateNetwork = f.AllowPrivateNetwork, Language = f.Language, Folder = f.Folder,
            Home = f.Home is { } home ? new HomeAreaEntry { Lat = home.Centre.Lat, Lon = home.Centre.Lon, RadiusKm = home.RadiusKm } : null,
            Country = f.Country,
        })],
        Recipients = [.. config.Recipients.Select(r => new RecipientEntry
        {
            Id = r.Id, Name = r.Name, Phone = r.Phone, Email = r.Email, Country = r.Country,
            Channels = [.. r.Channels.Select(c => c.ToString().ToLowerInvariant())], TimeZone = r.TimeZone,
            Admin = r.IsAdmin ? true : null,
            Backup = r.BackupId,
            MinSeverity = r.MinSeverity == Severity.Minor ? null : r.MinSeverity.ToString().ToLowerInvariant(),
            QuietHours = r.Quiet is { } q ? new QuietHoursEntry
            {
                Start = q.Start.ToString("HH:mm", CultureInfo.InvariantCulture), End = q.End.ToString("HH:mm", CultureInfo.InvariantCulture),
                OverrideSeverity = q.OverrideSeverity.ToString().ToLowerInvariant(),
            } : null,
            SmsPerHour = r.SmsPerHour,
            Digest = r.Digest == DigestCadence.Hourly ? null : r.Digest.ToString().ToLowerInvariant(),
            Language = r.Language == "en" ? null : r.Language,
            Team = r.Team,
            Area = r.Area is { } area ? GeofenceMapper.ToEntry(area) : null,
        })],
        Watchlists = [.. config.Watchlists.Select(w => new WatchlistEntry
        {
            Id = w.Id, Name = w.Name, Category = w.Category, Severity = w.Severity.ToString().ToLowerInvariant(),
            // Pack rules go back as the pack's id, so a seeded pack watchlist reads (and saves) as packs, not as copies of their rules.
            Rules = [.. w.Rules.Where(r => r.Pack is null).Select(r => new RuleEntry { Query = r.Query, Any = [.. r.Any], All = [.. r.All], None = [.. r.None] })],
            Packs = w.Rules.Any(r => r.Pack is not null) ? [.. w.Rules.Select(r => r.Pack).OfType<string>().Distinct(StringComparer.Ordinal)] : null,
            Geofences = [.. w.Geofences.Select(GeofenceMapper.ToEntry)],
            Recipients = [.. w.RecipientIds],
            Teams = w.Teams.Count > 0 ? [.. w.Teams] : null,
        })],
    };

    private static List<TOut> Collect<TIn, TOut>(IEnumerable<TIn> entries, string section, Func<TIn, string> id, Func<TIn, TOut> map, List<string> errors)
    {
        var result = new List<TOut>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var entry in entries)
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"{section}[{index++}]");
            try
            {
                var entryId = id(entry);
                if (!IdPattern().IsMatch(entryId ?? ""))
                {
                    throw new ConfigException("id", $"'{entryId}' must be 1-64 letters, digits, '-' or '_'");
                }

                if (!seen.Add(entryId!))
                {
                    throw new ConfigException("id", $"'{entryId}' is used twice");
                }

                result.Add(map(entry));
            }
            catch (ConfigException ex)
            {
                errors.Add($"{label}: {ex.Field}: {ex.Message}; entry left out");
            }
        }

        return result;
    }

    /// <summary>Host names of cloud metadata services (they resolve to link-local addresses the fetcher refuses anyway).</summary>
    private static bool IsMetadataName(string host) =>
        host.Equals("metadata.google.internal", StringComparison.OrdinalIgnoreCase) || host.Equals("metadata", StringComparison.OrdinalIgnoreCase)
        || host.Equals("instance-data", StringComparison.OrdinalIgnoreCase) || host.StartsWith("instance-data.", StringComparison.OrdinalIgnoreCase);

    private static FeedSource ToFeed(FeedEntry f)
    {
        if (!Uri.TryCreate(f.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ConfigException("url", $"'{f.Url}' is not an absolute http(s) URL");
        }

        if (Feeds.NetworkGuard.RefusalForLiteral(url, allowPrivate: true) is not null || IsMetadataName(url.IdnHost))
        {
            throw new ConfigException("url", $"'{url.IdnHost}' is a link-local or cloud metadata address, which no feed may reach (allowPrivateNetwork does not cover it)");
        }

        var minutes = f.MinIntervalMinutes ?? 5;
        if (!double.IsFinite(minutes) || minutes is < 1 or > 1440)
        {
            throw new ConfigException("minIntervalMinutes", $"{minutes} is outside 1-1440");
        }

        return new FeedSource(f.Id, string.IsNullOrWhiteSpace(f.Name) ? f.Id : f.Name, url, TimeSpan.FromMinutes(minutes), f.AllowPrivateNetwork, f.Language)
        {
            Folder = FeedFolders.Normalise(f.Folder),
            Home = ToHomeArea(f.Home),
            Country = ToFeedCountry(f.Country),
        };
    }

    /// <summary>The largest home area: about a region's towns; a wider one would favour namesakes across a country.</summary>
    public const double MaxHomeRadiusKm = 500;

    /// <summary>A feed's declared country in upper case; throws <see cref="ConfigException"/> when it is not an ISO code.</summary>
    public static string? ToFeedCountry(string? country) =>
        country is null ? null
        : Phones.IsCountry(country) ? country.ToUpperInvariant()
        : throw new ConfigException("country", $"'{country}' is not an ISO 3166-1 alpha-2 country code (e.g. SD, CD)");

    /// <summary>A feed's home area; throws <see cref="ConfigException"/> naming what is missing or out of range.</summary>
    public static FeedHomeArea? ToHomeArea(HomeAreaEntry? home)
    {
        if (home is null)
        {
            return null;
        }

        if (home.Lat is not { } lat || home.Lon is not { } lon || home.RadiusKm is not { } radius)
        {
            throw new ConfigException("home", "a home area needs lat, lon and radiusKm");
        }

        var centre = new GeoPoint(lat, lon);
        if (!centre.IsValid)
        {
            throw new ConfigException("home", string.Create(CultureInfo.InvariantCulture, $"({lat}, {lon}): latitude must be within ±90 and longitude within ±180"));
        }

        if (!double.IsFinite(radius) || radius is < 1 or > MaxHomeRadiusKm)
        {
            throw new ConfigException("home.radiusKm", string.Create(CultureInfo.InvariantCulture, $"{radius} is outside 1-{MaxHomeRadiusKm} km"));
        }

        return new FeedHomeArea(centre, radius);
    }

    private static Recipient ToRecipient(RecipientEntry r, ICountryOutlines? countries)
    {
        if (r.Country is not null && !Phones.IsCountry(r.Country))
        {
            throw new ConfigException("country", $"'{r.Country}' is not an ISO 3166-1 alpha-2 country code (e.g. CD, SY)");
        }

        var phone = r.Phone is null ? null : Phones.ToE164(r.Phone, r.Country)
            ?? throw new ConfigException("phone", r.Country is null
                ? "must be in E.164 form ('+', country code and number, e.g. +15005550006) and a valid number for its country, or a national number with the recipient's country set"
                : $"is not a valid number in {r.Country.ToUpperInvariant()} (national form such as 0812345678, or international with '+')");

        if (r.Email is not null && !EmailShape().IsMatch(r.Email))
        {
            throw new ConfigException("email", "is not an email address");
        }

        var channels = new List<Channel>();
        foreach (var name in r.Channels ?? [.. DefaultChannels(r)])
        {
            if (!Enum.TryParse<Channel>(name, ignoreCase: true, out var channel) || !Enum.IsDefined(channel))
            {
                throw new ConfigException("channels", $"'{name}' is not one of sms, email");
            }

            if ((channel == Channel.Sms && r.Phone is null) || (channel == Channel.Email && r.Email is null))
            {
                throw new ConfigException("channels", $"'{name}' needs a {(channel == Channel.Sms ? "phone" : "email")}");
            }

            channels.Add(channel);
        }

        var timeZone = r.TimeZone ?? "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            throw new ConfigException("timeZone", $"'{timeZone}' is not an IANA time zone");
        }

        var minSeverity = r.MinSeverity is null ? Severity.Minor : ParseSeverity(r.MinSeverity, "minSeverity");
        QuietHours? quiet = null;
        if (r.QuietHours is { } q)
        {
            if (!TimeOnly.TryParseExact(q.Start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !TimeOnly.TryParseExact(q.End, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end) || start == end)
            {
                throw new ConfigException("quietHours", "start and end must be different local times \"HH:mm\"");
            }

            quiet = new QuietHours(start, end, q.OverrideSeverity is null ? Severity.Extreme : ParseSeverity(q.OverrideSeverity, "quietHours.overrideSeverity"));
        }

        if (r.SmsPerHour is < 1 or > 100)
        {
            throw new ConfigException("smsPerHour", $"{r.SmsPerHour} is outside 1-100");
        }

        var digest = r.Digest switch
        {
            null or "hourly" => DigestCadence.Hourly,
            "daily" => DigestCadence.Daily,
            _ => throw new ConfigException("digest", $"'{r.Digest}' is not one of hourly, daily"),
        };
        var language = r.Language ?? "en";
        if (!RecipientLanguages.Contains(language))
        {
            throw new ConfigException("language", $"'{language}' is not one of {string.Join(", ", RecipientLanguages)}");
        }

        if (r.Team is not null && !IdPattern().IsMatch(r.Team))
        {
            throw new ConfigException("team", "must be 1-64 letters, digits, '-' or '_'");
        }

        return new Recipient(r.Id, string.IsNullOrWhiteSpace(r.Name) ? r.Id : r.Name, phone, r.Email, channels, timeZone, r.Backup, minSeverity, quiet, r.SmsPerHour, digest, language, r.Admin ?? false)
        {
            Country = r.Country?.ToUpperInvariant(),
            Team = r.Team,
            Area = r.Area is { } area ? Area(area, r.Id, countries) : null,
        };
    }

    /// <summary>The officer's area, validated as a watchlist's fence is; errors name "area" instead of "geofences[0]".</summary>
    private static Geofence Area(GeofenceEntry area, string recipientId, ICountryOutlines? countries)
    {
        try
        {
            return GeofenceMapper.ToGeofence(area, 0, recipientId, countries);
        }
        catch (ConfigException ex)
        {
            const string fence = "geofences[0]";
            throw new ConfigException(ex.Field.StartsWith(fence, StringComparison.Ordinal) ? "area" + ex.Field[fence.Length..] : "area", ex.Message);
        }
    }

    private static Severity ParseSeverity(string name, string field) =>
        Enum.TryParse<Severity>(name, ignoreCase: true, out var severity) && Enum.IsDefined(severity) && !int.TryParse(name, out _)
            ? severity
            : throw new ConfigException(field, $"'{name}' is not one of minor, moderate, severe, extreme");

    private static IEnumerable<string> DefaultChannels(RecipientEntry r)
    {
        if (r.Phone is not null)
        {
            yield return "sms";
        }

        if (r.Email is not null)
        {
            yield return "email";
        }
    }

    private static Watchlist ToWatchlist(WatchlistEntry w, HashSet<string> knownRecipients, ICountryOutlines? countries)
    {
        var severityName = w.Severity ?? "moderate";
        if (!Enum.TryParse<Severity>(severityName, ignoreCase: true, out var severity) || !Enum.IsDefined(severity) || int.TryParse(severityName, out _))
        {
            throw new ConfigException("severity", $"'{severityName}' is not one of minor, moderate, severe, extreme");
        }

        var rules = w.Rules.Select(r => string.IsNullOrWhiteSpace(r.Query) ? new KeywordRule(r.Any, r.All, r.None) : KeywordRule.FromQuery(r.Query)).ToList();
        foreach (var packId in w.Packs ?? [])
        {
            var pack = RulePacks.Find(packId)
                ?? throw new ConfigException("packs", $"'{packId}' is not a shipped rule pack ({string.Join(", ", RulePacks.All().Select(p => p.Id))})");
            rules.AddRange(pack.Rules.Select(r => KeywordRule.FromQuery(r.Query) with { Pack = pack.Id, Lang = r.Lang }));
        }

        if (rules.Count == 0)
        {
            throw new ConfigException("rules", "at least one rule (or a pack) is needed");
        }

        for (var i = 0; i < w.Rules.Count; i++)
        {
            var rule = w.Rules[i];
            if (string.IsNullOrWhiteSpace(rule.Query) && rule.Any.Count + rule.All.Count == 0)
            {
                throw new ConfigException($"rules[{i}]", "needs a query, or at least one 'any' or 'all' phrase");
            }

            if (rule.Any.Concat(rule.All).Concat(rule.None).Any(p => TextNormaliser.Fold(p.TrimEnd('*')).Length == 0))
            {
                throw new ConfigException($"rules[{i}]", "has an empty phrase");
            }

            if (WatchlistMatcher.Validate(rules[i]) is [var problem, ..])
            {
                throw new ConfigException($"rules[{i}]", $"{problem.Reason}, at column {problem.Position + 1}");
            }
        }

        var fences = w.Geofences.Select((g, i) => GeofenceMapper.ToGeofence(g, i, w.Id, countries)).ToList();

        if (w.Recipients.FirstOrDefault(r => !knownRecipients.Contains(r)) is { } unknown)
        {
            throw new ConfigException("recipients", $"'{unknown}' is not a known recipient");
        }

        if (w.Teams?.FirstOrDefault(t => !IdPattern().IsMatch(t)) is { } team)
        {
            throw new ConfigException("teams", $"'{(team.Length > 64 ? team[..64] : team)}' must be 1-64 letters, digits, '-' or '_'");
        }

        if (w.MinScore is { } minScore && !(minScore is >= 0 and <= 1))
        {
            throw new ConfigException("minScore", $"{minScore.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not between 0 and 1");
        }

        return new Watchlist(
            w.Id,
            string.IsNullOrWhiteSpace(w.Name) ? w.Id : w.Name,
            string.IsNullOrWhiteSpace(w.Category) ? "general" : w.Category,
            severity,
            rules,
            fences,
            w.Recipients)
        {
            MinScore = w.MinScore,
            Teams = w.Teams is { } teams ? [.. teams] : [],
        };
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();
}

/// <summary>A configuration entry's field is invalid.</summary>
public sealed class ConfigException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
