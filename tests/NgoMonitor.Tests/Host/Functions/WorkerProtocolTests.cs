using System.Net;
using Azure.Storage.Queues;
using NgoMonitor.Adapters.Queues;
using NgoMonitor.Core.Storage;
using NgoMonitor.Tests.TestKit;
using NgoMonitor.Tests.TestKit.FunctionsHost;
using NgoMonitor.Tests.TestKit.FunctionsHost.Rpc;
using Xunit;

namespace NgoMonitor.Tests.Host.Functions;

/// <summary>
/// The built worker under a host speaking the Functions host's own gRPC protocol (<see cref="FakeFunctionsHost"/>):
/// it starts with the host's arguments, indexes and loads its functions, and answers real InvocationRequests for the
/// timer, the queue triggers and HTTP, with its logs streamed back to the host. Storage is Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkerProtocolTests(AzuriteFixture azurite)
{
    private const string TimerData = """{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-11-24T09:59:00+00:00","Next":"2026-11-24T10:00:00+00:00","LastUpdated":"2026-11-24T09:59:00+00:00"},"IsPastDue":PAST_DUE}""";

    private static ParameterBinding Timer(bool isPastDue) =>
        new() { Name = "timer", Data = new TypedData { Json = TimerData.Replace("PAST_DUE", isPastDue ? "true" : "false", StringComparison.Ordinal) } };

    /// <summary>
    /// The queue trigger's data as the host sends it: the decoded message text, with its delivery metadata (numbers
    /// and dates as JSON, which the worker reads; it refuses the protocol's int form in trigger metadata).
    /// </summary>
    private static (ParameterBinding[] Inputs, Dictionary<string, TypedData> Metadata) QueueMessage(string text, long dequeueCount, string id) =>
        ([new ParameterBinding { Name = "message", Data = new TypedData { String = text } }],
         new Dictionary<string, TypedData>
         {
             ["DequeueCount"] = new() { Json = dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
             ["Id"] = new() { String = id },
             ["PopReceipt"] = new() { String = "AgAAAAMAAAAAAAAA" },
             ["InsertionTime"] = new() { Json = "\"2026-11-24T10:00:00+00:00\"" },
             ["QueueTrigger"] = new() { String = text },
         });

    private async Task<(FakeFunctionsHost Host, FeedServer Feeds, string Prefix)> StartAsync()
    {
        var feeds = await FeedServer.StartAsync();
        feeds.ServeFile("desk.xml", RepoPaths.TestData("feeds", "azaz-hospital.xml"));
        var prefix = AzuriteFixture.NewTablePrefix();
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
            ["Monitor:ConfigPath"] = TestConfig.FromSamples(("test-desk", feeds.Url("desk.xml"))),
            ["POLL_SCHEDULE"] = "0 */5 * * * *",
        };
        foreach (var setting in AzuriteFixture.QueueSettings(prefix))
        {
            var (key, value) = (setting[2..].Split('=', 2)[0], setting.Split('=', 2)[1]);
            settings[key] = value;
        }

        try
        {
            return (await FakeFunctionsHost.StartAsync(RepoPaths.WorkerApp, settings), feeds, prefix);
        }
        catch
        {
            await feeds.DisposeAsync();
            throw;
        }
    }

    private QueueClient PollQueue(string prefix) =>
        new(azurite.ConnectionString, prefix.ToLowerInvariant() + "-poll", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    [Fact]
    public async Task Worker_StartedByTheHost_AdvertisesItsHttpUriAndLoadsEveryIndexedFunction()
    {
        var (host, feeds, _) = await StartAsync();
        await using var _h = host;
        await using var _f = feeds;

        Assert.StartsWith("http://", host.Capabilities["HttpUri"], StringComparison.Ordinal);
        Assert.Equal(FunctionsMetadataTests.ExpectedNames, host.Functions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("timerTrigger", host.Trigger("PollFeeds").Info.Type);
        Assert.Equal("queueTrigger", host.Trigger("DispatchAlerts").Info.Type);
    }

    [Fact]
    public async Task Worker_TimerTickPastDue_EnqueuesTheDueFeedsAndLogsThroughTheHost()
    {
        var (host, feeds, prefix) = await StartAsync();
        await using var _h = host;
        await using var _f = feeds;

        var response = await host.InvokeAsync("PollFeeds", "tick-1", [Timer(isPastDue: true)]);

        Assert.True(response.Result?.Status == StatusResult.Types.Status.Success, response.ToString());
        var logs = host.Connection.LogsOf("tick-1").Select(l => l.Message).ToList();
        Assert.Contains(logs, m => m.Contains("past due", StringComparison.Ordinal));
        Assert.Contains(logs, m => m.Contains("1 due feeds enqueued in 1 batches", StringComparison.Ordinal));
        var message = Assert.Single((await PollQueue(prefix).PeekMessagesAsync(32)).Value);
        Assert.Equal(["test-desk"], StorageQueues.Deserialize<PollBatch>(message.Body.ToString()).FeedIds.ToArray());
        Assert.Empty(feeds.Requests);
    }

    [Fact]
    public async Task Worker_QueueMessage_PollsItsBatchAndABadMessageOnItsLastDeliveryFailsTowardsThePoisonQueue()
    {
        var (host, feeds, prefix) = await StartAsync();
        await using var _h = host;
        await using var _f = feeds;
        await host.InvokeAsync("PollFeeds", "tick-1", [Timer(isPastDue: false)]);
        var batch = (await PollQueue(prefix).PeekMessagesAsync(1)).Value.Single().Body.ToString();

        var (inputs, metadata) = QueueMessage(batch, dequeueCount: 1, id: "m1");
        var polled = await host.InvokeAsync("PollFeedBatch", "batch-1", inputs, metadata);
        var (badInputs, badMetadata) = QueueMessage("not json", dequeueCount: 5, id: "m2");
        var poisoned = await host.InvokeAsync("PollFeedBatch", "batch-2", badInputs, badMetadata);

        Assert.True(polled.Result.Status == StatusResult.Types.Status.Success, polled.ToString());
        Assert.Single(feeds.Requests);
        Assert.Equal(StatusResult.Types.Status.Failure, poisoned.Result.Status);
        Assert.Contains("JsonException", poisoned.Result.Exception.Message + poisoned.Result.Exception.Type, StringComparison.Ordinal);
        var logs = host.Connection.LogsOf("batch-2").Select(l => l.Message).ToList();
        Assert.Contains(logs, m => m.Contains("message m2 failed on delivery 5", StringComparison.Ordinal) && m.Contains(QueuesOptions.DefaultPollQueue + StorageQueues.PoisonSuffix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Worker_HttpRequests_AreServedByMonitorsRoutesWithTheirAuthAndProblemDetails()
    {
        var (host, feeds, _) = await StartAsync();
        await using var _h = host;
        await using var _f = feeds;

        var (cap, capInvocation) = await host.InvokeHttpAsync("CapFeed", "http-1", HttpMethod.Get, "/cap/alerts.atom");
        var (api, apiInvocation) = await host.InvokeHttpAsync("AdminApi", "http-2", HttpMethod.Get, "/api/feeds");
        var (console, _) = await host.InvokeHttpAsync("Console", "http-3", HttpMethod.Get, "/console/");

        // The CAP feed is anonymous at the host and closed by Monitor: without a key or signed URL, a problem.
        Assert.Equal(HttpStatusCode.Unauthorized, cap.StatusCode);
        Assert.Equal("application/problem+json", cap.Content.Headers.ContentType?.MediaType);
        Assert.Contains("POST /api/cap/link", await cap.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(StatusResult.Types.Status.Success, capInvocation.Result.Status);
        // No API key: Monitor's own authentication answers, as an RFC 7807 problem.
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(StatusResult.Types.Status.Success, apiInvocation.Result.Status);
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        Assert.Equal("text/html", console.Content.Headers.ContentType?.MediaType);
    }
}
