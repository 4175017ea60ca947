using System.Text.Json;
using Azure;
using Azure.Identity;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Adapters.Queues;

/// <summary>A message as a consumer sees it: its content (JSON), how often it was delivered, and its receipt.</summary>
public sealed record WorkMessage(string Queue, string Id, string PopReceipt, string Body, long DequeueCount, DateTimeOffset? InsertedOn);

/// <summary>
/// Monitor's two work queues on Azure Storage (Azurite locally), each with its "-poison" queue, created on first use.
/// Messages are JSON, Base64-encoded on the wire: the Functions queue trigger expects Base64 by default (host.json
/// <c>extensions.queues.messageEncoding</c> "base64", Microsoft.Azure.WebJobs.Extensions.Storage.Queues 5.x) and
/// Monitor keeps that default, so a message enqueued here triggers the host's function unchanged and the standalone
/// consumer reads exactly what the host would. Managed identity in Azure (<see cref="StorageOptions.QueueServiceUri"/>).
/// </summary>
public sealed class StorageQueues : IWorkQueues
{
    public const string PoisonSuffix = "-poison";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly QueueServiceClient _service;
    private readonly QueuesOptions _options;
    private readonly Lazy<Task> _created;

    public StorageQueues(IOptions<StorageOptions> storage, IOptions<QueuesOptions> options)
    {
        var s = storage.Value;
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        _service = s.QueueServiceUri is { } uri
            ? new QueueServiceClient(uri, new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = s.ClientId }), clientOptions)
            : new QueueServiceClient(s.ConnectionString, clientOptions);
        _options = options.Value;
        _created = new Lazy<Task>(CreateAllAsync);
    }

    public string PollQueue => _options.PollQueue;

    public string DispatchQueue => _options.DispatchQueue;

    public static string Serialize<T>(T message) => JsonSerializer.Serialize(message, Json);

    public static T Deserialize<T>(string body) => JsonSerializer.Deserialize<T>(body, Json) ?? throw new JsonException("empty message");

    public async Task EnqueuePollAsync(IReadOnlyList<PollBatch> batches, CancellationToken cancellationToken)
    {
        await _created.Value;
        var queue = Queue(PollQueue);
        // Concurrent puts: one tick of 10,000 feeds is 500 messages, each its own request.
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (batch, token) =>
            await queue.SendMessageAsync(Serialize(batch), token));
    }

    public async Task EnqueueDispatchAsync(DispatchBatch batch, TimeSpan delay, CancellationToken cancellationToken)
    {
        await _created.Value;
        // The service allows an initial invisibility of up to 7 days.
        var visibility = delay <= TimeSpan.Zero ? (TimeSpan?)null : delay < TimeSpan.FromDays(7) ? delay : TimeSpan.FromDays(7);
        await Queue(DispatchQueue).SendMessageAsync(Serialize(batch), visibility, null, cancellationToken);
    }

    /// <summary>Takes up to <see cref="QueuesOptions.ReceiveBatch"/> messages, invisible to others for <see cref="QueuesOptions.VisibilityTimeout"/>.</summary>
    public async Task<IReadOnlyList<WorkMessage>> ReceiveAsync(string queue, CancellationToken cancellationToken)
    {
        await _created.Value;
        var received = await Queue(queue).ReceiveMessagesAsync(_options.ReceiveBatch, _options.VisibilityTimeout, cancellationToken);
        return [.. received.Value.Select(m => new WorkMessage(queue, m.MessageId, m.PopReceipt, m.Body.ToString(), m.DequeueCount, m.InsertedOn))];
    }

    /// <summary>Done: removes the message. False when the receipt expired (the message reappeared and another consumer has it).</summary>
    public async Task<bool> DeleteAsync(WorkMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await Queue(message.Queue).DeleteMessageAsync(message.Id, message.PopReceipt, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            return false;
        }
    }

    /// <summary>A failed attempt: the message becomes visible again after <paramref name="delay"/> (the host's retry).</summary>
    public async Task RetryLaterAsync(WorkMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Queue(message.Queue).UpdateMessageAsync(message.Id, message.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            // The receipt expired: the message is visible already (or another consumer has it).
        }
    }

    /// <summary>Moves the message to "&lt;queue&gt;-poison" (copy, then delete), as the Functions host does after maxDequeueCount failures.</summary>
    public async Task PoisonAsync(WorkMessage message, CancellationToken cancellationToken)
    {
        await _created.Value;
        await Queue(message.Queue + PoisonSuffix).SendMessageAsync(message.Body, cancellationToken);
        await DeleteAsync(message, cancellationToken);
    }

    /// <summary>Up to 32 messages (the service's peek limit) of each poison queue, left in place: what admins see.</summary>
    public async Task<IReadOnlyList<WorkMessage>> PeekPoisonAsync(CancellationToken cancellationToken)
    {
        await _created.Value;
        var messages = new List<WorkMessage>();
        foreach (var name in new[] { PollQueue, DispatchQueue })
        {
            var peeked = await Queue(name + PoisonSuffix).PeekMessagesAsync(32, cancellationToken);
            messages.AddRange(peeked.Value.Select(m => new WorkMessage(name + PoisonSuffix, m.MessageId, "", m.Body.ToString(), m.DequeueCount, m.InsertedOn)));
        }

        return messages;
    }

    /// <summary>Approximate number of messages waiting (visible or not) in a queue.</summary>
    public async Task<int> CountAsync(string queue, CancellationToken cancellationToken)
    {
        await _created.Value;
        return (await Queue(queue).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
    }

    public QueueClient Queue(string name) => _service.GetQueueClient(name);

    private async Task CreateAllAsync()
    {
        foreach (var name in new[] { PollQueue, PollQueue + PoisonSuffix, DispatchQueue, DispatchQueue + PoisonSuffix })
        {
            await Queue(name).CreateIfNotExistsAsync();
        }
    }
}
