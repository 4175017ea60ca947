using System.ComponentModel.DataAnnotations;

namespace NgoMonitor.Core.Alerts;

/// <summary>Alerting settings (configuration section "Alerts").</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>Longest SMS body in characters. Default 306 (two concatenated GSM-7 segments of 153); range 70–1600 (Twilio's Body limit).</summary>
    [Range(70, 1600)]
    public int MaxSmsCharacters { get; set; } = 306;

    /// <summary>Items published longer ago than this are stored and matched but not alerted (a new feed's backlog). Default 24 hours; range 10 minutes to 30 days.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan MaxItemAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Attempts per outbox message before it is marked Failed. Default 5; range 1–20.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;
}
