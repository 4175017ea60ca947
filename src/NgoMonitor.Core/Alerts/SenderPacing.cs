namespace NgoMonitor.Core.Alerts;

/// <summary>One message's place in its sender's queue: when the provider should start and finish sending it.</summary>
public sealed record PacingSlot(string Sender, int Segments, DateTimeOffset Starts, DateTimeOffset DeliveredBy);

/// <summary>
/// Per-sender pacing. An SMS provider sends from one sender at a fixed rate and queues the rest: Twilio sends about
/// one segment per second from a long code, more from toll-free numbers and short codes (100/s), and a messaging
/// service at the sum of its senders' rates (support.twilio.com "Understanding Twilio Rate Limits and Message
/// Queues"). A burst of 120 one-segment alerts from one long code is therefore delivered over two minutes whatever
/// the dispatcher does; pacing makes that visible (each slot's expected delivery time) and keeps the provider's
/// queue short: a message whose slot starts later than <c>horizon</c> from now is not handed over yet but deferred.
/// State is this process's view of each sender (instances do not share it: a scale-out of N dispatchers can queue
/// up to N horizons at the provider, which still sends at its rate). Pure: the caller passes "now"; thread-safe.
/// </summary>
public sealed class SenderPacing
{
    private readonly Dictionary<string, DateTimeOffset> _freeAt = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// Reserves the next slot of <paramref name="sender"/> for a message of <paramref name="segments"/>, or returns
    /// null (nothing reserved) when that slot would start later than <paramref name="horizon"/> from now.
    /// </summary>
    public PacingSlot? TryReserve(string sender, int segments, double segmentsPerSecond, DateTimeOffset now, TimeSpan horizon)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentsPerSecond);
        lock (_lock)
        {
            var starts = Later(now, _freeAt.GetValueOrDefault(sender, now));
            if (starts - now > horizon)
            {
                return null;
            }

            var slot = new PacingSlot(sender, segments, starts, starts + Duration(segments, segmentsPerSecond));
            _freeAt[sender] = slot.DeliveredBy;
            return slot;
        }
    }

    /// <summary>When the sender's reserved slots are all sent (now, when it is idle).</summary>
    public DateTimeOffset FreeAt(string sender, DateTimeOffset now)
    {
        lock (_lock)
        {
            return Later(now, _freeAt.GetValueOrDefault(sender, now));
        }
    }

    /// <summary>
    /// When a burst of messages (segments each) from one idle-at-<paramref name="freeAt"/> sender is delivered: the
    /// projection reported for what was deferred.
    /// </summary>
    public static DateTimeOffset DeliveredBy(DateTimeOffset freeAt, IEnumerable<int> segments, double segmentsPerSecond) =>
        freeAt + Duration(segments.Sum(), segmentsPerSecond);

    /// <summary>How long the sender needs for this many segments.</summary>
    public static TimeSpan Duration(int segments, double segmentsPerSecond) => TimeSpan.FromSeconds(segments / segmentsPerSecond);

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
