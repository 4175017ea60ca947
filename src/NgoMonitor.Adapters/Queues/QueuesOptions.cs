using System.ComponentModel.DataAnnotations;

namespace NgoMonitor.Adapters.Queues;

/// <summary>
/// The work queues (configuration section "Queues"). Under the Functions host the queue triggers read the same queues
/// with host.json's <c>extensions.queues</c> settings; the values here drive Monitor's own consumer (standalone,
/// <c>poll --once</c>) and must agree with host.json, which a test checks.
/// </summary>
public sealed class QueuesOptions
{
    public const string Section = "Queues";

    public const string DefaultPollQueue = "monitor-poll-feeds";

    public const string DefaultDispatchQueue = "monitor-dispatch-alerts";

    /// <summary>
    /// Queue of poll batches. Default "monitor-poll-feeds" (the queue the PollFeedBatch trigger listens on); 3–57 lowercase
    /// letters, digits and single hyphens, so that "-poison" still fits the 63-character limit.
    /// </summary>
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,55}[a-z0-9]$")]
    public string PollQueue { get; set; } = DefaultPollQueue;

    /// <summary>Queue of dispatch batches. Default "monitor-dispatch-alerts" (the DispatchAlerts trigger's queue); same rule.</summary>
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,55}[a-z0-9]$")]
    public string DispatchQueue { get; set; } = DefaultDispatchQueue;

    /// <summary>
    /// How long a message taken by Monitor's own consumer stays invisible to others; a consumer that dies mid-batch
    /// loses it for this long, then another takes it. Must exceed a batch's processing time. Default 5 minutes;
    /// range 1 second to 1 hour.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Deliveries of one message before it is moved to "&lt;queue&gt;-poison", as the Functions host does with
    /// host.json <c>maxDequeueCount</c>. Default 5 (the host's default); range 1–100.
    /// </summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>
    /// After a failed attempt, how long the message stays invisible before the next (host.json <c>visibilityTimeout</c>,
    /// which the host uses for exactly this). Default 30 seconds; range 0 to 10 minutes (0: retry at once, tests).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages taken per receive call. Default 16 (the host's batchSize default); range 1–32 (the service's limit).</summary>
    [Range(1, 32)]
    public int ReceiveBatch { get; set; } = 16;

    /// <summary>Messages Monitor's own consumer handles at once. Default 2; range 1–32.</summary>
    [Range(1, 32)]
    public int Concurrency { get; set; } = 2;
}
