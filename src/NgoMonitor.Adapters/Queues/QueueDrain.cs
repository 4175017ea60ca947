using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Telemetry;

namespace NgoMonitor.Adapters.Queues;

/// <summary>
/// A queue consumer with the Functions host's delivery rules, for where there is no host (standalone, <c>poll --once</c>,
/// and the tests' stand-in for the host): take a batch of messages (invisible to other consumers meanwhile), hand each
/// to its handler, delete it when the handler returns; when the handler throws, make it visible again after
/// <see cref="QueuesOptions.RetryDelay"/>; a message delivered <see cref="QueuesOptions.MaxDequeueCount"/> times
/// without success goes to "&lt;queue&gt;-poison". A consumer that dies leaves its messages invisible until the
/// <see cref="QueuesOptions.VisibilityTimeout"/>, then any consumer takes them.
/// </summary>
public sealed class QueueDrain(StorageQueues queues, IOptions<QueuesOptions> options, ILogger<QueueDrain> logger)
{
    /// <summary>
    /// Takes messages from the queues, in the order given, until none of them has a visible message; returns how many
    /// messages were completed. Messages hidden (by another consumer, a retry delay or pacing) are left to later drains.
    /// </summary>
    public async Task<int> DrainAsync(IReadOnlyList<(string Queue, Func<WorkMessage, CancellationToken, Task> Handle)> handlers, CancellationToken cancellationToken)
    {
        var completed = 0;
        while (true)
        {
            var received = 0;
            foreach (var (queue, handle) in handlers)
            {
                var messages = await queues.ReceiveAsync(queue, cancellationToken);
                received += messages.Count;
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(messages, parallel, async (message, token) =>
                {
                    if (await HandleAsync(message, handle, token))
                    {
                        Interlocked.Increment(ref completed);
                    }
                });
            }

            if (received == 0)
            {
                return completed;
            }
        }
    }

    private async Task<bool> HandleAsync(WorkMessage message, Func<WorkMessage, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxDequeueCount;
        if (message.DequeueCount > max)
        {
            // Its consumers kept dying before they could finish or fail it: the host's rule applies as well.
            await PoisonAsync(message, "delivered more than MaxDequeueCount times", cancellationToken);
            return false;
        }

        try
        {
            await handle(message, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.QueueMessageFailed(ex, message.Queue, message.Id, message.DequeueCount, max);
            if (message.DequeueCount >= max)
            {
                await PoisonAsync(message, ex.GetType().Name, cancellationToken);
            }
            else
            {
                await queues.RetryLaterAsync(message, options.Value.RetryDelay, cancellationToken);
            }

            return false;
        }

        return await queues.DeleteAsync(message, cancellationToken);
    }

    private async Task PoisonAsync(WorkMessage message, string reason, CancellationToken cancellationToken)
    {
        logger.QueueMessagePoisoned(message.Queue, message.Id, message.Queue + StorageQueues.PoisonSuffix, reason);
        await queues.PoisonAsync(message, cancellationToken);
    }
}
