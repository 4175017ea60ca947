using System.Text;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Storage;
using static NgoMonitor.Host.Alerts.OfficerPage;

namespace NgoMonitor.Host.Alerts;

/// <summary>
/// The acknowledgement page behind the short signed link of an alert's SMS and email (<see cref="AckLinks"/>):
/// - GET /a/{token}: the alert (severity, title, when on the officer's clock, every report with its link) and, while
///   unacknowledged, a confirm button; opening the page changes nothing, so a mail scanner that follows the link
///   does not acknowledge;
/// - POST /a/{token}: the button; acknowledges (<see cref="AlertAcknowledger"/>) and shows who acknowledged, when, how.
/// A token that does not verify gets a styled 403 page saying how else to acknowledge. Pages are not cached.
/// </summary>
public static class AckPages
{
    public static IEndpointRouteBuilder MapAckPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/a/{token}", ShowAsync);
        app.MapPost("/a/{token}", ConfirmAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ShowAsync(string token, string? via, HttpResponse response, AlertAcknowledger acknowledger, IConfigStore config, IIncidentStore incidents, CancellationToken cancellationToken)
    {
        response.Headers.CacheControl = "no-store";
        return await acknowledger.FindAsync(token, cancellationToken) is { } target
            ? await RenderAsync(target, via is "email" ? "email" : "sms", config, incidents, cancellationToken)
            : BadLink();
    }

    private static async Task<IResult> ConfirmAsync(string token, HttpRequest request, AlertAcknowledger acknowledger, IConfigStore config, IIncidentStore incidents, TimeProvider time, CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (await acknowledger.FindAsync(token, cancellationToken) is not { } found)
        {
            return BadLink(); // before reading any body
        }

        var via = await ViaAsync(request, cancellationToken);
        await acknowledger.AcknowledgeAsync(found, AckVia.FromLink(via), time.GetUtcNow(), cancellationToken);
        // Read again to show the acknowledgement as recorded (the first one, when someone acknowledged before).
        return await acknowledger.FindAsync(token, cancellationToken) is { } target
            ? await RenderAsync(target, via ?? "sms", config, incidents, cancellationToken)
            : BadLink();
    }

    /// <summary>The form's "via" (which message the link came in); null when the body is no readable form, which
    /// only loses that detail: the signed link is what authorises the acknowledgement.</summary>
    private static async Task<string?> ViaAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return request.HasFormContentType ? (await request.ReadFormAsync(cancellationToken))["via"].ToString() : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return null;
        }
    }

    private static IResult BadLink() => Problem(
        StatusCodes.Status403Forbidden,
        "This link does not work",
        "This acknowledgement link is not valid: it may have been cut short or changed, or the alert is no longer kept.",
        "Reply ACK and the 4-digit code of the alert to its SMS, or call your security focal point.");

    private static async Task<IResult> RenderAsync(AckTarget target, string via, IConfigStore config, IIncidentStore incidents, CancellationToken cancellationToken)
    {
        var recipients = (await config.LoadRulesAsync(cancellationToken)).Recipients.ToDictionary(r => r.Id, StringComparer.Ordinal);
        Recipient Who(string id) => recipients.GetValueOrDefault(id) ?? new Recipient(id, id, null, null, []);
        var reader = Who(target.RecipientId);
        var lead = target.Lead;
        var incident = lead.IncidentId is { } incidentId ? await incidents.FindAsync(incidentId, cancellationToken) : null;

        var body = new StringBuilder()
            .Append($"<p><span class=\"sev\">{E(lead.Severity.ToString())}</span></p>")
            .Append($"<p><strong>{E(incident?.Title ?? lead.Subject)}</strong></p>")
            .Append("<ul class=\"facts\">")
            .Append($"<li>Sent {E(MessageFacts.LocalTime(reader, lead.CreatedAt))}</li>")
            .Append(lead.AckCode is { } code ? $"<li>SMS code: ACK {E(code)}</li>" : "")
            .Append(incident?.PlaceName is { } place ? $"<li>Where: {E(place)}</li>" : "")
            .Append("</ul>");
        if (incident is { Sources.Count: > 0 })
        {
            body.Append("<h2>Reports</h2><ul class=\"facts\">");
            foreach (var s in incident.Sources)
            {
                var title = s.Link is { } link ? $"<a href=\"{E(link)}\" rel=\"noreferrer\">{E(s.Title)}</a>" : E(s.Title);
                body.Append($"<li>{E(s.FeedName)}: {title}{(s.Published is { } at ? $" <small>({E(MessageFacts.LocalTime(reader, at))})</small>" : "")}</li>");
            }

            body.Append("</ul>");
        }

        if (target.Acked is { FollowUp: { AckedAt: { } ackedAt } acked } ackedRow)
        {
            var by = Who(acked.AckedBy ?? ackedRow.RecipientId).Name;
            body.Append($"<div class=\"done\" role=\"status\"><p><strong>Acknowledged</strong> by {E(by)}, {E(MessageFacts.LocalTime(reader, ackedAt))}, {E(Wording(acked.AckedVia))}.</p></div>");
        }
        else
        {
            body.Append("<form method=\"post\">")
                .Append($"<input type=\"hidden\" name=\"via\" value=\"{E(via)}\">")
                .Append("<button type=\"submit\" class=\"primary\">Acknowledge this alert</button></form>")
                .Append("<p class=\"hint\">Acknowledging tells your security focal point you have seen this alert and stops it being escalated to your backup.</p>");
        }

        return Html(target.Acked is null ? "Acknowledge the alert" : "Alert acknowledged", body.ToString());
    }

    private static string Wording(string? via) => via switch
    {
        AckVia.SmsReply => "by SMS reply",
        AckVia.SmsLink => "from the SMS link",
        AckVia.EmailLink => "from the email link",
        _ => "from a link",
    };
}
