using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Host.Admin.Auth;

namespace NgoMonitor.Host.Admin;

public sealed record SubscriptionWatchlist(string Id, string Name, string? Category, string? Severity, bool Subscribed);

public sealed record SubscriptionView(string RecipientId, string Name, IReadOnlyList<string> Channels, IReadOnlyList<string> AvailableChannels, IReadOnlyList<SubscriptionWatchlist> Watchlists);

/// <summary>What an officer may change: the watchlists they receive and the channels they receive them on.</summary>
public sealed class SubscriptionChange
{
    public List<string> Watchlists { get; set; } = [];

    public List<string>? Channels { get; set; }
}

public sealed record OfficerLink(string RecipientId, string Token, string Url, DateTimeOffset Expires);

/// <summary>
/// A recipient's subscription: the watchlists that list them, and their channels. It spans several rows, so its
/// ETag is a hash of the rows' ETags: any change to the recipient or a watchlist makes an old If-Match fail (412).
/// </summary>
public sealed class Subscriptions(TableConfigEntries store, AuditLog audit, OfficerLinks links, IOptions<AdminApiOptions> options)
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

        var watchlists = await store.ListAsync<WatchlistEntry>(ConfigKind.Watchlists, cancellationToken);
        if (change!.Watchlists.FirstOrDefault(id => watchlists.All(w => w.Id != id)) is { } unknown)
        {
            return AdminRequests.Invalid("watchlists", $"'{(unknown.Length > 64 ? unknown[..64] : unknown)}' is not a watchlist");
        }

        var newRecipient = Copy(recipient.Value);
        newRecipient.Channels = change.Channels ?? recipient.Value.Channels;
        var errors = AdminRequests.CheckStrings(change);
        if (errors.Count == 0)
        {
            errors = AdminRequests.Validate(new ConfigDocument { Recipients = [newRecipient] });
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
            if (change.Channels is not null && !SameSet(change.Channels, recipient.Value.Channels ?? []))
            {
                await store.ReplaceAsync(ConfigKind.Recipients, recipientId, newRecipient, recipient.ETag, cancellationToken);
                await audit.WriteAsync(context.User, "subscription", "recipient", recipientId, ConfigEntries.Json(recipient.Value), ConfigEntries.Json(newRecipient), cancellationToken);
            }

            var wanted = change.Watchlists.ToHashSet(StringComparer.Ordinal);
            foreach (var w in watchlists)
            {
                var has = w.Value.Recipients.Contains(recipientId);
                if (has == wanted.Contains(w.Id))
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
            return AdminRequests.Problem(StatusCodes.Status409Conflict, "Officer links are off", "Set Admin:LinkSigningKey (32 characters or more) to create officer links.");
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

        var watchlists = await store.ListAsync<WatchlistEntry>(ConfigKind.Watchlists, cancellationToken);
        var r = recipient.Value;
        var available = new List<string>();
        if (r.Phone is not null)
        {
            available.Add("sms");
        }

        if (r.Email is not null)
        {
            available.Add("email");
        }

        var view = new SubscriptionView(
            recipientId, r.Name ?? recipientId, r.Channels ?? available, available,
            [.. watchlists.Select(w => new SubscriptionWatchlist(w.Id, w.Value.Name ?? w.Id, w.Value.Category, w.Value.Severity, w.Value.Recipients.Contains(recipientId)))]);
        return (view, ETagOf(recipient, watchlists));
    }

    private static string ETagOf(StoredEntry<RecipientEntry> recipient, IReadOnlyList<StoredEntry<WatchlistEntry>> watchlists)
    {
        var text = recipient.ETag + "|" + string.Join("|", watchlists.OrderBy(w => w.Id, StringComparer.Ordinal).Select(w => w.Id + "=" + w.ETag));
        return "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32] + "\"";
    }

    private static bool SameSet(IEnumerable<string> a, IEnumerable<string> b) => a.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(b);

    private static RecipientEntry Copy(RecipientEntry r) => new() { Id = r.Id, Name = r.Name, Phone = r.Phone, Email = r.Email, Channels = r.Channels, TimeZone = r.TimeZone };
}
