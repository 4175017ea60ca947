using System.Globalization;
using System.Security.Claims;
using Azure.Data.Tables;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Host.Admin.Auth;

namespace NgoMonitor.Host.Admin;

/// <summary>One configuration change or acknowledgement: who, when, what, and the entry before and after (JSON; null when absent).</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Kind, string EntityId, string? Before, string? After);

/// <summary>
/// The Audit table: PartitionKey "audit", RowKey the inverted timestamp ticks plus a random suffix, so a plain
/// query returns the newest change first and two changes in one tick never collide.
/// </summary>
public sealed class AuditLog(MonitorTables tables, TimeProvider time)
{
    private const string Partition = "audit";

    public Task WriteAsync(ClaimsPrincipal user, string action, string kind, string entityId, string? before, string? after, CancellationToken cancellationToken) =>
        WriteAsync(MonitorRoles.Actor(user), action, kind, entityId, before, after, cancellationToken);

    /// <param name="actor">"method:name" as <see cref="MonitorRoles.Actor"/> writes it ("sms-reply:azaz-officer" for an acknowledgement).</param>
    public async Task WriteAsync(string actor, string action, string kind, string entityId, string? before, string? after, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var at = time.GetUtcNow();
        var rowKey = (DateTimeOffset.MaxValue.Ticks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var entity = new TableEntity(Partition, rowKey)
        {
            ["At"] = at,
            ["Actor"] = actor,
            ["Action"] = action,
            ["Kind"] = kind,
            ["EntityId"] = entityId,
            ["Before"] = Cap(before),
            ["After"] = Cap(after),
        };
        await tables.Audit.AddEntityAsync(entity, cancellationToken);
    }

    /// <summary>
    /// An entry with large polygon fences can exceed a table string property (64 KiB, 32K characters); the audit
    /// keeps its start and says it was cut rather than failing the change it records.
    /// </summary>
    private static string? Cap(string? json) => json is { Length: > 30_000 } ? json[..30_000] + "… (cut: " + json.Length.ToString(CultureInfo.InvariantCulture) + " characters)" : json;

    public static AuditEntry FromEntity(TableEntity e) => new(
        e.GetDateTimeOffset("At") ?? default, e.GetString("Actor") ?? "", e.GetString("Action") ?? "", e.GetString("Kind") ?? "",
        e.GetString("EntityId") ?? "", e.GetString("Before"), e.GetString("After"));
}
