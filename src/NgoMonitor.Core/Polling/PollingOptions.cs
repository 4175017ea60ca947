using System.ComponentModel.DataAnnotations;

namespace NgoMonitor.Core.Polling;

/// <summary>Poll cycle settings (configuration section "Polling").</summary>
public sealed class PollingOptions
{
    public const string Section = "Polling";

    /// <summary>Feeds fetched at once in one cycle. Default 8; range 1–256.</summary>
    [Range(1, 256)]
    public int MaxConcurrentFeeds { get; set; } = 8;

    /// <summary>
    /// Feeds per poll queue message. A message is the unit one consumer takes, so smaller batches spread a tick over
    /// more instances and lose less work when one dies; larger ones cost fewer queue transactions. Default 20; range 1–200
    /// (a queue message holds 64 KiB; 200 feed definitions stay far below).
    /// </summary>
    [Range(1, 200)]
    public int FeedsPerBatch { get; set; } = 20;

    /// <summary>Outbox rows per dispatch queue message. Default 20; range 1–200.</summary>
    [Range(1, 200)]
    public int RowsPerDispatchMessage { get; set; } = 20;

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
