using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Queues;
using NgoMonitor.Host;
using NgoMonitor.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Functions;

/// <summary>
/// The host knows Monitor's functions only from the functions.metadata the worker SDK generates from the
/// <c>[Function]</c> attributes. These tests read that file and hold it to what the options say: the function list,
/// each trigger, the timer's schedule setting and the queues Monitor enqueues to.
/// </summary>
public sealed class FunctionsMetadataTests
{
    /// <summary>Name → trigger type → (HTTP) auth level; written out here, not taken from the code under test.</summary>
    public static TheoryData<string, string, string?> ExpectedFunctions() => new()
    {
        { "PollFeeds", "timerTrigger", null },
        { "PollFeedBatch", "queueTrigger", null },
        { "DispatchAlerts", "queueTrigger", null },
        { "AdminApi", "httpTrigger", "Function" },
        { "Console", "httpTrigger", "Anonymous" },
        { "Twilio", "httpTrigger", "Anonymous" },
        { "AlertAck", "httpTrigger", "Anonymous" },
        { "CapFeed", "httpTrigger", "Anonymous" },
    };

    /// <summary>The names of <see cref="ExpectedFunctions"/>, in ordinal order.</summary>
    public static string[] ExpectedNames => [.. ExpectedFunctions().Select(row => (string)row[0]).Order(StringComparer.Ordinal)];

    private static JsonNode Function(string name) => FunctionsMetadata.Functions().Single(f => f!["name"]!.GetValue<string>() == name)!;

    [Fact]
    public void Metadata_ListsExactlyMonitorsFunctions()
    {
        var names = FunctionsMetadata.Functions().Select(f => f!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal);

        Assert.Equal(ExpectedNames, names);
    }

    [Theory]
    [MemberData(nameof(ExpectedFunctions))]
    public void Metadata_EachFunction_HasItsTriggerAndAuthLevel(string name, string trigger, string? authLevel)
    {
        var binding = FunctionsMetadata.Trigger(Function(name));

        Assert.Equal(trigger, binding["type"]!.GetValue<string>());
        Assert.Equal("In", binding["direction"]!.GetValue<string>());
        Assert.Equal(authLevel, binding["authLevel"]?.GetValue<string>());
    }

    [Fact]
    public void Metadata_Timer_FiresOnThePollScheduleSettingTheSchedulerReads()
    {
        var timer = FunctionsMetadata.Trigger(Function("PollFeeds"));
        var schedule = timer["schedule"]!.GetValue<string>();

        Assert.Matches("^%[A-Z_]+%$", schedule);
        Assert.False(timer["runOnStartup"]!.GetValue<bool>());
        Assert.True(timer["useMonitor"]!.GetValue<bool>());
        // The same app setting drives the standalone scheduler: set it, and the options the scheduler reads follow.
        var setting = schedule.Trim('%');
        using var app = MonitorApp.CreateBuilder([$"--{setting}=0 */5 * * * *", "--Storage:ConnectionString=UseDevelopmentStorage=true"], HostMode.OneShot).Build();
        Assert.Equal("0 */5 * * * *", app.Services.GetRequiredService<IOptions<FunctionsOptions>>().Value.PollSchedule);
        Assert.Equal("0 */1 * * * *", new FunctionsOptions().PollSchedule);
    }

    [Theory]
    [InlineData("PollFeedBatch")]
    [InlineData("DispatchAlerts")]
    public void Metadata_QueueTriggers_ListenOnTheQueuesMonitorEnqueuesToByDefault(string name)
    {
        var defaults = new QueuesOptions();
        var queue = FunctionsMetadata.Trigger(Function(name));

        Assert.Equal(name == "PollFeedBatch" ? defaults.PollQueue : defaults.DispatchQueue, queue["queueName"]!.GetValue<string>());
        Assert.Equal("AzureWebJobsStorage", queue["connection"]!.GetValue<string>());
        Assert.Equal("String", queue["dataType"]!.GetValue<string>());
    }

    [Fact]
    public void HostJson_HasNoCustomHandlerAndAnEmptyRoutePrefix()
    {
        var host = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("host.json")))!;

        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Null(host["customHandler"]);
        // Routes are whole paths (/api/..., /console/...), as the route table and every link say.
        Assert.Equal("", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        // The worker's build output carries the same host.json: it is the app root the host starts from.
        Assert.Equal(File.ReadAllText(RepoPaths.Combine("host.json")), File.ReadAllText(Path.Combine(RepoPaths.WorkerApp, "host.json")));
    }

    [Fact]
    public void HostJsonQueueSettings_AgreeWithMonitorsOwnConsumer()
    {
        var host = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("host.json")))!;
        var queues = host["extensions"]!["queues"]!;
        var defaults = new QueuesOptions();

        // Standalone moves a message to "-poison" after as many deliveries, and retries after the same delay, as the host.
        Assert.Equal(defaults.MaxDequeueCount, queues["maxDequeueCount"]!.GetValue<int>());
        Assert.Equal(defaults.RetryDelay, TimeSpan.Parse(queues["visibilityTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        // Monitor enqueues Base64 (StorageQueues), which the queue trigger decodes.
        Assert.Equal("base64", queues["messageEncoding"]!.GetValue<string>());
    }
}
