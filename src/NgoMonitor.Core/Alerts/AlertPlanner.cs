using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Matching;

namespace NgoMonitor.Core.Alerts;

/// <summary>
/// Turns watchlist matches into alerts and outbox messages:
/// 1. each recipient of each matched watchlist gets one alert per incident (<see cref="PlanIncident"/>), whatever the
///    number of watchlists;
/// 2. the alert's severity follows <see cref="SeverityScale"/> (rule severity, distance of a precise placement, corroboration);
/// 3. for an incident, a recipient already alerted at that severity or higher gets nothing; at a lower one, an update;
/// 4. one outbox message per channel the recipient has an address for, with a deterministic id (alert id + channel);
///    SMS to a number the provider refused for good is replaced by email.
/// Quiet hours, throttles and digests are applied afterwards by <see cref="IncidentAlerter"/> (<see cref="SubscriptionPolicy"/>).
/// </summary>
public sealed class AlertPlanner(AlertComposer composer, AlertsOptions options)
{
    /// <summary>One (possibly updating) alert per recipient of the incident whose severity rose since they were last
    /// alerted. The incident's matches name their watchlists by id; <paramref name="watchlists"/> are the current ones,
    /// so a match whose watchlist was removed since alerts nobody.</summary>
    public IReadOnlyList<Alert> PlanIncident(Incident incident, IReadOnlyDictionary<string, Watchlist> watchlists, IReadOnlyDictionary<string, Recipient> recipients, DateTimeOffset now)
    {
        var item = incident.LeadItem;
        var matches = incident.Matches.Where(m => watchlists.ContainsKey(m.WatchlistId)).ToList();
        var alerts = new List<Alert>();
        foreach (var group in ByRecipient(matches, watchlists))
        {
            if (!recipients.TryGetValue(group.Key, out var recipient))
            {
                continue;
            }

            var recipientMatches = group.ToList();
            var severity = SeverityScale.For(recipientMatches.Max(m => watchlists[m.WatchlistId].Severity), SeverityScale.CloseRangeDistanceKm(recipientMatches), incident.SourceCount, options);
            var alerted = incident.Alerted.TryGetValue(recipient.Id, out var before);
            if (alerted && before >= severity)
            {
                continue;
            }

            alerts.Add(new Alert(
                Id: ItemIdentity.Hash(incident.Id + "\n" + recipient.Id + "\n" + severity),
                Item: item,
                SourceName: incident.SourceNames[0],
                Recipient: recipient,
                Severity: severity,
                Matches: recipientMatches,
                Watchlists: recipientMatches.Select(m => watchlists[m.WatchlistId]).ToDictionary(w => w.Id, StringComparer.Ordinal),
                CreatedAt: now)
            {
                SourceNames = incident.SourceNames,
                Sources = incident.Sources,
                IncidentId = incident.Id,
                IsUpdate = alerted,
            });
        }

        return alerts;
    }

    /// <summary>The alert's messages, one per channel; SMS becomes email when the number is known to be unusable.</summary>
    public IReadOnlyList<OutboxMessage> Messages(Alert alert, bool smsBlocked)
    {
        var channels = alert.Recipient.Channels.Distinct().ToList();
        if (smsBlocked && channels.Remove(Channel.Sms) && alert.Recipient.Email is not null && !channels.Contains(Channel.Email))
        {
            channels.Add(Channel.Email);
        }

        return [.. channels
            .Where(c => alert.Recipient.AddressFor(c) is { Length: > 0 })
            .Select(c => composer.Compose(alert, c, alert.Recipient.AddressFor(c)!))];
    }

    private static IEnumerable<IGrouping<string, WatchlistMatch>> ByRecipient(IReadOnlyList<WatchlistMatch> matches, IReadOnlyDictionary<string, Watchlist> watchlists) => matches
        .SelectMany(m => watchlists[m.WatchlistId].RecipientIds.Select(r => (RecipientId: r, Match: m)))
        .GroupBy(x => x.RecipientId, x => x.Match);
}
