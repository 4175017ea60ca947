using System.ComponentModel.DataAnnotations;

namespace NgoMonitor.Adapters.Storage;

/// <summary>
/// Where Monitor's tables live (configuration section "Storage"). In Azure: <see cref="TableServiceUri"/> with the
/// managed identity <see cref="ClientId"/>; locally: <see cref="ConnectionString"/>, Azurite by default.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Connection string, used when <see cref="TableServiceUri"/> is not set. Default: Azurite's development storage on 127.0.0.1:10002.</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Table endpoint (https://ACCOUNT.table.core.windows.net) for managed-identity access. Default: unset.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Queue endpoint (https://ACCOUNT.queue.core.windows.net) for managed-identity access, beside <see cref="TableServiceUri"/>. Default: unset.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity used with <see cref="TableServiceUri"/>. Default: unset (DefaultAzureCredential's own choice).</summary>
    public string? ClientId { get; set; }

    /// <summary>Prefix of every table name, so several installations (or test runs) can share an account. Default "Monitor"; letters and digits, 1–20.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,19}$")]
    public string TablePrefix { get; set; } = "Monitor";

    /// <summary>Tries at creating the tables when the process starts (<see cref="TableStartup"/>). Default 5; range 1–20.</summary>
    [Range(1, 20)]
    public int CreateAttempts { get; set; } = 5;

    /// <summary>Wait after the first failed try at creating the tables, doubled after each next one. Default 2 s; range 0–1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CreateRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
