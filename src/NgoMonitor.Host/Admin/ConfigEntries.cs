using System.Security.Claims;
using System.Text.Json;
using Azure;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;

namespace NgoMonitor.Host.Admin;

/// <summary>How the API treats one kind of configuration entry: its table, id, how it is validated, and the id a
/// new entry sent without one takes (<paramref name="DefaultId"/>; null: the id is required), and how a valid entry
/// is put in its stored form (<paramref name="Normalise"/>; null: as sent).</summary>
public sealed record EntryKind<T>(ConfigKind Kind, string Name, Func<T, string> GetId, Action<T, string> SetId, Func<T, IReadOnlyCollection<string>, ConfigDocument> Wrap, Func<T, string?>? DefaultId = null,
    Action<T>? Normalise = null)
    where T : class;

/// <summary>The three kinds of entry the API edits.</summary>
public static class EntryKinds
{
    /// <summary>A feed sent without an id takes one derived from its URL (<see cref="FeedIds"/>).</summary>
    public static EntryKind<FeedEntry> Feeds { get; } = new(
        ConfigKind.Feeds, "feed", f => f.Id, (f, id) => f.Id = id, (f, _) => new ConfigDocument { Feeds = [f] },
        f => Uri.TryCreate(f.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? FeedIds.FromUrl(url) : null);

    /// <summary>A recipient is validated against the other stored recipients: its backup must be one of them. Its phone
    /// is stored as E.164 however it was typed (valid, so it converts): "0812345678" with country CD → "+243812345678".</summary>
    public static EntryKind<RecipientEntry> Recipients { get; } = new(ConfigKind.Recipients, "recipient", r => r.Id, (r, id) => r.Id = id, RecipientAmong,
        Normalise: r => r.Phone = r.Phone is { } phone ? NgoMonitor.Adapters.Alerts.Phones.ToE164(phone, r.Country) : null);

    /// <summary>One recipient and, as id-only stand-ins, the others it may name as backup.</summary>
    public static ConfigDocument RecipientAmong(RecipientEntry recipient, IReadOnlyCollection<string> known) =>
        new() { Recipients = [recipient, .. known.Where(id => id != recipient.Id).Select(id => new RecipientEntry { Id = id })] };

    /// <summary>A watchlist is validated against the stored recipients: it may name only recipients that exist.</summary>
    public static EntryKind<WatchlistEntry> Watchlists { get; } = new(
        ConfigKind.Watchlists, "watchlist", w => w.Id, (w, id) => w.Id = id,
        (w, known) => new ConfigDocument { Watchlists = [w], Recipients = [.. known.Select(id => new RecipientEntry { Id = id })] });
}

/// <summary>
/// CRUD over feeds, watchlists and recipients with optimistic concurrency (ETag / If-Match, RFC 9110 §13.1.1) and an
/// audit row per change. Creating needs no If-Match (409 when the id exists); replacing and deleting require it
/// (428 without, 412 when someone changed the entry since it was read).
/// </summary>
public sealed class ConfigEntries(TableConfigEntries store, AuditLog audit, ICountryOutlines countries, Microsoft.Extensions.Options.IOptions<AdminApiOptions> options)
{
    public async Task<IResult> ListAsync<T>(EntryKind<T> kind, CancellationToken cancellationToken) where T : class =>
        TypedResults.Ok((await store.ListAsync<T>(kind.Kind, cancellationToken)).Select(e => e.Value).ToList());

    public async Task<IResult> GetAsync<T>(EntryKind<T> kind, string id, HttpResponse response, CancellationToken cancellationToken) where T : class
    {
        if (!IsId(id) || await store.GetAsync<T>(kind.Kind, id, cancellationToken) is not { } found)
        {
            return NotFound(kind.Name, id);
        }

        response.Headers.ETag = found.ETag;
        return TypedResults.Ok(found.Value);
    }

    public async Task<IResult> CreateAsync<T>(EntryKind<T> kind, HttpContext context, CancellationToken cancellationToken) where T : class
    {
        var (entry, error) = await ReadValidAsync(kind, context.Request, routeId: null, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var id = kind.GetId(entry!);
        try
        {
            var etag = await store.AddAsync(kind.Kind, id, entry!, cancellationToken);
            await audit.WriteAsync(context.User, "create", kind.Name, id, null, Json(entry), cancellationToken);
            context.Response.Headers.ETag = etag;
            return TypedResults.Created($"/api/{kind.Kind.ToString().ToLowerInvariant()}/{id}", entry);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return AdminRequests.Problem(StatusCodes.Status409Conflict, $"The {kind.Name} exists", $"A {kind.Name} with id '{id}' exists; PUT to change it.");
        }
    }

    public async Task<IResult> ReplaceAsync<T>(EntryKind<T> kind, string id, HttpContext context, CancellationToken cancellationToken) where T : class
    {
        if (!IsId(id))
        {
            return NotFound(kind.Name, id);
        }

        if (IfMatch(context.Request) is not { } ifMatch)
        {
            return PreconditionRequired();
        }

        var (entry, error) = await ReadValidAsync(kind, context.Request, id, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var before = await store.GetAsync<T>(kind.Kind, id, cancellationToken);
        if (before is null)
        {
            return NotFound(kind.Name, id);
        }

        try
        {
            var etag = await store.ReplaceAsync(kind.Kind, id, entry!, ifMatch, cancellationToken);
            await audit.WriteAsync(context.User, "replace", kind.Name, id, Json(before.Value), Json(entry), cancellationToken);
            context.Response.Headers.ETag = etag;
            return TypedResults.Ok(entry);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 400)
        {
            return Changed(kind.Name, id);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return NotFound(kind.Name, id);
        }
    }

    public async Task<IResult> DeleteAsync<T>(EntryKind<T> kind, string id, HttpContext context, CancellationToken cancellationToken) where T : class
    {
        if (!IsId(id) || await store.GetAsync<T>(kind.Kind, id, cancellationToken) is not { } before)
        {
            return NotFound(kind.Name, id);
        }

        if (IfMatch(context.Request) is not { } ifMatch)
        {
            return PreconditionRequired();
        }

        if (kind.Kind == ConfigKind.Recipients)
        {
            var users = (await store.ListAsync<WatchlistEntry>(ConfigKind.Watchlists, cancellationToken)).Where(w => w.Value.Recipients.Contains(id)).Select(w => w.Id).ToList();
            if (users.Count > 0)
            {
                return AdminRequests.Problem(StatusCodes.Status409Conflict, "The recipient is in use", $"Remove '{id}' from these watchlists first: {string.Join(", ", users)}.");
            }
        }

        try
        {
            await store.DeleteAsync(kind.Kind, id, ifMatch, cancellationToken);
            await audit.WriteAsync(context.User, "delete", kind.Name, id, Json(before.Value), null, cancellationToken);
            return TypedResults.NoContent();
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 400)
        {
            return Changed(kind.Name, id);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return NotFound(kind.Name, id);
        }
    }

    /// <summary>Reads and validates an entry: JSON shape, the API's string limits, then the config loader's rules.</summary>
    public async Task<(T? Entry, IResult? Error)> ReadValidAsync<T>(EntryKind<T> kind, HttpRequest request, string? routeId, CancellationToken cancellationToken) where T : class
    {
        var (entry, error) = await AdminRequests.ReadJsonAsync<T>(request, options.Value.MaxBodyBytes, cancellationToken);
        if (error is not null)
        {
            return (null, error);
        }

        if (routeId is not null)
        {
            var bodyId = kind.GetId(entry!);
            if (!string.IsNullOrEmpty(bodyId) && bodyId != routeId)
            {
                return (null, AdminRequests.Invalid("id", $"'{bodyId}' differs from the id in the URL"));
            }

            kind.SetId(entry!, routeId);
        }
        else if (string.IsNullOrEmpty(kind.GetId(entry!)) && kind.DefaultId?.Invoke(entry!) is { } derived)
        {
            kind.SetId(entry!, derived);
        }

        var errors = await ValidateAsync(kind, entry!, cancellationToken);
        if (errors.Count == 0)
        {
            kind.Normalise?.Invoke(entry!);
        }

        return errors.Count > 0 ? (null, RuleSyntaxProblems.Invalid(errors, entry)) : (entry, null);
    }

    public async Task<Dictionary<string, string[]>> ValidateAsync<T>(EntryKind<T> kind, T entry, CancellationToken cancellationToken) where T : class
    {
        var errors = AdminRequests.CheckStrings(entry);
        if (errors.Count > 0)
        {
            return errors;
        }

        IReadOnlyCollection<string> known = kind.Kind is ConfigKind.Watchlists or ConfigKind.Recipients
            ? [.. (await store.ListAsync<RecipientEntry>(ConfigKind.Recipients, cancellationToken)).Select(r => r.Id)]
            : [];
        return AdminRequests.Validate(kind.Wrap(entry, known), kind.Kind == ConfigKind.Watchlists ? countries : null);
    }

    public static string? IfMatch(HttpRequest request) => request.Headers.IfMatch.ToString() is { Length: > 0 and < 200 } value ? value : null;

    public static bool IsId(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, ConfigDocument.JsonOptions);

    public static IResult NotFound(string kind, string id) =>
        AdminRequests.Problem(StatusCodes.Status404NotFound, $"No such {kind}", $"There is no {kind} with id '{(id.Length > 64 ? id[..64] + "…" : id)}'.");

    public static IResult PreconditionRequired() =>
        AdminRequests.Problem(StatusCodes.Status428PreconditionRequired, "If-Match required", "Send the ETag you read in If-Match, so a concurrent change is not overwritten (RFC 6585 §3).");

    public static IResult Changed(string kind, string id) =>
        AdminRequests.Problem(StatusCodes.Status412PreconditionFailed, $"The {kind} changed", $"Someone changed '{id}' since you read it; reload and apply your change again.");
}
