namespace NgoMonitor.Adapters.Admin;

/// <summary>Monitor-wide settings (configuration section "Monitor").</summary>
public sealed class AdminOptions
{
    public const string Section = "Monitor";

    /// <summary>
    /// JSON configuration file (feeds, recipients, watchlists) loaded into Table Storage at start; a relative path is
    /// resolved against the application folder. Default "samples/monitor.config.json", the bundled demo. Empty: load nothing.
    /// </summary>
    public string ConfigPath { get; set; } = "samples/monitor.config.json";

    public string? ResolvedConfigPath =>
        string.IsNullOrWhiteSpace(ConfigPath) ? null : Path.IsPathRooted(ConfigPath) ? ConfigPath : Path.Combine(AppContext.BaseDirectory, ConfigPath);
}
