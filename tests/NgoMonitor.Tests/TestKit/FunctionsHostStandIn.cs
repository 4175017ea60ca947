using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Adapters.Queues;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Host.Functions;

namespace NgoMonitor.Tests.TestKit;

/// <summary>
/// Plays the Functions host's part in-process for a <see cref="MonitorTestHost"/>: fires the PollFeeds timer function,
/// then takes the queue messages as the host's queue triggers would and hands each to the PollFeedBatch or
/// DispatchAlerts function with its delivery (id, dequeue count), deleting it when the function returns and retrying
/// or poisoning it when it throws (<see cref="QueueDrain"/>, the host's rules). Returns every line the invocations
/// reported. The real protocol between host and worker is exercised by <c>FakeFunctionsHost</c>.
/// </summary>
public static class FunctionsHostStandIn
{
    public static async Task<List<string>> PollFeedsAndDrainAsync(this MonitorTestHost host)
    {
        var logs = (await host.TickAsync()).ToList();
        logs.AddRange(await host.DrainQueuesAsync());
        return logs;
    }

    /// <summary>One PollFeeds timer tick, as the host fires it; the lines are its summary.</summary>
    public static async Task<IReadOnlyList<string>> TickAsync(this MonitorTestHost host, bool isPastDue = false)
    {
        var report = await ActivatorUtilities.CreateInstance<TimerFunctions>(host.App.Services).PollFeedsAsync(isPastDue, Guid.NewGuid().ToString(), CancellationToken.None);
        return isPastDue ? ["timer was past due", report.Summary] : [report.Summary];
    }

    /// <summary>One delivery of a queue message to a queue function; the lines are what its report says.</summary>
    public static async Task<IReadOnlyList<string>> DeliverAsync(this MonitorTestHost host, string function, string message, long dequeueCount, string id, CancellationToken cancellationToken = default)
    {
        var functions = ActivatorUtilities.CreateInstance<QueueFunctions>(host.App.Services);
        var delivery = new QueueDelivery(Guid.NewGuid().ToString(), id, dequeueCount);
        return function switch
        {
            FunctionTable.PollFeedBatch => (await functions.PollFeedBatchAsync(message, delivery, cancellationToken)).LogLines(),
            FunctionTable.DispatchAlerts => DispatchLines(await functions.DispatchAlertsAsync(message, delivery, cancellationToken)),
            _ => throw new ArgumentException($"{function} is not a queue function", nameof(function)),
        };
    }

    /// <summary>The summary, then one line per row to retry (address masked).</summary>
    private static IReadOnlyList<string> DispatchLines(DispatchReport r) =>
    [
        FormattableString.Invariant($"dispatched {r.Sent} sent, {r.Printed} printed, {r.Retrying} to retry, {r.Failed} failed, {r.Deferred} deferred for pacing") +
            (r.ExpectedDeliveredBy is { } by ? FormattableString.Invariant($"; SMS delivered by {by:O}") : ""),
        .. r.Retries.Select(x => FormattableString.Invariant($"row {x.RecipientId}/{x.RowId} ({x.Channel} to {x.MaskedAddress}) failed on attempt {x.Attempts}: {x.Error}; next attempt not before {x.NextAttemptAt:O}")),
    ];

    public static async Task<List<string>> DrainQueuesAsync(this MonitorTestHost host)
    {
        var logs = new ConcurrentQueue<string>();
        var queues = host.App.Services.GetRequiredService<StorageQueues>();
        var drain = host.App.Services.GetRequiredService<QueueDrain>();
        await drain.DrainAsync(
            [
                (queues.PollQueue, (m, ct) => DeliverAndLogAsync(host, FunctionTable.PollFeedBatch, m, logs, ct)),
                (queues.DispatchQueue, (m, ct) => DeliverAndLogAsync(host, FunctionTable.DispatchAlerts, m, logs, ct)),
            ],
            CancellationToken.None);
        return [.. logs];
    }

    /// <summary>Delivers one message; a failed invocation is logged as the host logs it, then fails the delivery.</summary>
    private static async Task DeliverAndLogAsync(MonitorTestHost host, string function, WorkMessage message, ConcurrentQueue<string> logs, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> lines;
        try
        {
            lines = await host.DeliverAsync(function, message.Body, message.DequeueCount, message.Id, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logs.Enqueue($"{function} failed: {ex.GetType().Name}: {ex.Message}");
            throw;
        }

        foreach (var line in lines)
        {
            logs.Enqueue(line);
        }
    }
}
