using System.Text.Json.Nodes;
using NgoMonitor.Host.Functions;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Functions;

public sealed class FunctionTableTests
{
    public static TheoryData<string> FunctionNames() => [.. FunctionTable.All.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void CommittedFunctionJson_AgreesWithTheFunctionTable(string name)
    {
        var function = FunctionTable.All.Single(f => f.Name == name);
        var committed = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine(name, "function.json")));

        Assert.True(JsonNode.DeepEquals(FunctionTable.FunctionJson(function), committed), $"{name}/function.json differs from FunctionTable");
    }

    [Fact]
    public void RepositoryRoot_HasAFunctionFolderForEachFunctionAndNoOther()
    {
        var folders = Directory.GetDirectories(RepoPaths.Root).Where(d => File.Exists(Path.Combine(d, "function.json"))).Select(Path.GetFileName);

        Assert.Equal(FunctionTable.All.Select(f => f.Name).Order(), folders.Order());
    }

    [Fact]
    public void HostJson_DeclaresTheCustomHandlerLaunchingTheHostAssembly()
    {
        var host = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("host.json")))!;

        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Equal(NgoMonitor.Host.Deploy.FunctionPackage.Executable, host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.Empty(host["customHandler"]!["description"]!["arguments"]!.AsArray());
    }

    [Fact]
    public void HostJsonQueueSettings_AgreeWithMonitorsOwnConsumer()
    {
        var host = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("host.json")))!;
        var queues = host["extensions"]!["queues"]!;
        var defaults = new NgoMonitor.Adapters.Queues.QueuesOptions();

        // Standalone moves a message to "-poison" after as many deliveries, and retries after the same delay, as the host.
        Assert.Equal(defaults.MaxDequeueCount, queues["maxDequeueCount"]!.GetValue<int>());
        Assert.Equal(defaults.RetryDelay, TimeSpan.Parse(queues["visibilityTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        // Monitor enqueues Base64 (StorageQueues), which the queue trigger decodes.
        Assert.Equal("base64", queues["messageEncoding"]!.GetValue<string>());
        // Queue triggers are an extension: the bundle must be declared.
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", host["extensionBundle"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void QueueFunctions_ListenOnTheQueuesMonitorEnqueuesToByDefault()
    {
        var defaults = new NgoMonitor.Adapters.Queues.QueuesOptions();

        Assert.Equal(defaults.PollQueue, FunctionTable.PollFeedBatch.QueueName);
        Assert.Equal(defaults.DispatchQueue, FunctionTable.DispatchAlerts.QueueName);
    }
}
