using System.ComponentModel.DataAnnotations;

namespace NgoMonitor.Core.Polling;

/// <summary>Poll cycle settings (configuration section "Polling").</summary>
public sealed class PollingOptions
{
    public const string Section = "Polling";

    /// <summary>Feeds fetched at once in one cycle. Default 8; range 1–256.</summary>
    [Range(1, 256)]
    public int MaxConcurrentFeeds { get; set; } = 8;

    /// <summary>Longest wait after repeated errors or a Retry-After. Default 6 hours; range 1 minute to 7 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Longest wait a feed's own hint (RSS ttl, Cache-Control max-age) may impose on a healthy feed. Default 1 hour;
    /// range 1 minute to 1 day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromHours(1);
}
