using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Matching;

namespace NgoMonitor.Core.Alerts;

/// <summary>
/// Turns an item's watchlist matches into alerts and outbox messages:
/// 1. each recipient of each matched watchlist gets one alert for the item, whatever the number of watchlists;
/// 2. the alert's severity is the highest of its watchlists';
/// 3. one outbox message per channel the recipient has an address for, with a deterministic id (alert id + channel).
/// Quiet hours, throttles, digests and cross-feed incident folding belong to the alerting issue.
/// </summary>
public sealed class AlertPlanner(AlertComposer composer)
{
    public IReadOnlyList<OutboxMessage> Plan(FeedItem item, string sourceName, IReadOnlyList<WatchlistMatch> matches, IReadOnlyDictionary<string, Recipient> recipients, DateTimeOffset now)
    {
        var messages = new List<OutboxMessage>();
        var byRecipient = matches
            .SelectMany(m => m.Watchlist.RecipientIds.Select(r => (RecipientId: r, Match: m)))
            .GroupBy(x => x.RecipientId, x => x.Match);
        foreach (var group in byRecipient)
        {
            if (!recipients.TryGetValue(group.Key, out var recipient))
            {
                continue; // a watchlist naming an unknown recipient is reported when the configuration is loaded
            }

            var recipientMatches = group.ToList();
            var alert = new Alert(
                Id: ItemIdentity.Hash(item.Id + "\n" + recipient.Id),
                Item: item,
                SourceName: sourceName,
                Recipient: recipient,
                Severity: recipientMatches.Max(m => m.Watchlist.Severity),
                Matches: recipientMatches,
                CreatedAt: now);
            foreach (var channel in recipient.Channels.Distinct())
            {
                if (recipient.AddressFor(channel) is { Length: > 0 } address)
                {
                    messages.Add(composer.Compose(alert, channel, address));
                }
            }
        }

        return messages;
    }
}
