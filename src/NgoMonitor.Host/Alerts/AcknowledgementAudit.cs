using System.Text.Json;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Host.Admin;

namespace NgoMonitor.Host.Alerts;

/// <summary>
/// Acknowledgements in the audit log, beside configuration changes: actor "{how}:{recipient id}" (e.g.
/// "email-link:azaz-officer"), action "acknowledge", kind "alert", the alert id, and after = {"by","via","at"}.
/// </summary>
public sealed class AcknowledgementAudit(AuditLog audit) : IAcknowledgementLog
{
    public Task RecordAsync(Acknowledgement acknowledgement, CancellationToken cancellationToken) =>
        audit.WriteAsync(
            acknowledgement.Via + ":" + acknowledgement.RecipientId,
            "acknowledge",
            "alert",
            acknowledgement.AlertId,
            null,
            JsonSerializer.Serialize(new { by = acknowledgement.RecipientId, via = acknowledgement.Via, at = acknowledgement.At }),
            cancellationToken);
}
