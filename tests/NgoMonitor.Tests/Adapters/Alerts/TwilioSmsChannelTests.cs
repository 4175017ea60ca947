using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Alerts;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Matching;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Alerts;

public sealed class TwilioSmsChannelTests : IAsyncLifetime
{
    private FakeTwilioApi _twilio = null!;

    public async Task InitializeAsync() => _twilio = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    private TwilioSmsChannel Channel(string token = FakeTwilioApi.AuthToken)
    {
        var options = Options.Create(new TwilioOptions { AccountSid = FakeTwilioApi.AccountSid, AuthToken = token, From = FakeTwilioApi.From, BaseUrl = _twilio.BaseAddress });
        return new(new TwilioClient(new HttpClient(), options), options);
    }

    private static OutboxMessage Sms(string text = "SEVERE: Hospital in Azaz evacuated") =>
        new("m1", "a1", "officer", NgoMonitor.Core.Alerts.Channel.Sms, "+447700900123", "s", text, null, Severity.Severe, "item", default);

    [Fact]
    public async Task Send_Accepted_PostsTheFormAndRecordsTheSid()
    {
        var result = await Channel().SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        Assert.StartsWith("SM", result.ProviderMessageId, StringComparison.Ordinal);
        var request = Assert.Single(_twilio.Requests);
        Assert.Equal(("+447700900123", FakeTwilioApi.From, "SEVERE: Hospital in Azaz evacuated"), (request.To, request.From, request.Body));
    }

    [Fact]
    public async Task Send_ArabicText_ArrivesIntact()
    {
        await Channel().SendAsync(Sms("عاجل: قصف قرب مستشفى أعزاز"), CancellationToken.None);

        Assert.Equal("عاجل: قصف قرب مستشفى أعزاز", _twilio.Requests.Single().Body);
    }

    [Theory]
    [InlineData("opted out (21610) is permanent", 400, 21610, DeliveryStatus.Failed)]
    [InlineData("invalid number (21211) is permanent", 400, 21211, DeliveryStatus.Failed)]
    [InlineData("not SMS-capable (21614) is permanent", 400, 21614, DeliveryStatus.Failed)]
    [InlineData("too many requests (20429) is retried", 429, 20429, DeliveryStatus.Pending)]
    [InlineData("server error is retried", 503, 20500, DeliveryStatus.Pending)]
    public async Task Send_TwilioError_IsClassified(string label, int httpStatus, int code, DeliveryStatus expected)
    {
        _twilio.FailNext(httpStatus, code, "refused");

        var result = await Channel().SendAsync(Sms(), CancellationToken.None);

        Assert.True(expected == result.Status, label);
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_WrongToken_IsRejectedByTheApiAndFails()
    {
        var result = await Channel(token: "wrong").SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.Equal(1, _twilio.Rejected);
    }
}
