using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Storage;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

/// <summary>The dispatcher's pacing with an in-memory outbox and queue: what is sent now, what goes back to the queue, and the burst's expected delivery.</summary>
public sealed class AlertDispatcherPacingTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Dispatch_FiveSmsFromOneLongCodeWithATwoSecondHorizon_SendsThreeDefersTwoAndProjectsFiveSeconds()
    {
        var outbox = new MemoryOutbox();
        var rows = Enumerable.Range(1, 5).Select(i => Sms("r" + i, "Alert " + i)).ToList();
        await outbox.AddAsync(rows, CancellationToken.None);
        var sms = new PacedSms(1);
        var queues = new RecordingQueues();
        var dispatcher = new AlertDispatcher(outbox, [sms], new NoRecipientStates(), new AlertsOptions { PacingHorizon = TimeSpan.FromSeconds(2) }, new SenderPacing(), queues);
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
        var outbox = new MemoryOutbox();
        var rows = Enumerable.Range(1, 5).Select(i => Sms("r" + i, "Alert " + i)).ToList();
        await outbox.AddAsync(rows, CancellationToken.None);
        var sms = new PacedSms(1);
        var queues = new RecordingQueues();
        var start = _time.GetUtcNow();
        var dispatcher = new AlertDispatcher(outbox, [sms], new NoRecipientStates(), new AlertsOptions { PacingHorizon = TimeSpan.FromSeconds(2) }, new SenderPacing(), queues);
        await dispatcher.DispatchAsync(new DispatchBatch([.. rows.Select(r => new OutboxRef(r.RecipientId, r.Id))]), start, CancellationToken.None);

        var rounds = new List<int>();
        while (queues.Dispatch.TryDequeue(out var next))
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
        var outbox = new MemoryOutbox();
        var rows = Enumerable.Range(1, 5).Select(i => Sms("r" + i, "Alert " + i)).ToList();
        await outbox.AddAsync(rows, CancellationToken.None);
        var queues = new RecordingQueues();
        var options = new AlertsOptions { PacingHorizon = TimeSpan.FromSeconds(2) };
        var dispatcher = new AlertDispatcher(outbox, [new PacedSms(1.0 / 600)], new NoRecipientStates(), options, new SenderPacing(), queues);
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
        var outbox = new MemoryOutbox();
        var row = Sms("r1", "Alert");
        await outbox.AddAsync([row], CancellationToken.None);
        var sms = new PacedSms(1);
        var dispatcher = new AlertDispatcher(outbox, [sms], new NoRecipientStates(), new AlertsOptions(), new SenderPacing(), new RecordingQueues());
        var batch = new DispatchBatch([new OutboxRef("r1", row.Id)]);

        await dispatcher.DispatchAsync(batch, _time.GetUtcNow(), CancellationToken.None);
        var again = await dispatcher.DispatchAsync(batch, _time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(0, again.Sent);
        Assert.Single(sms.Sent);
    }

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

    private sealed class RecordingQueues : IWorkQueues
    {
        public ConcurrentQueue<(DispatchBatch Batch, TimeSpan Delay)> Dispatch { get; } = new();

        public Task EnqueuePollAsync(IReadOnlyList<PollBatch> batches, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task EnqueueDispatchAsync(DispatchBatch batch, TimeSpan delay, CancellationToken cancellationToken)
        {
            Dispatch.Enqueue((batch, delay));
            return Task.CompletedTask;
        }
    }

    private sealed class NoRecipientStates : IRecipientStateStore
    {
        public Task<IReadOnlyDictionary<string, string>> GetSmsBlockedAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

        public Task BlockSmsAsync(string recipientId, string reason, DateTimeOffset at, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Just enough outbox for dispatching: rows by key, versions for the claim.</summary>
    private sealed class MemoryOutbox : IOutbox
    {
        private readonly ConcurrentDictionary<(string, string), OutboxMessage> _rows = new();
        private int _version;

        public Task AddAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
        {
            foreach (var m in messages)
            {
                _rows.TryAdd((m.RecipientId, m.Id), m with { Version = Next() });
            }

            return Task.CompletedTask;
        }

        public Task<OutboxMessage?> GetAsync(OutboxRef row, CancellationToken cancellationToken) => Task.FromResult(_rows.GetValueOrDefault((row.RecipientId, row.Id)));

        public Task<IReadOnlyList<OutboxMessage>> GetPendingAsync(DateTimeOffset staleClaimBefore, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<OutboxMessage>>([.. _rows.Values.Where(r => r.Status == DeliveryStatus.Pending)]);

        public Task<OutboxMessage?> TryClaimAsync(OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var key = (message.RecipientId, message.Id);
            var current = _rows[key];
            var claimed = message with { Status = DeliveryStatus.Sending, ClaimedAt = now, Version = Next() };
            return Task.FromResult(current.Version == message.Version && _rows.TryUpdate(key, claimed, current) ? claimed : null);
        }

        public Task CompleteAsync(OutboxMessage claimed, DeliveryResult result, int maxAttempts, DateTimeOffset retryAt, CancellationToken cancellationToken)
        {
            _rows[(claimed.RecipientId, claimed.Id)] = claimed with
            {
                Status = result.Status,
                Attempts = claimed.Attempts + 1,
                ProviderMessageId = result.ProviderMessageId,
                NextAttemptAt = result.Status == DeliveryStatus.Pending ? retryAt : null,
                Version = Next(),
            };
            return Task.CompletedTask;
        }

        public Task<int> CountSentSinceAsync(string recipientId, Channel channel, DateTimeOffset since, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<OutboxMessage>> GetHeldAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> TryUpdateAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            var key = (message.RecipientId, message.Id);
            var current = _rows[key];
            return Task.FromResult(current.Version == message.Version && _rows.TryUpdate(key, message with { Version = Next() }, current));
        }

        public Task<OutboxMessage?> FindByProviderIdAsync(string providerMessageId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<OutboxMessage>> GetAlertAsync(string alertId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<OutboxMessage>> FindByAckCodeAsync(string recipientId, string ackCode, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<OutboxMessage>> GetUnacknowledgedAsync(Severity atOrAbove, DateTimeOffset createdBefore, CancellationToken cancellationToken) => throw new NotSupportedException();

        private string Next() => Interlocked.Increment(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
