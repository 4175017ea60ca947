using System.Globalization;
using System.Security.Claims;
using Azure.Data.Tables;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Host.Admin.Auth;

namespace NgoMonitor.Host.Admin;

/// <summary>One configuration change: who, when, what, and the entry before and after (JSON; null when absent).</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Kind, string EntityId, string? Before, string? After);

/// <summary>
/// The Audit table: PartitionKey "audit", RowKey the inverted timestamp ticks plus a random suffix, so a plain
/// query returns the newest change first and two changes in one tick never collide.
/// </summary>
public sealed class AuditLog(MonitorTables tables, TimeProvider time)
{
    private const string Partition = "audit";

    public async Task WriteAsync(ClaimsPrincipal user, string action, string kind, string entityId, string? before, string? after, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var at = time.GetUtcNow();
        var rowKey = (DateTimeOffset.MaxValue.Ticks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var entity = new TableEntity(Partition, rowKey)
        {
            ["At"] = at,
            ["Actor"] = MonitorRoles.Actor(user),
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
