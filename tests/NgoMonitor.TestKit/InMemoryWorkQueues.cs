using System.Collections.Concurrent;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.TestKit;

/// <summary>The work queues in memory: every message enqueued, in order; a test consumes dispatch messages itself.</summary>
public sealed class InMemoryWorkQueues : IWorkQueues
{
    private readonly ConcurrentQueue<PollBatch> _poll = new();
    private readonly ConcurrentQueue<(DispatchBatch Batch, TimeSpan Delay)> _dispatch = new();

    public IReadOnlyCollection<PollBatch> Poll => _poll;

    public IReadOnlyCollection<(DispatchBatch Batch, TimeSpan Delay)> Dispatch => _dispatch;

    /// <summary>Takes the oldest dispatch message, as a consumer would.</summary>
    public bool TryDequeueDispatch(out (DispatchBatch Batch, TimeSpan Delay) message) => _dispatch.TryDequeue(out message);

    public Task EnqueuePollAsync(IReadOnlyList<PollBatch> batches, CancellationToken cancellationToken)
    {
        foreach (var batch in batches)
        {
            _poll.Enqueue(batch);
        }

        return Task.CompletedTask;
    }

    public Task EnqueueDispatchAsync(DispatchBatch batch, TimeSpan delay, CancellationToken cancellationToken)
    {
        _dispatch.Enqueue((batch, delay));
        return Task.CompletedTask;
    }
}
