using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Core.Geo;
using NgoMonitor.Host.Admin.Auth;

namespace NgoMonitor.Host.Admin;

/// <summary>A watchlist on the officer's page; <see cref="Concern"/> says why it is offered ("subscribed", "team",
/// "area" or "global", <see cref="Core.Subscriptions.Concern"/>).</summary>
public sealed record SubscriptionWatchlist(string Id, string Name, string? Category, string? Severity, bool Subscribed, string Concern);

/// <summary>A recipient's subscription and delivery preferences, as their page shows them. Quiet hours are local to
/// <see cref="TimeZone"/>; defaults are filled in (minimum severity "minor", language "en").</summary>
public sealed record SubscriptionView(
    string RecipientId,
    string Name,
    IReadOnlyList<string> Channels,
    IReadOnlyList<string> AvailableChannels,
    IReadOnlyList<SubscriptionWatchlist> Watchlists,
    string MinSeverity,
    QuietHoursEntry? QuietHours,
    string Language,
    string TimeZone);

/// <summary>
/// What an officer may change: the watchlists they receive (among those that concern them, <see cref="SubscriptionScopes"/>),
/// the channels they receive them on, and their preferences (<see cref="SubscriptionPreferences"/>). A field left out
/// (or null) keeps its value. The view GET returns is accepted back as is: its read-only fields (recipientId, name,
/// availableChannels, timeZone) must then equal the stored values, and its watchlist objects set each listed
/// watchlist's "subscribed"; a list of ids instead is the complete set of watchlists wanted.
/// </summary>
public sealed class SubscriptionChange
{
    public string? RecipientId { get; set; }

    public string? Name { get; set; }

    public List<string>? AvailableChannels { get; set; }

    public List<JsonElement>? Watchlists { get; set; }

    public List<string>? Channels { get; set; }

    public string? MinSeverity { get; set; }

    public QuietHoursEntry? QuietHours { get; set; }

    public string? Language { get; set; }

    public string? TimeZone { get; set; }
}

public sealed record OfficerLink(string RecipientId, string Token, string Url, DateTimeOffset Expires);

/// <summary>
/// A recipient's subscription: the watchlists that concern them (<see cref="SubscriptionScopes"/>) and whether they
/// receive each, their channels and their delivery preferences. It spans several rows, so its ETag is a hash of the
/// rows' ETags: any change to the recipient or a watchlist shown makes an old If-Match fail (412).
/// </summary>
public sealed class Subscriptions(TableConfigEntries store, AuditLog audit, OfficerLinks links, ICountryOutlines countries, IOptions<AdminApiOptions> options)
{
    public async Task<IResult> GetAsync(string recipientId, HttpResponse response, CancellationToken cancellationToken)
    {
        var (view, etag) = await LoadAsync(recipientId, cancellationToken);
        if (view is null)
        {
            return ConfigEntries.NotFound("recipient", recipientId);
        }

        response.Headers.ETag = etag;
        return TypedResults.Ok(view);
    }

    public async Task<IResult> ChangeAsync(string recipientId, HttpContext context, CancellationToken cancellationToken)
    {
        if (ConfigEntries.IfMatch(context.Request) is not { } ifMatch)
        {
            return ConfigEntries.PreconditionRequired();
        }

        var (change, error) = await AdminRequests.ReadJsonAsync<SubscriptionChange>(context.Request, options.Value.MaxBodyBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var recipient = await store.GetAsync<RecipientEntry>(ConfigKind.Recipients, recipientId, cancellationToken);
        if (recipient is null)
        {
            return ConfigEntries.NotFound("recipient", recipientId);
        }

        var watchlists = Shown(recipient.Value, await store.ListAsync<WatchlistEntry>(ConfigKind.Watchlists, cancellationToken));
        var (wanted, wantError) = Wanted(change!, watchlists);
        if (wantError is not null)
        {
            return wantError;
        }

        if (ReadOnlyFieldError(change!, recipientId, recipient.Value) is { } readOnly)
        {
            return readOnly;
        }

        var newRecipient = Copy(recipient.Value);
        newRecipient.Channels = change!.Channels is { } channels && !SameSet(channels, recipient.Value.Channels ?? AvailableChannels(recipient.Value)) ? channels : recipient.Value.Channels;
        var errors = AdminRequests.CheckStrings(change);
        if (errors.Count == 0)
        {
            errors = SubscriptionPreferences.Apply(change, newRecipient);
        }

        if (errors.Count == 0)
        {
            var known = (await store.ListAsync<RecipientEntry>(ConfigKind.Recipients, cancellationToken)).Select(r => r.Id).ToList();
            errors = AdminRequests.Validate(EntryKinds.RecipientAmong(newRecipient, known), countries);
        }

        if (errors.Count > 0)
        {
            return AdminRequests.Invalid(errors);
        }

        if (ETagOf(recipient, watchlists) != ifMatch)
        {
            return ConfigEntries.Changed("subscription", recipientId);
        }

        try
        {
            if (ConfigEntries.Json(newRecipient) != ConfigEntries.Json(recipient.Value))
            {
                await store.ReplaceAsync(ConfigKind.Recipients, recipientId, newRecipient, recipient.ETag, cancellationToken);
                await audit.WriteAsync(context.User, "subscription", "recipient", recipientId, ConfigEntries.Json(recipient.Value), ConfigEntries.Json(newRecipient), cancellationToken);
            }

            foreach (var w in watchlists)
            {
                var has = w.Value.Recipients.Contains(recipientId);
                if (!wanted.TryGetValue(w.Id, out var want) || has == want)
                {
                    continue;
                }

                var before = ConfigEntries.Json(w.Value);
                w.Value.Recipients = has ? [.. w.Value.Recipients.Where(r => r != recipientId)] : [.. w.Value.Recipients, recipientId];
                await store.ReplaceAsync(ConfigKind.Watchlists, w.Id, w.Value, w.ETag, cancellationToken);
                await audit.WriteAsync(context.User, "subscription", "watchlist", w.Id, before, ConfigEntries.Json(w.Value), cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return ConfigEntries.Changed("subscription", recipientId);
        }

        return await GetAsync(recipientId, context.Response, cancellationToken);
    }

    public async Task<IResult> CreateLinkAsync(string recipientId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!links.IsConfigured)
        {
            return AdminRequests.Problem(StatusCodes.Status409Conflict, "Officer links are off", OfficerLinks.NoKeyDetail("officer links"));
        }

        if (!ConfigEntries.IsId(recipientId) || await store.GetAsync<RecipientEntry>(ConfigKind.Recipients, recipientId, cancellationToken) is null)
        {
            return ConfigEntries.NotFound("recipient", recipientId);
        }

        var (token, expires) = links.Create(recipientId);
        await audit.WriteAsync(user, "link", "recipient", recipientId, null, $"{{\"expires\":\"{expires:O}\"}}", cancellationToken);

        // The token rides in the fragment, which browsers never send to servers, so it stays out of access logs.
        return TypedResults.Ok(new OfficerLink(recipientId, token, "/console/subscription.html#link=" + token, expires));
    }

    private async Task<(SubscriptionView? View, string ETag)> LoadAsync(string recipientId, CancellationToken cancellationToken)
    {
        if (!ConfigEntries.IsId(recipientId) || await store.GetAsync<RecipientEntry>(ConfigKind.Recipients, recipientId, cancellationToken) is not { } recipient)
        {
            return (null, "");
        }

        var r = recipient.Value;
        var concerning = SubscriptionScopes.Concerning(r, await store.ListAsync<WatchlistEntry>(ConfigKind.Watchlists, cancellationToken), countries);
        var available = AvailableChannels(r);

        var view = new SubscriptionView(
            recipientId, r.Name ?? recipientId, r.Channels ?? available, available,
            [.. concerning.Select(c => new SubscriptionWatchlist(
                c.Watchlist.Id, c.Watchlist.Value.Name ?? c.Watchlist.Id, c.Watchlist.Value.Category, c.Watchlist.Value.Severity,
                c.Watchlist.Value.Recipients.Contains(recipientId), c.Concern.ToString().ToLowerInvariant()))],
            r.MinSeverity ?? "minor", r.QuietHours, r.Language ?? "en", r.TimeZone ?? "UTC");
        return (view, ETagOf(recipient, [.. concerning.Select(c => c.Watchlist)]));
    }

    /// <summary>The watchlists the recipient's page shows and may change: those that concern them.</summary>
    private List<StoredEntry<WatchlistEntry>> Shown(RecipientEntry recipient, IReadOnlyList<StoredEntry<WatchlistEntry>> watchlists) =>
        [.. SubscriptionScopes.Concerning(recipient, watchlists, countries).Select(c => c.Watchlist)];

    private static string ETagOf(StoredEntry<RecipientEntry> recipient, IReadOnlyList<StoredEntry<WatchlistEntry>> watchlists)
    {
        var text = recipient.ETag + "|" + string.Join("|", watchlists.OrderBy(w => w.Id, StringComparer.Ordinal).Select(w => w.Id + "=" + w.ETag));
        return "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32] + "\"";
    }

    private static bool SameSet(IEnumerable<string> a, IEnumerable<string> b) => a.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(b);

    /// <summary>A deep copy through the stored JSON shape, so every field (backup, quiet hours, admin, …) is kept.</summary>
    private static RecipientEntry Copy(RecipientEntry r) =>
        JsonSerializer.Deserialize<RecipientEntry>(JsonSerializer.Serialize(r, ConfigDocument.JsonOptions), ConfigDocument.JsonOptions)!;

    /// <summary>
    /// Watchlist id → subscribed, for the watchlists the change decides: every watchlist for a list of ids (the set
    /// wanted), the listed ones for the view's objects; none when the field is left out.
    /// </summary>
    private static (Dictionary<string, bool> Wanted, IResult? Error) Wanted(SubscriptionChange change, IReadOnlyList<StoredEntry<WatchlistEntry>> watchlists)
    {
        var wanted = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (change.Watchlists is not { } items)
        {
            return (wanted, null);
        }

        var ids = items.All(i => i.ValueKind == JsonValueKind.String);
        if (ids)
        {
            var set = items.Select(i => i.GetString()!).ToHashSet(StringComparer.Ordinal);
            foreach (var w in watchlists)
            {
                wanted[w.Id] = set.Contains(w.Id);
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            var (id, subscribed) = ids ? (items[i].GetString(), true) : WatchlistObject(items[i]);
            if (id is null)
            {
                return (wanted, AdminRequests.Invalid($"watchlists[{i}]", "must be a watchlist id, or {\"id\": …, \"subscribed\": true|false} (not a mix of both)"));
            }

            if (watchlists.All(w => w.Id != id))
            {
                return (wanted, AdminRequests.Invalid("watchlists", $"'{(id.Length > 64 ? id[..64] : id)}' is not a watchlist"));
            }

            wanted[id] = subscribed;
        }

        return (wanted, null);
    }

    /// <summary>A watchlist object of the view: its id and "subscribed"; its other fields are the watchlist's, shown only.</summary>
    private static (string? Id, bool Subscribed) WatchlistObject(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object
            && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            && item.TryGetProperty("subscribed", out var on) && on.ValueKind is JsonValueKind.True or JsonValueKind.False
            && item.EnumerateObject().All(p => p.Name is "id" or "subscribed" or "name" or "category" or "severity" or "concern")
            ? (id.GetString(), on.GetBoolean())
            : (null, false);

    /// <summary>The view's read-only fields may come back, unchanged; a changed one is refused rather than ignored.</summary>
    private static IResult? ReadOnlyFieldError(SubscriptionChange change, string recipientId, RecipientEntry stored)
    {
        if (change.RecipientId is { } id && id != recipientId)
        {
            return AdminRequests.Invalid("recipientId", "is read-only and differs from the recipient in the URL");
        }

        if (change.Name is { } name && name != (stored.Name ?? recipientId))
        {
            return AdminRequests.Invalid("name", "is read-only here; an admin changes it through /api/recipients");
        }

        if (change.TimeZone is { } zone && zone != (stored.TimeZone ?? "UTC"))
        {
            return AdminRequests.Invalid("timeZone", "is read-only here; an admin changes it through /api/recipients");
        }

        return change.AvailableChannels is { } available && !SameSet(available, AvailableChannels(stored))
            ? AdminRequests.Invalid("availableChannels", "is read-only: it follows the addresses an admin stored")
            : null;
    }

    private static List<string> AvailableChannels(RecipientEntry r) =>
        [.. (r.Phone is null ? Array.Empty<string>() : ["sms"]), .. (r.Email is null ? Array.Empty<string>() : ["email"])];
}
