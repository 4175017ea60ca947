using System.Security.Cryptography;
using System.Text;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Core.Alerts;

/// <summary>An acknowledgement as recorded: which alert, who (a recipient id), how (<see cref="AckVia"/>) and when;
/// <paramref name="Already"/> when the alert had been acknowledged before (nothing was changed).</summary>
public sealed record Acknowledgement(string AlertId, string RecipientId, string Via, DateTimeOffset At, bool Already = false);

/// <summary>Port: where acknowledgements are journaled for admins (the audit log in the host).</summary>
public interface IAcknowledgementLog
{
    Task RecordAsync(Acknowledgement acknowledgement, CancellationToken cancellationToken);
}

/// <summary>What a signed acknowledgement link designates: the alert, the recipient it was sent to, and the alert's rows.</summary>
public sealed record AckTarget(string AlertId, string RecipientId, IReadOnlyList<OutboxMessage> Rows)
{
    /// <summary>The first acknowledgement of the alert, when there was one.</summary>
    public OutboxMessage? Acked => Rows.Where(r => r.FollowUp.AckedAt is not null).OrderBy(r => r.FollowUp.AckedAt).FirstOrDefault();

    /// <summary>The row sent to the link's recipient (their own message), else any row.</summary>
    public OutboxMessage Lead => Rows.FirstOrDefault(r => r.RecipientId == RecipientId && r.Channel == Channel.Email)
        ?? Rows.FirstOrDefault(r => r.RecipientId == RecipientId) ?? Rows[0];
}

/// <summary>
/// Acknowledgements: an officer replies "ACK 4821" by SMS (matched on the sender's number and the code, newest open
/// alert first) or opens the signed link of the SMS or email and presses the confirm button. Opening the link changes
/// nothing: a mail scanner that follows links must not silence escalation. Every row of the alert, and its escalation
/// copies, are marked with when, who and how, and the acknowledgement is journaled (<see cref="IAcknowledgementLog"/>).
/// </summary>
public sealed class AlertAcknowledger(IOutbox outbox, AlertsOptions options, IEnumerable<IAcknowledgementLog> logs)
{
    /// <summary>The acknowledged alert id, or null when the sender or code is unknown.</summary>
    public async Task<string?> AcknowledgeSmsAsync(IReadOnlyList<Recipient> recipients, string from, string body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (AckCodes.Parse(body) is not { } code)
        {
            return null;
        }

        foreach (var recipient in recipients.Where(r => r.Phone == from))
        {
            var rows = await outbox.FindByAckCodeAsync(recipient.Id, code, cancellationToken);
            if ((rows.FirstOrDefault(r => r.FollowUp.AckedAt is null) ?? (rows.Count > 0 ? rows[0] : null)) is { } row)
            {
                var alert = await outbox.GetAlertAsync(row.AlertId, cancellationToken);
                await AcknowledgeAsync(new AckTarget(row.AlertId, recipient.Id, alert), AckVia.SmsReply, now, cancellationToken);
                return row.AlertId;
            }
        }

        return null;
    }

    /// <summary>The alert a link token designates, when its signature verifies for one of the alert's recipients; else null.</summary>
    public async Task<AckTarget?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (AckLinks.AlertIdOf(token) is not { } alertId || string.IsNullOrEmpty(options.AckLinkKey))
        {
            return null;
        }

        var rows = await outbox.GetAlertAsync(alertId, cancellationToken);
        var recipient = rows.Select(r => r.RecipientId).Distinct(StringComparer.Ordinal).FirstOrDefault(r => AckLinks.Verify(options.AckLinkKey, r, token!));
        return recipient is null ? null : new AckTarget(alertId, recipient, rows);
    }

    /// <summary>The confirm button: acknowledges the link's alert; null when the token does not verify.</summary>
    public async Task<Acknowledgement?> AcknowledgeLinkAsync(string? token, string? via, DateTimeOffset now, CancellationToken cancellationToken) =>
        await FindAsync(token, cancellationToken) is { } target ? await AcknowledgeAsync(target, AckVia.FromLink(via), now, cancellationToken) : null;

    /// <summary>Acknowledges <paramref name="target"/>'s alert as its recipient, <paramref name="via"/> an
    /// <see cref="AckVia"/> value, using the rows the target holds; when the alert was acknowledged already, nothing is
    /// changed and the first acknowledgement is returned.</summary>
    public async Task<Acknowledgement> AcknowledgeAsync(AckTarget target, string via, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (target.Acked is { FollowUp: { AckedAt: { } at } first } acked)
        {
            return new Acknowledgement(target.AlertId, first.AckedBy ?? acked.RecipientId, first.AckedVia ?? "", at, Already: true);
        }

        foreach (var row in target.Rows)
        {
            await outbox.TryUpdateAsync(row with { FollowUp = row.FollowUp with { AckedAt = now, AckedBy = target.RecipientId, AckedVia = via } }, cancellationToken);
        }

        var acknowledgement = new Acknowledgement(target.AlertId, target.RecipientId, via, now);
        foreach (var log in logs)
        {
            await log.RecordAsync(acknowledgement, cancellationToken);
        }

        return acknowledgement;
    }
}

/// <summary>
/// Signed acknowledgement links, short enough for an SMS: {PublicBaseUrl}/a/{alert id}.{signature}, the signature being
/// the first 16 characters (96 bits) of Base64url(HMAC-SHA256(<see cref="AlertsOptions.AckLinkKey"/>, "recipient\nalert")).
/// The recipient is not in the link: the alert's rows name the few recipients it went to (the officer, a backup), and
/// the one whose signature verifies is the one acknowledging. Verified in constant time. "?via=sms|email" says which
/// message the link came in (recorded, not signed: it changes no permission).
/// </summary>
public static class AckLinks
{
    private const int SignatureLength = 16;

    public static string? Create(AlertsOptions options, string recipientId, string alertId, Channel channel) =>
        string.IsNullOrEmpty(options.PublicBaseUrl) || string.IsNullOrEmpty(options.AckLinkKey)
            ? null
            : $"{options.PublicBaseUrl.TrimEnd('/')}/a/{Token(options.AckLinkKey, recipientId, alertId)}{(channel == Channel.Email ? "?via=email" : "")}";

    private static string Token(string key, string recipientId, string alertId) => alertId + "." + Sign(key, recipientId, alertId);

    private static string Sign(string key, string recipientId, string alertId) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(recipientId + "\n" + alertId)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_')[..SignatureLength];

    /// <summary>The alert id of a well-formed token ("32 hex digits" or a digest id, a dot, the signature); else null.</summary>
    public static string? AlertIdOf(string? token)
    {
        var dot = token?.LastIndexOf('.') ?? -1;
        if (token is null || dot is < 1 or > 80 || token.Length - dot - 1 != SignatureLength)
        {
            return null;
        }

        var alertId = token[..dot];
        return alertId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? alertId : null;
    }

    public static bool Verify(string? key, string recipientId, string token) =>
        !string.IsNullOrEmpty(key) && AlertIdOf(token) is { } alertId
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Token(key, recipientId, alertId)), Encoding.ASCII.GetBytes(token));
}
