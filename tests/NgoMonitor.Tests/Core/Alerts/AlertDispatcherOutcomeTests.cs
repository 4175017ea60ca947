using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Storage;
using NgoMonitor.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

/// <summary>What each row's attempt comes to, counted in the dispatch report, against in-memory ports and scripted channels.</summary>
public sealed class AlertDispatcherOutcomeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private readonly InMemoryOutbox _outbox = new();
    private readonly InMemoryRecipientStateStore _states = new();
    private readonly ScriptedChannel _email = new(Channel.Email, _ => new DeliveryResult(DeliveryStatus.Sent, "mail-1"));

    private AlertDispatcher Dispatcher(params IAlertChannel[] channels)
    {
        var options = new AlertsOptions();
        return new AlertDispatcher(_outbox, channels, _states, options, new SenderPacing(), new DispatchQueue(_outbox, new InMemoryWorkQueues(), options));
    }

    private static OutboxMessage Sms(string id) =>
        new(id, "a-" + id, "desk", Channel.Sms, "+15005550009", "Alert ACK 1234", "Alert ACK 1234", null, Severity.Severe, "item", Now, FallbackEmail: "desk@example.org");

    private async Task<DispatchReport> DispatchAsync(AlertDispatcher dispatcher, params OutboxMessage[] rows)
    {
        await _outbox.AddAsync(rows, CancellationToken.None);
        return await dispatcher.DispatchAsync(new DispatchBatch([.. rows.Select(r => new OutboxRef(r.RecipientId, r.Id))]), Now, CancellationToken.None);
    }

    [Fact]
    public async Task Dispatch_NumberRefusedForGood_FailsTheSmsAndCountsTheEmailSentInstead()
    {
        var sms = new ScriptedChannel(Channel.Sms, _ => new DeliveryResult(DeliveryStatus.Failed, Error: "Twilio 21610: opted out", AddressUnusable: true));

        var report = await DispatchAsync(Dispatcher(sms, _email), Sms("s1"));

        Assert.Equal((1, 1, 1, 0), (report.Sent, report.Failed, report.FellBack, report.Retrying));
        Assert.Equal("s1-fallback-email", Assert.Single(_email.Sent));
        Assert.True((await _states.GetSmsBlockedAsync(CancellationToken.None)).ContainsKey("desk"));
    }

    [Fact]
    public async Task Dispatch_TransientFailure_ReportsTheRetryWithTheAddressMaskedAndItsBackOff()
    {
        var sms = new ScriptedChannel(Channel.Sms, _ => new DeliveryResult(DeliveryStatus.Pending, Error: "503 for +15005550009"));

        var report = await DispatchAsync(Dispatcher(sms), Sms("s1"));

        Assert.Equal((0, 1, 0), (report.Sent, report.Retrying, report.Failed));
        var retry = Assert.Single(report.Retries);
        Assert.Equal(("s1", 1, Now + new AlertsOptions().RetryDelay), (retry.RowId, retry.Attempts, retry.NextAttemptAt));
        Assert.DoesNotContain("+15005550009", retry.MaskedAddress + retry.Error, StringComparison.Ordinal);
    }

    private sealed class ScriptedChannel(Channel channel, Func<OutboxMessage, DeliveryResult> answer) : IAlertChannel
    {
        public List<string> Sent { get; } = [];

        public Channel Channel => channel;

        public Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            lock (Sent)
            {
                Sent.Add(message.Id);
            }

            return Task.FromResult(answer(message));
        }
    }
}
