using System.Collections.Concurrent;
using Grpc.Core;
using NgoMonitor.Tests.TestKit.FunctionsHost.Rpc;

namespace NgoMonitor.Tests.TestKit.FunctionsHost;

/// <summary>
/// The host's end of one worker's event stream: sends messages (one writer at a time, as gRPC requires) and routes
/// what the worker sends to whoever waits for it: the start stream, the init and metadata responses, each load and
/// invocation response by its id. Every RpcLog is kept, with its invocation id.
/// </summary>
public sealed class WorkerConnection : IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _waiting = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RpcLog> _logs = new();
    private readonly TaskCompletionSource<StartStream> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IServerStreamWriter<StreamingMessage>? _writer;

    public Task<StartStream> Started => _started.Task;

    public IReadOnlyCollection<RpcLog> Logs => _logs;

    /// <summary>Serves the stream until the worker closes it or the call ends.</summary>
    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        _writer = responses;
        while (await requests.MoveNext(cancellationToken))
        {
            var message = requests.Current;
            switch (message.ContentCase)
            {
                case StreamingMessage.ContentOneofCase.StartStream:
                    _started.TrySetResult(message.StartStream);
                    break;
                case StreamingMessage.ContentOneofCase.RpcLog:
                    _logs.Enqueue(message.RpcLog);
                    break;
                case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                    Complete("init", message);
                    break;
                case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                    Complete("metadata", message);
                    break;
                case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                    Complete("load:" + message.FunctionLoadResponse.FunctionId, message);
                    break;
                case StreamingMessage.ContentOneofCase.InvocationResponse:
                    Complete("invocation:" + message.InvocationResponse.InvocationId, message);
                    break;
            }
        }
    }

    /// <summary>Sends <paramref name="message"/> and waits for the reply registered under <paramref name="key"/>.</summary>
    public async Task<StreamingMessage> RequestAsync(string key, StreamingMessage message, TimeSpan timeout)
    {
        var reply = _waiting.GetOrAdd(key, _ => new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously));
        await SendAsync(message);
        return await reply.Task.WaitAsync(timeout);
    }

    public async Task SendAsync(StreamingMessage message)
    {
        var writer = _writer ?? throw new InvalidOperationException("the worker has not opened its event stream");
        await _writeLock.WaitAsync();
        try
        {
            await writer.WriteAsync(message);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public IReadOnlyList<RpcLog> LogsOf(string invocationId) => [.. _logs.Where(l => l.InvocationId == invocationId)];

    public void Dispose() => _writeLock.Dispose();

    private void Complete(string key, StreamingMessage message) =>
        _waiting.GetOrAdd(key, _ => new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(message);
}

/// <summary>The host's gRPC service: hands the one worker's stream to the <see cref="WorkerConnection"/>.</summary>
public sealed class FunctionRpcService(WorkerConnection connection) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context) =>
        connection.RunAsync(requestStream, responseStream, context.CancellationToken);
}
