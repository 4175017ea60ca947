using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Storage;
using NgoMonitor.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

/// <summary>The dispatcher's pacing with an in-memory outbox and queue: what is sent now, what goes back to the queue, and the burst's expected delivery.</summary>
public sealed class AlertDispatcherPacingTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Dispatch_FiveSmsFromOneLongCodeWithATwoSecondHorizon_SendsThreeDefersTwoAndProjectsFiveSeconds()
    {
        var outbox = new InMemoryOutbox();
        var rows = Enumerable.Range(1, 5).Select(i => Sms("r" + i, "Alert " + i)).ToList();
        await outbox.AddAsync(rows, CancellationToken.None);
        var sms = new PacedSms(1);
        var queues = new InMemoryWorkQueues();
        var dispatcher = Dispatcher(outbox, sms, new AlertsOptions { PacingHorizon = TimeSpan.FromSeconds(2) }, queues);
        var now = _time.GetUtcNow();

        var report = await dispatcher.DispatchAsync(new DispatchBatch([.. rows.Select(r => new OutboxRef(r.RecipientId, r.Id))]), now, CancellationToken.None);

        Assert.Equal(3, report.Sent);
        Assert.Equal(2, report.Deferred);
        Assert.Equal(now.AddSeconds(5), report.ExpectedDeliveredBy);
        var (batch, delay) = Assert.Single(queues.Dispatch);
        Assert.Equal(2, batch.Rows.Count);
        Assert.Equal(TimeSpan.FromSeconds(1), delay);
        Assert.Equal(3, sms.Sent.Count);
    }

    [Fact]
    public async Task Dispatch_DeferredRowsRedeliveredAtTheirDelay_AreAllSentWithoutEverExceedingTheHorizon()
    {
        var outbox = new InMemoryOutbox();
        var rows = Enumerable.Range(1, 5).Select(i => Sms("r" + i, "Alert " + i)).ToList();
        await outbox.AddAsync(rows, CancellationToken.None);
        var sms = new PacedSms(1);
        var queues = new InMemoryWorkQueues();
        var start = _time.GetUtcNow();
        var dispatcher = Dispatcher(outbox, sms, new AlertsOptions { PacingHorizon = TimeSpan.FromSeconds(2) }, queues);
        await dispatcher.DispatchAsync(new DispatchBatch([.. rows.Select(r => new OutboxRef(r.RecipientId, r.Id))]), start, CancellationToken.None);

        var rounds = new List<int>();
        while (queues.TryDequeueDispatch(out var next))
        {
            _time.Advance(next.Delay);
            rounds.Add((await dispatcher.DispatchAsync(next.Batch, _time.GetUtcNow(), CancellationToken.None)).Sent);
        }

        Assert.Equal([1, 1], rounds);
        Assert.Equal(5, sms.Sent.Distinct().Count());
        Assert.Equal(start.AddSeconds(2), _time.GetUtcNow());
    }

    [Fact]
    public async Task Dispatch_DeferredRows_RecordWhenTheirMessageAppearsSoTheSweepLeavesThemUntilItIsOverdue()
    {
        var outbox = new InMemoryOutbox();
        var rows = Enumerable.Range(1, 5).Select(i => Sms("r" + i, "Alert " + i)).ToList();
        await outbox.AddAsync(rows, CancellationToken.None);
        var queues = new InMemoryWorkQueues();
        var options = new AlertsOptions { PacingHorizon = TimeSpan.FromSeconds(2) };
        var dispatcher = Dispatcher(outbox, new PacedSms(1.0 / 600), options, queues);
        var now = _time.GetUtcNow();
        await dispatcher.DispatchAsync(new DispatchBatch([.. rows.Select(r => new OutboxRef(r.RecipientId, r.Id))]), now, CancellationToken.None);
        var (_, delay) = Assert.Single(queues.Dispatch);

        var beforeItAppears = await dispatcher.EnqueuePendingAsync(now + delay - TimeSpan.FromSeconds(1), 20, CancellationToken.None);
        var withinGrace = await dispatcher.EnqueuePendingAsync(now + delay + options.SweepGrace - TimeSpan.FromSeconds(1), 20, CancellationToken.None);
        var overdue = await dispatcher.EnqueuePendingAsync(now + delay + options.SweepGrace, 20, CancellationToken.None);

        Assert.True(delay > options.SweepGrace, "the deferral outlasts the grace: " + delay);
        Assert.Equal(0, beforeItAppears);
        Assert.Equal(0, withinGrace);
        Assert.Equal(4, overdue);
        Assert.Equal(2, queues.Dispatch.Count);
    }

    [Fact]
    public async Task Dispatch_RowAlreadySent_IsSkippedOnRedelivery()
    {
        var outbox = new InMemoryOutbox();
        var row = Sms("r1", "Alert");
        await outbox.AddAsync([row], CancellationToken.None);
        var sms = new PacedSms(1);
        var dispatcher = Dispatcher(outbox, sms, new AlertsOptions(), new InMemoryWorkQueues());
        var batch = new DispatchBatch([new OutboxRef("r1", row.Id)]);

        await dispatcher.DispatchAsync(batch, _time.GetUtcNow(), CancellationToken.None);
        var again = await dispatcher.DispatchAsync(batch, _time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(0, again.Sent);
        Assert.Single(sms.Sent);
    }

    private static AlertDispatcher Dispatcher(InMemoryOutbox outbox, IAlertChannel sms, AlertsOptions options, InMemoryWorkQueues queues) =>
        new(outbox, [sms], new InMemoryRecipientStateStore(), options, new SenderPacing(), new DispatchQueue(outbox, queues, options));

    private OutboxMessage Sms(string recipient, string text) =>
        new("a-" + recipient + "-sms", "a-" + recipient, recipient, Channel.Sms, "+15005550006", text, text, null, Severity.Severe, "item", _time.GetUtcNow());

    private sealed class PacedSms(double rate) : IAlertChannel, IPacedChannel
    {
        public ConcurrentQueue<string> Sent { get; } = new();

        public Channel Channel => Channel.Sms;

        public double SegmentsPerSecond => rate;

        public string SenderFor(OutboxMessage message) => "+15005550000";

        public Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Sent.Enqueue(message.Id);
            return Task.FromResult(new DeliveryResult(DeliveryStatus.Sent, "SM" + message.Id));
        }
    }
}
