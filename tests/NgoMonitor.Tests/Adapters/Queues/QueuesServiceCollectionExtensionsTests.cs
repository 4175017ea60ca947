using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Alerts;
using NgoMonitor.Adapters.Queues;
using NgoMonitor.Core.Alerts;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Queues;

/// <summary>The start-up check that the outbox sweep's grace outlasts a failing dispatch message's redeliveries.</summary>
public sealed class QueuesServiceCollectionExtensionsTests
{
    [Theory]
    [InlineData("defaults: 5 minutes against 5 deliveries 30 s apart", null, null, null, true)]
    [InlineData("grace shorter than the redeliveries", "00:02:00", null, null, false)]
    [InlineData("grace exactly as long as the redeliveries", "00:02:30", null, null, false)]
    [InlineData("slower retries, grace raised to match", "00:11:00", "10", "00:01:00", true)]
    [InlineData("slower retries, default grace", null, "10", "00:01:00", false)]
    [InlineData("the tests' immediate retries", "00:01:00", null, "00:00:00", true)]
    public void AddQueues_SweepGraceAgainstTheRedeliveries_IsValidatedAtStart(string label, string? grace, string? maxDequeueCount, string? retryDelay, bool valid)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alerts:SweepGrace"] = grace, ["Queues:MaxDequeueCount"] = maxDequeueCount, ["Queues:RetryDelay"] = retryDelay,
        }.Where(s => s.Value is not null)).Build();
        using var services = new ServiceCollection().AddLogging().AddAlerts(configuration).AddQueues(configuration).BuildServiceProvider();

        var error = Record.Exception(() => services.GetRequiredService<IOptions<AlertsOptions>>().Value);

        Assert.True(valid ? error is null : error is OptionsValidationException, label + ": " + error?.Message);
    }
}
