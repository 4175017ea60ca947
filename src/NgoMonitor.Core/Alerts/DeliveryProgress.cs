namespace NgoMonitor.Core.Alerts;

/// <summary>
/// A provider's delivery states in the order a message goes through them. Twilio's status callbacks arrive in any
/// order (its docs say so), so a state is recorded only when it moves the message forward: queued &lt; sending &lt;
/// sent &lt; delivered / undelivered / failed &lt; read. A late "sent" never overwrites "delivered".
/// </summary>
public static class DeliveryProgress
{
    /// <summary>The state's rank; an unknown state ranks lowest, so it never overwrites a known one.</summary>
    public static int Rank(string? state) => state?.ToLowerInvariant() switch
    {
        "accepted" or "scheduled" or "queued" => 1,
        "sending" => 2,
        "sent" => 3,
        "delivered" or "undelivered" or "failed" or "canceled" => 4,
        "read" => 5,
        _ => 0,
    };

    /// <summary>True when <paramref name="next"/> is later than <paramref name="current"/> (or nothing is recorded yet).</summary>
    public static bool Advances(string? current, string next) => current is null || Rank(next) > Rank(current);
}
