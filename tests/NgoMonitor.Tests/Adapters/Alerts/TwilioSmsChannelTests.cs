using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NgoMonitor.Adapters.Alerts;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Matching;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Alerts;

/// <summary>The SMS channel as AddAlerts composes it (the Twilio SDK over the named HttpClient), against the fake Twilio API over HTTP.</summary>
public sealed class TwilioSmsChannelTests : IAsyncLifetime
{
    private FakeTwilioApi _twilio = null!;
    private readonly List<ServiceProvider> _providers = [];

    public async Task InitializeAsync() => _twilio = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await _twilio.DisposeAsync();
    }

    private TwilioSmsChannel Channel(string token = FakeTwilioApi.AuthToken, string? messagingService = null, string? callback = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Twilio:AccountSid"] = FakeTwilioApi.AccountSid, ["Twilio:AuthToken"] = token, ["Twilio:From"] = FakeTwilioApi.From,
            ["Twilio:MessagingServiceSid"] = messagingService, ["Twilio:StatusCallbackUrl"] = callback,
            ["Twilio:BaseUrl"] = _twilio.BaseAddress.AbsoluteUri, ["Twilio:RetryAttempts"] = "0",
        }).Build();
        var provider = new ServiceCollection().AddLogging().AddAlerts(configuration).BuildServiceProvider();
        _providers.Add(provider);
        return (TwilioSmsChannel)provider.GetServices<IAlertChannel>().Single(c => c.Channel == NgoMonitor.Core.Alerts.Channel.Sms);
    }

    private static OutboxMessage Sms(string text = "SEVERE: Hospital in Azaz evacuated", string to = "+447700900123") =>
        new("m1", "a1", "officer", NgoMonitor.Core.Alerts.Channel.Sms, to, "s", text, null, Severity.Severe, "item", default);

    [Fact]
    public async Task Send_Accepted_PostsTheFormAndRecordsTheSid()
    {
        var result = await Channel().SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        Assert.Equal(_twilio.Accepted.Single().Sid, result.ProviderMessageId);
        var request = Assert.Single(_twilio.Requests);
        Assert.Equal(("+447700900123", FakeTwilioApi.From, "SEVERE: Hospital in Azaz evacuated", (string?)null), (request.To, request.From, request.Body, request.StatusCallback));
    }

    [Fact]
    public async Task Send_WithMessagingServiceAndCallback_SendsThemInsteadOfFrom()
    {
        await Channel(messagingService: "MG00000000000000000000000000000001", callback: "https://monitor.example.org/twilio/status").SendAsync(Sms(), CancellationToken.None);

        var request = Assert.Single(_twilio.Requests);
        Assert.Equal((null, "MG00000000000000000000000000000001", "https://monitor.example.org/twilio/status"), (request.From, request.MessagingServiceSid, request.StatusCallback));
    }

    [Fact]
    public async Task Send_ArabicText_ArrivesIntact()
    {
        await Channel().SendAsync(Sms("عاجل: قصف قرب مستشفى أعزاز"), CancellationToken.None);

        Assert.Equal("عاجل: قصف قرب مستشفى أعزاز", _twilio.Requests.Single().Body);
    }

    [Theory]
    [InlineData("opted out (21610) is permanent", 400, 21610, DeliveryStatus.Failed, true)]
    [InlineData("invalid number (21211) is permanent", 400, 21211, DeliveryStatus.Failed, true)]
    [InlineData("not SMS-capable (21614) is permanent", 400, 21614, DeliveryStatus.Failed, true)]
    [InlineData("bad From (21606) is our configuration: failed, number kept", 400, 21606, DeliveryStatus.Failed, false)]
    [InlineData("too many requests (20429) is retried", 429, 20429, DeliveryStatus.Pending, false)]
    [InlineData("server error is retried", 503, 20500, DeliveryStatus.Pending, false)]
    public async Task Send_TwilioError_IsClassified(string label, int httpStatus, int code, DeliveryStatus expected, bool unusable)
    {
        _twilio.FailNext(httpStatus, code, "refused");

        var result = await Channel().SendAsync(Sms(), CancellationToken.None);

        Assert.True(expected == result.Status && unusable == result.AddressUnusable, label);
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("429 with Retry-After", 429, 20429, 300, 300)]
    [InlineData("503 with Retry-After", 503, 20500, 120, 120)]
    [InlineData("permanent errors take no Retry-After", 400, 21610, 300, null)]
    public async Task Send_ErrorWithRetryAfter_ReportsTheProvidersWaitOnlyWhenRetrying(string label, int httpStatus, int code, int retryAfter, int? expectedSeconds)
    {
        _twilio.FailNext(httpStatus, code, "busy", retryAfterSeconds: retryAfter);

        var result = await Channel().SendAsync(Sms(), CancellationToken.None);

        Assert.True(result.RetryAfter == (expectedSeconds is { } s ? TimeSpan.FromSeconds(s) : null), $"{label}: {result.RetryAfter}");
    }

    [Fact]
    public async Task Send_WrongToken_IsRejectedByTheApiAndFailsWithoutTheToken()
    {
        var result = await Channel(token: "wrong-token-value").SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.Equal(1, _twilio.Rejected);
        Assert.Contains("20003", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeTwilioApi.AccountSid, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindAccepted_OurMessageWasCreated_FindsItsSidByBody()
    {
        var channel = Channel();
        await channel.SendAsync(Sms("SEVERE: first ACK 1111"), CancellationToken.None);
        await channel.SendAsync(Sms("SEVERE: second ACK 2222"), CancellationToken.None);

        var sid = await channel.FindAcceptedAsync(Sms("SEVERE: first ACK 1111"), TimeProvider.System.GetUtcNow().AddMinutes(-5), CancellationToken.None);
        var missing = await channel.FindAcceptedAsync(Sms("SEVERE: never sent ACK 3333"), TimeProvider.System.GetUtcNow().AddMinutes(-5), CancellationToken.None);

        Assert.Equal(_twilio.Accepted.First().Sid, sid);
        Assert.Null(missing);
        Assert.Contains("To=%2B447700900123", _twilio.ListQueries.First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindAccepted_OurBodyButCreatedBeforeTheAttempt_IsNotOurs()
    {
        var channel = Channel();
        await channel.SendAsync(Sms("SEVERE: ACK 1111"), CancellationToken.None);

        Assert.Null(await channel.FindAcceptedAsync(Sms("SEVERE: ACK 1111"), TimeProvider.System.GetUtcNow().AddHours(1), CancellationToken.None));
    }
}
