using System.ComponentModel.DataAnnotations;

namespace NgoMonitor.Adapters.Feeds;

/// <summary>Feed fetching settings (configuration section "Feeds").</summary>
public sealed class FeedsOptions
{
    public const string Section = "Feeds";

    /// <summary>Whole-fetch timeout: every redirect hop, headers and body together. Default 20 s; range 1 s to 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>TCP connect timeout per connection attempt. Default 10 s; range 1 s to 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest silence between two reads of the body (a server trickling bytes). Default 10 s; range 1 s to 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Largest body accepted, enforced while streaming, both on the wire and after gzip/deflate/br decompression
    /// (a decompression bomb stops at this many bytes). Default 10 MiB; range 64 KiB to 100 MiB.
    /// </summary>
    [Range(65_536, 104_857_600)]
    public int MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>User-Agent sent to feed servers: names Monitor so site owners can tell who polls them.</summary>
    [Required]
    public string UserAgent { get; set; } = "Monitor/0.1 (NGO security news alerting; feed reader)";

    /// <summary>Redirects followed at most (RFC 9110 §15.4 lets clients limit them). Default 5; range 0–10.</summary>
    [Range(0, 10)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// Connections open to one host at once (per-host politeness; the global limit is Polling:MaxConcurrentFeeds).
    /// Further requests to that host queue for a free connection. Default 2; range 1–16.
    /// </summary>
    [Range(1, 16)]
    public int MaxConnectionsPerHost { get; set; } = 2;
}
