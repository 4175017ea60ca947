using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Adapters.Alerts;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Matching;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Alerts;

/// <summary>The Twilio HttpClient as AddAlerts builds it (resilience pipeline included), against the fake API; delays of 1 ms.</summary>
public sealed class TwilioResilienceTests : IAsyncLifetime
{
    private FakeTwilioApi _twilio = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _twilio = await FakeTwilioApi.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Twilio:AccountSid"] = FakeTwilioApi.AccountSid, ["Twilio:AuthToken"] = FakeTwilioApi.AuthToken, ["Twilio:From"] = FakeTwilioApi.From,
            ["Twilio:BaseUrl"] = _twilio.BaseAddress.AbsoluteUri, ["Twilio:RetryAttempts"] = "3", ["Twilio:RetryBaseDelay"] = "00:00:00.001",
        }).Build();
        _services = new ServiceCollection().AddLogging().AddAlerts(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _twilio.DisposeAsync();
    }

    private Task<DeliveryResult> SendAsync() => _services.GetServices<IAlertChannel>().Single(c => c.Channel == Channel.Sms)
        .SendAsync(new OutboxMessage("m", "a", "r", Channel.Sms, "+15005550006", "s", "SEVERE: test", null, Severity.Severe, "i", default), CancellationToken.None);

    [Theory]
    [InlineData("429 too many requests is retried", 429, 20429)]
    [InlineData("503 is retried", 503, 20500)]
    [InlineData("500 is retried", 500, 20500)]
    public async Task Send_TransientErrorsThenSuccess_RetriedWithinTheCall(string label, int status, int code)
    {
        _twilio.FailNext(status, code, "busy");
        _twilio.FailNext(status, code, "busy");

        var result = await SendAsync();

        Assert.True(result.Status == DeliveryStatus.Sent, label);
        Assert.Equal(3, _twilio.Requests.Count);
        Assert.Single(_twilio.Accepted);
    }

    [Theory]
    [InlineData("opted out", 21610)]
    [InlineData("invalid number", 21211)]
    [InlineData("not SMS-capable", 21614)]
    public async Task Send_UnusableNumber_NeverRetriedAndReportedUnusable(string label, int code)
    {
        _twilio.FailNext(400, code, "no");

        var result = await SendAsync();

        Assert.True(result is { Status: DeliveryStatus.Failed, AddressUnusable: true }, label);
        Assert.Single(_twilio.Requests);
    }

    [Fact]
    public async Task Send_TransientErrorOutlastsTheRetries_LeftPendingForTheNextCycle()
    {
        for (var i = 0; i < 4; i++)
        {
            _twilio.FailNext(503, 20500, "down");
        }

        var result = await SendAsync();

        Assert.Equal(DeliveryStatus.Pending, result.Status);
        Assert.Equal(4, _twilio.Requests.Count);
    }
}
