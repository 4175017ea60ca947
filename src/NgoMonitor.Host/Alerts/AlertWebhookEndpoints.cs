using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Alerts;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Storage;
using NgoMonitor.Host.Admin;
using NgoMonitor.Host.Telemetry;
using Twilio.TwiML;

namespace NgoMonitor.Host.Alerts;

/// <summary>
/// The alerting webhooks and feed. Twilio's callbacks authenticate by X-Twilio-Signature only (checked before anything
/// is read or written; 403 otherwise); the acknowledgement page by its link's HMAC signature (<see cref="AckPages"/>);
/// the CAP feed is read-only.
/// - POST /twilio/status: StatusCallback (MessageSid, MessageStatus, ErrorCode): records the delivery status on the row.
/// - POST /twilio/inbound: incoming SMS; "ACK 4821" acknowledges the sender's alert; Twilio's opt-out keywords
///   (<see cref="TwilioKeywords"/>) block or unblock the sender's SMS; answers TwiML.
/// - GET and POST /a/{token}: the acknowledgement page of the signed link in alert SMS and emails.
/// - GET /cap/alerts.atom: recent alerts as Atom entries carrying CAP 1.2 documents, for an API key or a signed feed
///   URL unless an admin made it public (<see cref="CapFeedAccess"/>).
/// </summary>
public static class AlertWebhookEndpoints
{
    /// <summary>Twilio's StatusCallback route (set <see cref="TwilioOptions.StatusCallbackUrl"/> to its public URL).</summary>
    public const string StatusPath = "/twilio/status";

    private const string LogCategory = "NgoMonitor.Alerts.Webhooks";

    public static IEndpointRouteBuilder MapAlertWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost(StatusPath, StatusAsync).DisableAntiforgery();
        app.MapPost("/twilio/inbound", InboundAsync).DisableAntiforgery();
        app.MapAckPages();
        app.MapGet(CapFeedAccess.Path, CapAsync);
        return app;
    }

    private static async Task<IResult> StatusAsync(HttpRequest request, TwilioSignature signature, IOptions<TwilioOptions> twilio, IOutbox outbox, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var logger = logs.CreateLogger(LogCategory);
        if (await SignedFormAsync(request, signature, twilio.Value, logger, cancellationToken) is not { } form)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var sid = Value(form, "MessageSid");
        var status = Value(form, "MessageStatus");
        if (sid is null || status is null)
        {
            return Results.BadRequest();
        }

        // Callbacks may arrive out of order (Twilio docs): a state is recorded only when it moves the message forward.
        var error = Value(form, "ErrorCode");
        if (await outbox.FindByProviderIdAsync(sid, cancellationToken) is { } row && row.Delivery.Reported(status, error is null ? null : "Twilio " + error + " (delivery)") is { } reported)
        {
            await outbox.TryUpdateAsync(row with { Delivery = reported }, cancellationToken);
            logger.TwilioStatus(status, sid);
        }

        return Results.NoContent();
    }

    private static async Task<IResult> InboundAsync(HttpRequest request, TwilioSignature signature, IOptions<TwilioOptions> twilio, IConfigStore config, IRecipientStateStore recipientStates, AlertAcknowledger acknowledger, TimeProvider time, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (await SignedFormAsync(request, signature, twilio.Value, logs.CreateLogger(LogCategory), cancellationToken) is not { } form)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var recipients = (await config.LoadAsync(cancellationToken)).Recipients;
        if (TwilioKeywords.Classify(Value(form, "Body")) is { } keyword)
        {
            await TwilioKeywords.ApplyAsync(keyword, recipients, Value(form, "From") ?? "", recipientStates, time.GetUtcNow(), cancellationToken);

            // Twilio itself answers its opt-out keywords (and blocks the number on STOP): a second reply would be noise.
            return TwiML(new MessagingResponse());
        }

        var acked = await acknowledger.AcknowledgeSmsAsync(recipients, Value(form, "From") ?? "", Value(form, "Body") ?? "", time.GetUtcNow(), cancellationToken);
        var reply = acked is null ? "Not understood. Reply ACK and the 4-digit code of the alert." : "Acknowledged. Thank you.";
        return TwiML(new MessagingResponse().Message(reply));
    }

    /// <summary>The answer to an inbound SMS as TwiML, written by the Twilio SDK.</summary>
    private static IResult TwiML(MessagingResponse response) =>
        Results.Text(response.ToString(System.Xml.Linq.SaveOptions.DisableFormatting), "text/xml", System.Text.Encoding.UTF8);
    /// <summary>
    /// The feed's self link and CAP sender come from configuration (Alerts:PublicBaseUrl, else Monitor's local default
    /// address), never from the request's Host header, which any client sets: a cached or relayed copy of the feed
    /// must not name a sender the caller chose.
    /// </summary>
    private static async Task<IResult> CapAsync(string? feed, HttpContext context, CapFeedAccess access, IIncidentStore incidents, TimeProvider time, AlertsOptions alerts, CancellationToken cancellationToken)
    {
        if (!access.MayRead(context.User, feed))
        {
            context.Response.Headers.CacheControl = "no-store";
            return AdminRequests.Problem(StatusCodes.Status401Unauthorized, "The CAP feed needs a key",
                "Send an admin or viewer API key (X-Api-Key), or use a signed feed URL from POST /api/cap/link; an admin may make the feed public (Alerts:CapFeedPublic).");
        }

        var now = time.GetUtcNow();
        var recent = await incidents.GetSinceAsync(now - TimeSpan.FromDays(7), cancellationToken);
        var publicBase = Uri.TryCreate(alerts.PublicBaseUrl, UriKind.Absolute, out var configured) ? configured : new Uri(MonitorApp.DefaultStandaloneUrl);
        var self = new Uri(publicBase, CapFeedAccess.Path);
        var atom = CapFeed.Build(recent, self.Host, self, now);
        return Results.Text(atom.Declaration + atom.ToString(System.Xml.Linq.SaveOptions.DisableFormatting), "application/atom+xml; charset=utf-8");
    }

    /// <summary>
    /// The form, when X-Twilio-Signature (checked by the Twilio SDK's request validator, <see cref="TwilioSignature"/>)
    /// signs it and the URL Twilio called; otherwise null, logged.
    /// </summary>
    private static async Task<List<KeyValuePair<string, string>>?> SignedFormAsync(HttpRequest request, TwilioSignature signature, TwilioOptions twilio, ILogger logger, CancellationToken cancellationToken)
    {
        var form = request.HasFormContentType
            ? (await request.ReadFormAsync(cancellationToken)).SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))).ToList()
            : null;
        if (form is null || !signature.IsValid(CalledUrl(request, twilio), form, request.Headers["X-Twilio-Signature"].ToString()))
        {
            logger.TwilioSignatureRefused(request.Path);
            return null;
        }

        return form;
    }

    /// <summary>
    /// The URL Twilio called and signed: for the status callback the configured <see cref="TwilioOptions.StatusCallbackUrl"/>
    /// (sent with every message, so it is exactly what Twilio calls); otherwise the configured public base plus path and
    /// query, or this request's own URL.
    /// </summary>
    private static Uri CalledUrl(HttpRequest request, TwilioOptions twilio) =>
        request.Path == StatusPath && twilio.StatusCallbackUrl is { } callback ? callback
        : twilio.WebhookBaseUrl is { } publicBase ? new Uri(publicBase, request.PathBase + request.Path + request.QueryString)
        : new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}");

    private static string? Value(List<KeyValuePair<string, string>> form, string name) =>
        form.FirstOrDefault(f => f.Key == name) is { Value: { Length: > 0 } value } ? value : null;
}
