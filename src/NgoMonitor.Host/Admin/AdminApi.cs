using System.Globalization;
using System.Text.Json;
using NgoMonitor.Core.Storage;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json.Nodes;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Queues;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Geo.Fences;
using NgoMonitor.Host.Admin.Auth;

namespace NgoMonitor.Host.Admin;

/// <summary>
/// The admin API: the whole route table in one place. JSON in and out, errors as RFC 7807
/// problem details naming the bad field, ETag / If-Match on every entry (RFC 9110 §13.1.1). Roles: admin writes,
/// viewer reads, an officer link reads and changes one recipient's subscription (and reads that recipient's alerts).
/// Example calls: admin-api.http beside this file; reference: docs/admin-api.md.
/// </summary>
public static class AdminApi
{
    public static TApp MapAdminApi<TApp>(this TApp app) where TApp : IApplicationBuilder, IEndpointRouteBuilder
    {
        // Problem details for every error of the API, including the empty-bodied 4xx answers of routing and binding,
        // and a problem (never a stack trace) for an unexpected exception.
        app.UseResponseCompression();
        app.UseWhen(IsApi, branch =>
        {
            branch.UseExceptionHandler();
            branch.UseStatusCodePages();
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.Use((context, next) =>
        {
            // "/console" → "/console/" so the page's relative links resolve (routing would treat both alike).
            if (context.Request.Path.Value == "/console")
            {
                context.Response.Redirect("/console/");
                return Task.CompletedTask;
            }

            return next(context);
        });

        // Policies add up (all must pass): "any" lets officers in, "read" below narrows to admin and viewer, and
        // "write" to admin. Officers reach only /me, their subscription and their alerts.
        var anyone = app.MapGroup("/api").RequireAuthorization(MonitorRoles.AnyPolicy).RequireRateLimiting(AdminRateLimits.PerCaller);
        var api = anyone.MapGroup("").RequireAuthorization(MonitorRoles.ReadPolicy);

        anyone.MapGet("/me", Me);

        MapEntries(api, "/feeds", EntryKinds.Feeds);
        api.MapGet("/feeds/health", async (AdminQueries q, CancellationToken ct) => TypedResults.Ok(await q.FeedHealthAsync(ct)));
        api.MapPost("/import/opml", (Imports i, HttpContext c, CancellationToken ct) => i.OpmlAsync(c, ct)).RequireAuthorization(MonitorRoles.WritePolicy);
        FeedTools.Map(api);

        MapEntries(api, "/watchlists", EntryKinds.Watchlists);
        api.MapPost("/watchlists/validate", ValidateWatchlist).RequireAuthorization(MonitorRoles.WritePolicy);
        api.MapPost("/watchlists/preview", (RulePreview p, HttpRequest r, CancellationToken ct) => p.RunAsync(r, ct)).RequireAuthorization(MonitorRoles.WritePolicy).RequireRateLimiting(AdminRateLimits.Preview);
        api.MapPost("/watchlists/{id}/geofences", (string id, Imports i, HttpContext c, CancellationToken ct) => i.GeofencesAsync(id, c, ct)).RequireAuthorization(MonitorRoles.WritePolicy);
        api.MapGet("/watchlists/{id}/geofences", (string id, Imports i, CancellationToken ct) => i.ExportGeofencesAsync(id, ct));
        api.MapGet("/packs", () => TypedResults.Ok(PackCatalog.List()));
        api.MapGet("/countries", (ICountryOutlines c) => TypedResults.Ok(c.List()));
        api.MapGet("/countries/{code}", Country);
        PlacesApi.Map(api);

        MapEntries(api, "/recipients", EntryKinds.Recipients);
        api.MapGet("/config/problems", async (TableConfigStore store, CancellationToken ct) => TypedResults.Ok(new ConfigProblemsView(await store.ProblemsAsync(ct))));

        var subscriptions = anyone.MapGroup("/subscriptions/{recipientId}");
        subscriptions.MapGet("", (string recipientId, Subscriptions s, HttpContext c, CancellationToken ct) =>
            MonitorRoles.MayManageSubscription(c.User, recipientId, write: false) ? s.GetAsync(recipientId, c.Response, ct) : Forbidden());
        subscriptions.MapPut("", (string recipientId, Subscriptions s, HttpContext c, CancellationToken ct) =>
            MonitorRoles.MayManageSubscription(c.User, recipientId, write: true) ? s.ChangeAsync(recipientId, c, ct) : Forbidden());
        subscriptions.MapPost("/link", (string recipientId, Subscriptions s, ClaimsPrincipal user, CancellationToken ct) => s.CreateLinkAsync(recipientId, user, ct))
            .RequireAuthorization(MonitorRoles.WritePolicy);

        api.MapGet("/items", (AdminQueries q, string? feed, int? top, string? page, CancellationToken ct) =>
            Paged(top, page, () => q.ItemsAsync(feed, top ?? 25, page, ct)));
        api.MapGet("/matches", (AdminQueries q, string? watchlist, string? item, int? top, string? page, CancellationToken ct) =>
            Paged(top, page, () => q.MatchesAsync(watchlist, item, top ?? 25, page, ct)));
        anyone.MapGet("/alerts", (AdminQueries q, ClaimsPrincipal user, string? recipient, string? status, int? top, string? page, CancellationToken ct) =>
            user.IsInRole(MonitorRoles.Officer) && !MonitorRoles.MayManageSubscription(user, recipient ?? "", write: false)
                ? Forbidden()
                : Paged(top, page, () => q.AlertsAsync(recipient, status, top ?? 25, page, ct)));
        api.MapGet("/incidents/{id}", async (string id, AdminQueries q, CancellationToken ct) => await q.IncidentAsync(id, ct) is { } incident
            ? Results.Ok(incident)
            : AdminRequests.Problem(StatusCodes.Status404NotFound, "No such incident", "No incident has this id (alerts name theirs in incidentId)."));
        api.MapPost("/cap/link", (NgoMonitor.Host.Alerts.CapFeedAccess cap, ClaimsPrincipal user, AuditLog audit, CancellationToken ct) => CapLinkAsync(cap, user, audit, ct))
            .RequireAuthorization(MonitorRoles.WritePolicy);
        api.MapGet("/sms-blocks", async (IRecipientStateStore states, CancellationToken ct) => TypedResults.Ok(await states.ListSmsBlocksAsync(ct)));
        api.MapPost("/sms-blocks/{recipientId}/clear", ClearSmsBlockAsync).RequireAuthorization(MonitorRoles.WritePolicy);
        api.MapGet("/admin/poison", async (StorageQueues queues, CancellationToken ct) =>
            TypedResults.Ok((await queues.PeekPoisonAsync(ct)).Select(m => new PoisonMessage(m.Queue, m.Id, m.InsertedOn, m.Body)).ToList()));
        api.MapGet("/audit", (AdminQueries q, int? top, string? page, CancellationToken ct) =>
            Paged(top, page, () => q.AuditAsync(top ?? 25, page, ct)));

        return app;
    }

    /// <summary>Lifts a recipient's SMS block (the number was fixed, or they re-subscribed): their SMS alerts resume.</summary>
    private static async Task<IResult> ClearSmsBlockAsync(string recipientId, IRecipientStateStore states, AuditLog audit, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!ConfigEntries.IsId(recipientId) || !await states.ClearSmsBlockAsync(recipientId, ct))
        {
            return AdminRequests.Problem(StatusCodes.Status404NotFound, "No SMS block", $"SMS to '{(recipientId.Length > 64 ? recipientId[..64] : recipientId)}' is not blocked.");
        }

        await audit.WriteAsync(user, "clear-sms-block", "recipient", recipientId, null, null, ct);
        return TypedResults.NoContent();
    }

    /// <summary>A signed, expiring URL of the CAP feed for a feed reader (which cannot send an API key); audited.</summary>
    private static async Task<IResult> CapLinkAsync(NgoMonitor.Host.Alerts.CapFeedAccess cap, ClaimsPrincipal user, AuditLog audit, CancellationToken ct)
    {
        if (cap.Create() is not { } link)
        {
            return AdminRequests.Problem(StatusCodes.Status409Conflict, "No signing key", OfficerLinks.NoKeyDetail("signed feed URLs"));
        }

        await audit.WriteAsync(user, "cap-link", "cap-feed", "alerts.atom", null, JsonSerializer.Serialize(new { expires = link.Expires.ToString("O", CultureInfo.InvariantCulture) }), ct);
        return TypedResults.Ok(link);
    }

    private static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>List, read, create, replace, delete: the same five routes for feeds, watchlists and recipients.</summary>
    private static void MapEntries<T>(RouteGroupBuilder api, string path, EntryKind<T> kind) where T : class
    {
        api.MapGet(path, (ConfigEntries e, CancellationToken ct) => e.ListAsync(kind, ct));
        api.MapGet(path + "/{id}", (string id, ConfigEntries e, HttpResponse r, CancellationToken ct) => e.GetAsync(kind, id, r, ct));
        api.MapPost(path, (ConfigEntries e, HttpContext c, CancellationToken ct) => e.CreateAsync(kind, c, ct)).RequireAuthorization(MonitorRoles.WritePolicy);
        api.MapPut(path + "/{id}", (string id, ConfigEntries e, HttpContext c, CancellationToken ct) => e.ReplaceAsync(kind, id, c, ct)).RequireAuthorization(MonitorRoles.WritePolicy);
        api.MapDelete(path + "/{id}", (string id, ConfigEntries e, HttpContext c, CancellationToken ct) => e.DeleteAsync(kind, id, c, ct)).RequireAuthorization(MonitorRoles.WritePolicy);
    }

    private static Ok<Me> Me(ClaimsPrincipal user) => TypedResults.Ok(new Me(
        user.Identity?.Name ?? "",
        user.FindFirstValue(ClaimTypes.Role) ?? "",
        user.FindFirstValue(ClaimTypes.AuthenticationMethod) ?? "",
        user.FindFirstValue(MonitorRoles.RecipientClaim)));

    /// <summary>A country's outline (the one country fences match against) as a GeoJSON Feature, for the console's map.</summary>
    private static IResult Country(string code, ICountryOutlines countries) => countries.Find(code) is { } country
        ? TypedResults.Text(
            new JsonObject
            {
                ["type"] = "Feature",
                ["id"] = country.Code,
                ["properties"] = new JsonObject { ["code"] = country.Code, ["name"] = country.Name },
                ["geometry"] = FenceGeoJson.ToGeoJson(country.Outline),
            }.ToJsonString(),
            "application/geo+json",
            System.Text.Encoding.UTF8)
        : AdminRequests.Problem(StatusCodes.Status404NotFound, "No such country", "Give an ISO 3166-1 alpha-2 or alpha-3 code of a country with an outline (GET /api/countries lists them).");

    private static async Task<IResult> ValidateWatchlist(ConfigEntries entries, HttpRequest request, CancellationToken ct)
    {
        var (entry, error) = await entries.ReadValidAsync(EntryKinds.Watchlists, request, routeId: null, ct);
        return error ?? TypedResults.Ok(entry);
    }

    private static async Task<IResult> Paged<T>(int? top, string? page, Func<Task<Page<T>>> query)
    {
        if (Paging.Check(top, page) is { } invalid)
        {
            return invalid;
        }

        try
        {
            return TypedResults.Ok(await query());
        }
        catch (Exception ex) when (Paging.IsBadToken(ex))
        {
            return AdminRequests.Invalid("page", "is not a page token from this API");
        }
    }

    private static Task<IResult> Forbidden() =>
        Task.FromResult<IResult>(AdminRequests.Problem(StatusCodes.Status403Forbidden, "Forbidden", "This link or role does not cover that recipient."));
}

/// <summary>Who the caller is: name, role (admin, viewer, officer), how they signed in, and an officer's recipient.</summary>
public sealed record Me(string Name, string Role, string Method, string? RecipientId);

/// <summary>
/// A message the queues gave up on (delivered maxDequeueCount times without success), read-only: the poison queue
/// it sits in, its id, when it was first enqueued there, and its JSON content (feed definitions or outbox row keys;
/// no addresses).
/// </summary>
public sealed record PoisonMessage(string Queue, string Id, DateTimeOffset? InsertedOn, string Body);
