using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Queues;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Polling;
using NgoMonitor.Core.Storage;
using NgoMonitor.Host.Telemetry;

namespace NgoMonitor.Host.Functions;

/// <summary>
/// The two queue triggers, on the host's storage connection. The host decodes each message (host.json
/// messageEncoding base64, as <see cref="StorageQueues"/> writes them) and deletes it when the invocation succeeds. A
/// message that fails (it does not parse, or the work throws) fails the invocation: the host delivers it again after
/// host.json visibilityTimeout and, after maxDequeueCount deliveries, moves it to "&lt;queue&gt;-poison", where admins
/// see it (GET /api/admin/poison). Monitor's own consumer (standalone) follows the same rules (<see cref="QueueDrain"/>).
/// </summary>
public sealed class QueueFunctions(MonitorFunctions functions, IOptions<QueuesOptions> queues, ILogger<QueueFunctions> logger)
{
    [Function(FunctionTable.PollFeedBatch)]
    public Task PollFeedBatch([QueueTrigger(FunctionTable.PollQueue, Connection = FunctionTable.StorageConnection)] string message, FunctionContext context) =>
        PollFeedBatchAsync(message, QueueDelivery.Of(context), context.CancellationToken);

    [Function(FunctionTable.DispatchAlerts)]
    public Task DispatchAlerts([QueueTrigger(FunctionTable.DispatchQueue, Connection = FunctionTable.StorageConnection)] string message, FunctionContext context) =>
        DispatchAlertsAsync(message, QueueDelivery.Of(context), context.CancellationToken);

    /// <summary>One poll batch, with the delivery it is (for the failure log and the poison path).</summary>
    internal Task<BatchReport> PollFeedBatchAsync(string message, QueueDelivery delivery, CancellationToken cancellationToken) =>
        RunAsync(FunctionTable.PollFeedBatch, FunctionTable.PollQueue, message, delivery,
            (m, ct) => functions.PollFeedBatchAsync(StorageQueues.Deserialize<PollBatch>(m), ct), cancellationToken);

    /// <summary>One dispatch batch, with the delivery it is.</summary>
    internal Task<DispatchReport> DispatchAlertsAsync(string message, QueueDelivery delivery, CancellationToken cancellationToken) =>
        RunAsync(FunctionTable.DispatchAlerts, FunctionTable.DispatchQueue, message, delivery,
            (m, ct) => functions.DispatchAlertsAsync(StorageQueues.Deserialize<DispatchBatch>(m), ct), cancellationToken);

    private async Task<T> RunAsync<T>(string function, string queue, string message, QueueDelivery delivery, Func<string, CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        try
        {
            return await run(message, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.QueueInvocationFailed(ex, function, delivery.InvocationId, delivery.MessageId, delivery.DequeueCount);
            if (delivery.DequeueCount >= queues.Value.MaxDequeueCount)
            {
                logger.LastDelivery(function, delivery.MessageId, delivery.DequeueCount ?? 0, queue + StorageQueues.PoisonSuffix);
            }

            throw;
        }
    }
}

/// <summary>Which delivery of which message an invocation is: the queue trigger's metadata (Id, DequeueCount).</summary>
public sealed record QueueDelivery(string InvocationId, string? MessageId, long? DequeueCount)
{
    /// <summary>
    /// Reads the trigger metadata of the invocation. The host sends DequeueCount as a number or as JSON text and Id
    /// as text (JSON-quoted or not), so both forms are read.
    /// </summary>
    public static QueueDelivery Of(FunctionContext context)
    {
        var data = context.BindingContext.BindingData;
        var id = data.TryGetValue("Id", out var i) ? i?.ToString()?.Trim('"') : null;
        long? count = data.TryGetValue("DequeueCount", out var c) ? c switch
        {
            long l => l,
            int n => n,
            string s when long.TryParse(s.Trim('"'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        } : null;
        return new QueueDelivery(context.InvocationId, id, count);
    }
}
