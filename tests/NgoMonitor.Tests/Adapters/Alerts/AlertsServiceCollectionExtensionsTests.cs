using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Alerts;
using NgoMonitor.Core.Alerts;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Alerts;

/// <summary>The start-up checks of the retry back-off options (Alerts:RetryDelay, Alerts:MaxRetryDelay).</summary>
public sealed class AlertsServiceCollectionExtensionsTests
{
    [Theory]
    [InlineData("defaults: 30 s doubling up to 15 minutes", null, null, true)]
    [InlineData("cap below the first delay", "00:02:00", "00:01:00", false)]
    [InlineData("cap equal to the first delay: a fixed wait", "00:01:00", "00:01:00", true)]
    [InlineData("no wait at all: retry at the next tick", "00:00:00", "00:00:00", true)]
    [InlineData("first delay over its 10-minute range", "00:11:00", "01:00:00", false)]
    [InlineData("cap over its 1-day range", null, "2.00:00:00", false)]
    public void AddAlerts_RetryDelays_AreValidatedAtStart(string label, string? retryDelay, string? maxRetryDelay, bool valid)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alerts:RetryDelay"] = retryDelay, ["Alerts:MaxRetryDelay"] = maxRetryDelay,
        }.Where(s => s.Value is not null)).Build();
        using var services = new ServiceCollection().AddLogging().AddAlerts(configuration).BuildServiceProvider();

        var error = Record.Exception(() => services.GetRequiredService<IOptions<AlertsOptions>>().Value);

        Assert.True(valid ? error is null : error is OptionsValidationException, label + ": " + error?.Message);
    }
}
