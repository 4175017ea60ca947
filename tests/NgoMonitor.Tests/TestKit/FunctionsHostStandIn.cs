using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Adapters.Queues;
using NgoMonitor.Host.Functions;

namespace NgoMonitor.Tests.TestKit;

/// <summary>
/// Plays the Functions host's part for a custom-handler <see cref="MonitorTestHost"/>: fires the PollFeeds timer
/// (POST /PollFeeds with a timer envelope), then takes the queue messages as the host's queue triggers would and POSTs
/// each to /PollFeedBatch or /DispatchAlerts in the queue-trigger envelope (the message text as a JSON string in
/// Data.&lt;binding&gt;, DequeueCount etc. in Metadata), deleting it on a 2xx answer and retrying or poisoning it
/// otherwise (<see cref="QueueDrain"/>, the same rules). Returns every Logs line the invocations answered.
/// </summary>
public static class FunctionsHostStandIn
{
    public static async Task<List<string>> PollFeedsAndDrainAsync(this MonitorTestHost host)
    {
        using var timer = await host.Client.PostAsync("/PollFeeds", NgoMonitor.Tests.Host.Functions.PollFeedsEndToEndTests.TimerEnvelope());
        timer.EnsureSuccessStatusCode();
        var logs = Logs(await timer.Content.ReadAsStringAsync()).ToList();
        logs.AddRange(await host.DrainQueuesAsync());
        return logs;
    }

    public static async Task<List<string>> DrainQueuesAsync(this MonitorTestHost host)
    {
        var logs = new ConcurrentQueue<string>();
        var queues = host.App.Services.GetRequiredService<StorageQueues>();
        var drain = host.App.Services.GetRequiredService<QueueDrain>();
        await drain.DrainAsync(
            [
                (queues.PollQueue, (m, ct) => InvokeAsync(host, FunctionTable.PollFeedBatch, m, logs, ct)),
                (queues.DispatchQueue, (m, ct) => InvokeAsync(host, FunctionTable.DispatchAlerts, m, logs, ct)),
            ],
            CancellationToken.None);
        return [.. logs];
    }

    public static StringContent QueueEnvelope(FunctionDefinition function, string message, long dequeueCount, string id) =>
        new(new JsonObject
        {
            ["Data"] = new JsonObject { [function.Binding!] = JsonValue.Create(message) },
            ["Metadata"] = new JsonObject
            {
                ["DequeueCount"] = dequeueCount,
                ["Id"] = id,
                ["InsertionTime"] = "2026-11-24T10:00:00+00:00",
                ["PopReceipt"] = "AgAAAAMAAAAAAAAA",
                ["sys"] = new JsonObject { ["MethodName"] = function.Name, ["UtcNow"] = "2026-11-24T10:00:00.01Z", ["RandGuid"] = Guid.NewGuid().ToString() },
            },
        }.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task InvokeAsync(MonitorTestHost host, FunctionDefinition function, WorkMessage message, ConcurrentQueue<string> logs, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + function.Name) { Content = QueueEnvelope(function, message.Body, message.DequeueCount, message.Id) };
        using var response = await host.Client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        foreach (var line in Logs(body))
        {
            logs.Enqueue(line);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{function.Name} answered {(int)response.StatusCode}: {body}");
        }
    }

    private static IEnumerable<string> Logs(string body)
    {
        using var document = JsonDocument.Parse(body);
        return [.. document.RootElement.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()!)];
    }
}
