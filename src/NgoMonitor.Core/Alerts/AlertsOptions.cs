using System.ComponentModel.DataAnnotations;
using NgoMonitor.Core.Matching;

namespace NgoMonitor.Core.Alerts;

/// <summary>Alerting settings (configuration section "Alerts").</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>Longest SMS body in characters. Default 306 (two concatenated GSM-7 segments of 153); range 70–1600 (Twilio's Body limit).</summary>
    [Range(70, 1600)]
    public int MaxSmsCharacters { get; set; } = 306;

    /// <summary>
    /// Most segments one SMS may use (GSM-7: 160 alone, 153 each when concatenated; UCS-2: 70 / 67). The composer aims
    /// for one segment and only uses more when the facts do not fit. Default 2; range 1–10.
    /// </summary>
    [Range(1, 10)]
    public int MaxSmsSegments { get; set; } = 2;

    /// <summary>Items published longer ago than this are stored and matched but not alerted (a new feed's backlog). Default 24 hours; range 10 minutes to 30 days.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan MaxItemAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Attempts per outbox message before it is marked Failed. Default 5; range 1–20.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// Wait after the first failed attempt of an outbox row before it is tried again; each further failure doubles it,
    /// up to <see cref="MaxRetryDelay"/> (<see cref="RetryDelayAfter"/>). A provider outage is then not hammered at the
    /// timer's pace, and the attempts last long enough to ride out a short one: with the defaults the five attempts of
    /// <see cref="MaxAttempts"/> span 30 s + 1 + 2 + 4 minutes = 7.5 minutes (plus up to one timer period per retry, since
    /// the PollFeeds sweep queues a row at its first tick once it is due). Default 30 seconds; range 0–10 minutes
    /// (0: retry at the next tick).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Cap of the doubling wait between attempts of one outbox row. Default 15 minutes; range 0 to 1 day; at least
    /// <see cref="RetryDelay"/> (checked at start).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The wait after failed attempt <paramref name="attempts"/> (1 after the first failure):
    /// min(<see cref="RetryDelay"/> × 2^(attempts−1), <see cref="MaxRetryDelay"/>), or the provider's
    /// <paramref name="retryAfter"/> when that is longer (Twilio 429 with Retry-After: asking sooner is refused again).
    /// </summary>
    public TimeSpan RetryDelayAfter(int attempts, TimeSpan? retryAfter = null)
    {
        var delay = RetryDelay;
        for (var i = 1; i < attempts && delay < MaxRetryDelay; i++)
        {
            delay += delay; // doubling by steps, so no overflow however many attempts
        }

        delay = delay < MaxRetryDelay ? delay : MaxRetryDelay;
        return retryAfter is { } asked && asked > delay ? asked : delay;
    }

    /// <summary>Outbox rows sent at once. Default 4 (Twilio queues per sender anyway; this overlaps round trips); range 1–32.</summary>
    [Range(1, 32)]
    public int DispatchConcurrency { get; set; } = 4;

    /// <summary>
    /// How long a row may stay "Sending" before another dispatch treats its sender as dead and reconciles it with the
    /// provider. Must exceed the longest provider call (HTTP timeout plus retries). Default 5 minutes; range 0–1 hour
    /// (0 only where one dispatcher runs at a time, e.g. tests).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SendingLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long the PollFeeds timer's sweep trusts a dispatch queue message to bring a row it was queued for
    /// (<see cref="Delivery.QueuedAt"/>); after that the message counts as lost (poisoned, or never sent because
    /// its producer died) and the sweep queues the row again. It must outlast a message's failed deliveries before it
    /// is poisoned, <c>Queues:MaxDequeueCount</c> × <c>Queues:RetryDelay</c> (5 × 30 s = 2.5 minutes by default; checked
    /// at start): a shorter grace re-queues rows whose message is still being retried. A longer one delays only rows
    /// whose message was really lost. The default also equals <c>Queues:VisibilityTimeout</c>, after which a message
    /// whose consumer died reappears. The retry back-off (<see cref="RetryDelay"/>) does not add to it: a failed attempt
    /// consumed the row's message, so the sweep queues the row as soon as its <see cref="Delivery.NextAttemptAt"/>
    /// has passed, without waiting for the grace. Default 5 minutes; range 1 minute to 1 hour.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan SweepGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Pacing: an SMS is handed to the provider only when its sender's queue (<see cref="SenderPacing"/>) would start
    /// it within this time; later ones go back to the dispatch queue, invisible until the backlog has shrunk. Default
    /// 30 seconds; range 1 second to 1 hour.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PacingHorizon { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Reports of one incident are folded together while they keep arriving within this window. Default 12 hours; range 10 minutes to 7 days.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "7.00:00:00")]
    public TimeSpan IncidentWindow { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Two reports' points this close are the same place. Default 25 km; range 0–500.</summary>
    [Range(0, 500)]
    public double IncidentRadiusKm { get; set; } = 25;

    /// <summary>Least Jaccard similarity of two titles' content words for the same incident. Default 0.4; range 0.1–1.</summary>
    [Range(0.1, 1)]
    public double TitleSimilarity { get; set; } = 0.4;

    /// <summary>A reported place this close to a protected place raises severity one step. Default 5 km; range 0–100.</summary>
    [Range(0, 100)]
    public double CloseRangeKm { get; set; } = 5;

    /// <summary>This many distinct feeds carrying an incident raise severity one step. Default 3; range 2–20.</summary>
    [Range(2, 20)]
    public int CorroborationSources { get; set; } = 3;

    /// <summary>Unacknowledged alerts at or above this severity escalate to the recipient's backup. Default Severe.</summary>
    public Severity EscalateAtOrAbove { get; set; } = Severity.Severe;

    /// <summary>Delay before an unacknowledged alert escalates. Default 15 minutes; range 1 minute to 1 day.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Public base URL of this service (e.g. https://monitor.example.org), for acknowledgement links in emails and
    /// the CAP feed's self link and sender. Default: unset (no acknowledgement link; the CAP feed names http://127.0.0.1:7071).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// True publishes the CAP feed (/cap/alerts.atom) to anyone. Default false: the feed answers only an admin or viewer
    /// API key (X-Api-Key) or a signed, expiring feed URL an admin creates (POST /api/cap/link), because even without
    /// internal ids its places and times say where an organisation watches. Set it only for a feed meant to be public.
    /// </summary>
    public bool CapFeedPublic { get; set; }

    /// <summary>Key that signs acknowledgement links (HMAC-SHA256; secret: Key Vault in Azure). Default: unset (no link).</summary>
    public string? AckLinkKey { get; set; }
}
