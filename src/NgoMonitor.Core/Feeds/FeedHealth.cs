using System.Globalization;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Matching;

namespace NgoMonitor.Core.Feeds;

/// <summary>What is wrong with a feed, if anything.</summary>
public enum FeedProblem
{
    None,

    /// <summary>Every poll has failed for at least <see cref="FeedHealth.FailingAfter"/>.</summary>
    Failing,

    /// <summary>No new item for longer than the feed's expected period.</summary>
    Silent,
}

/// <summary>
/// Feed health, pure. Rules, in order:
/// 1. Failing: the feed has failed every poll since <see cref="FeedState.FailingSince"/> and that is at least
///    <see cref="FailingAfter"/> (one hour) ago. Short outages are normal and are not reported.
/// 2. Silent: the feed has had no new item for longer than its expected period: three times its average gap
///    between items (from items per day), clamped to [<see cref="MinSilence"/>, <see cref="MaxSilence"/>]. A feed
///    with fewer than <see cref="MinItemsForSilence"/> items counted has no expected period yet and is never silent.
/// An incident is reported once: the caller raises an alert when <see cref="Assess"/> gives a problem and
/// <see cref="FeedState.HealthIncident"/> is null, and clears the incident when the feed is healthy again.
/// </summary>
public static class FeedHealth
{
    public static readonly TimeSpan FailingAfter = TimeSpan.FromHours(1);
    public static readonly TimeSpan MinSilence = TimeSpan.FromHours(6);
    public static readonly TimeSpan MaxSilence = TimeSpan.FromDays(14);
    public const int MinItemsForSilence = 5;
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public static FeedProblem Assess(FeedState state, DateTimeOffset now)
    {
        if (state.FailingSince is { } since && now - since >= FailingAfter)
        {
            return FeedProblem.Failing;
        }

        return ExpectedPeriod(state, now) is { } period && state.LastNewItem is { } last && now - last > period
            ? FeedProblem.Silent
            : FeedProblem.None;
    }

    /// <summary>Average new items per day over the counting window, or null before a day of counting.</summary>
    public static double? ItemsPerDay(FeedState state, DateTimeOffset now) =>
        state.CountingSince is { } since && now - since >= TimeSpan.FromDays(1) ? state.ItemsCounted / (now - since).TotalDays : null;

    /// <summary>How long the feed may stay quiet before it counts as silent; null when not enough is known.</summary>
    public static TimeSpan? ExpectedPeriod(FeedState state, DateTimeOffset now)
    {
        if (state.ItemsCounted < MinItemsForSilence || ItemsPerDay(state, now) is not { } perDay || perDay <= 0)
        {
            return null;
        }

        var period = TimeSpan.FromDays(3 / perDay);
        return period < MinSilence ? MinSilence : period > MaxSilence ? MaxSilence : period;
    }

    /// <summary>The state after a successful poll that found <paramref name="newItems"/> new items.</summary>
    public static FeedState CountItems(FeedState state, int newItems, DateTimeOffset now)
    {
        var since = state.CountingSince ?? now;
        var counted = state.ItemsCounted + newItems;
        if (now - since > Window)
        {
            // Halve the window's weight so the average follows a feed whose rhythm changes.
            since = now - (now - since) / 2;
            counted /= 2;
        }

        return state with
        {
            ItemsCounted = counted,
            CountingSince = since,
            LastNewItem = newItems > 0 ? now : state.LastNewItem ?? now,
        };
    }

    /// <summary>
    /// The outbox messages announcing a health incident: one per admin and channel. The id is derived from the feed,
    /// the problem and when the incident began, so re-planning the same incident is idempotent.
    /// </summary>
    public static IReadOnlyList<OutboxMessage> AlertMessages(FeedSource feed, FeedState state, FeedProblem problem, IReadOnlyList<Recipient> admins, DateTimeOffset now)
    {
        var began = problem == FeedProblem.Failing ? state.FailingSince ?? now : state.LastNewItem ?? now;
        var subject = problem == FeedProblem.Failing ? $"Monitor: feed \"{feed.Name}\" failing" : $"Monitor: feed \"{feed.Name}\" silent";
        var text = problem == FeedProblem.Failing
            ? string.Create(CultureInfo.InvariantCulture, $"Feed {feed.Name} ({feed.Url}) has failed every poll since {began:u} ({state.ConsecutiveFailures} attempts). Last error: {state.LastError}")
            : string.Create(CultureInfo.InvariantCulture, $"Feed {feed.Name} ({feed.Url}) has had no new item since {began:u}; it usually carries {ItemsPerDay(state, now):0.#} items a day.");
        var alertId = ItemIdentity.Hash(string.Create(CultureInfo.InvariantCulture, $"health|{feed.Id}|{problem}|{began.UtcTicks}"));
        return AdminNotice.Messages(admins, alertId, subject, text, "health:" + feed.Id, now);
    }
}
