using System.Globalization;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Core.Alerts;

/// <summary>
/// What happens to a recipient whose SMS number the provider refused for good (Twilio 21211 invalid, 21610 replied
/// STOP, 21614/21635 not SMS-capable), or who replied STOP: their alerts go by email when they have one, else to
/// their backup (<see cref="Redirect"/>); and admins are told once, by the timer, with the way to clear it
/// (<see cref="AdminMessages"/>). Nothing is dropped in silence.
/// </summary>
public static class SmsBlockNotice
{
    /// <summary>The admin API action that lifts a block, named in the admins' message.</summary>
    public static string ClearAction(string recipientId) => $"POST /api/sms-blocks/{recipientId}/clear";

    /// <summary>
    /// An alert's messages for its backup, when the recipient's SMS is blocked and no other channel of theirs is left:
    /// the backup's own channels, the subject and text saying on whose behalf and why.
    /// </summary>
    public static IReadOnlyList<OutboxMessage> Redirect(IReadOnlyList<OutboxMessage> backupMessages, Recipient blocked) =>
        [.. backupMessages.Select(m => m with
        {
            Id = m.Id + "-for-" + blocked.Id,
            Subject = $"For {blocked.Name} (SMS number blocked): " + m.Subject,
            Text = $"For {blocked.Name} (SMS number blocked): " + m.Text,
        })];

    /// <summary>One message per admin and channel (deterministic ids: telling admins twice adds nothing).</summary>
    public static IReadOnlyList<OutboxMessage> AdminMessages(SmsBlock block, Recipient? blocked, Recipient? backup, IReadOnlyList<Recipient> admins, DateTimeOffset now)
    {
        var name = blocked?.Name ?? block.RecipientId;
        var number = blocked?.Phone is { } phone ? Redact.Address(Channel.Sms, phone) : "their number";
        var route = blocked?.Email is not null ? "by email" : backup is not null ? $"to their backup {backup.Name}" : "nowhere: they have no email and no backup";
        var subject = $"Monitor: SMS to {name} blocked";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"SMS to {name} ({number}) cannot be delivered since {block.Since ?? now:u}: {block.Reason}. Their alerts go {route}. Once the number is fixed or they replied START, clear it: {ClearAction(block.RecipientId)}.");
        var alertId = ItemIdentity.Hash(string.Create(CultureInfo.InvariantCulture, $"sms-blocked|{block.RecipientId}|{(block.Since ?? now).UtcTicks}"));
        return AdminNotice.Messages(admins, alertId, subject, text, "sms-blocked:" + block.RecipientId, now,
            skip: (admin, channel) => channel == Channel.Sms && admin.Id == block.RecipientId);
    }
}
