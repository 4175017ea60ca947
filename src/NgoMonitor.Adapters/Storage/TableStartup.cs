using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Telemetry;

namespace NgoMonitor.Adapters.Storage;

/// <summary>
/// Creates Monitor's tables when the process starts, in the background (start-up is not held up by a slow storage
/// account): <see cref="StorageOptions.CreateAttempts"/> tries with a doubling wait from
/// <see cref="StorageOptions.CreateRetryDelay"/>. When every try fails the failure is logged and the first use of a
/// table tries again.
/// </summary>
public sealed class TableStartup(MonitorTables tables, IOptions<StorageOptions> options, ILogger<TableStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var failure = await tables.CreateAtStartAsync(o.CreateAttempts, o.CreateRetryDelay, (attempt, ex) => logger.TableCreationRetrying(ex, attempt, o.CreateAttempts), stoppingToken);
        if (failure is not null)
        {
            logger.TableCreationFailed(failure, o.CreateAttempts);
        }
    }
}
