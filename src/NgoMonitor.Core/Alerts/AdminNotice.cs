using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Matching;

namespace NgoMonitor.Core.Alerts;

/// <summary>
/// Telling admins about Monitor itself (a failing feed, an officer's SMS blocked): one outbox message per admin and
/// channel they have an address for, at Minor severity. Message ids derive from the notice's alert id, so planning the
/// same notice twice stores it once.
/// </summary>
public static class AdminNotice
{
    /// <param name="skip">An admin's channel not to use (the very SMS number the notice is about).</param>
    public static IReadOnlyList<OutboxMessage> Messages(
        IReadOnlyList<Recipient> admins, string alertId, string subject, string text, string source, DateTimeOffset now, Func<Recipient, Channel, bool>? skip = null) =>
        [.. admins
            .SelectMany(admin => admin.Channels.Distinct().Select(channel => (admin, channel, address: admin.AddressFor(channel))))
            .Where(x => x.address is { Length: > 0 } && skip?.Invoke(x.admin, x.channel) != true)
            .Select(x => new OutboxMessage(
                ItemIdentity.Hash(alertId + "|" + x.admin.Id + "|" + x.channel),
                alertId,
                x.admin.Id,
                x.channel,
                x.address!,
                subject,
                text,
                null,
                Severity.Minor,
                source,
                now))];
}
