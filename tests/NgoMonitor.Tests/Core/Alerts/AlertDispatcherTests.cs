using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Storage;
using NgoMonitor.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

/// <summary>The dispatcher's claims, retries and sweep against the in-memory outbox, time advanced by a fake clock.</summary>
public sealed class AlertDispatcherTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryOutbox _outbox = new();
    private readonly InMemoryWorkQueues _queues = new();
    private readonly AlertsOptions _options = new();

    private AlertDispatcher Dispatcher(IAlertChannel channel) =>
        new(_outbox, [channel], new InMemoryRecipientStateStore(), _options, new SenderPacing(), new DispatchQueue(_outbox, _queues, _options));

    private OutboxMessage Email(string id) =>
        new(id, "alert-" + id, "desk", Channel.Email, "desk@example.org", "Subject", "Text", null, Severity.Severe, "item", _time.GetUtcNow());

    private static DispatchBatch Batch(params OutboxMessage[] rows) => new([.. rows.Select(r => new OutboxRef(r.RecipientId, r.Id))]);

    /// <summary>One timer tick as production runs it: the sweep queues what is due, then the dispatch queue's handler
    /// takes every message.</summary>
    private async Task<DispatchReport> TickAsync(AlertDispatcher dispatcher, DateTimeOffset now)
    {
        await dispatcher.EnqueuePendingAsync(now, rowsPerMessage: 10, CancellationToken.None);
        var report = DispatchReport.None;
        while (_queues.TryDequeueDispatch(out var message))
        {
            report = report.Add(await dispatcher.DispatchAsync(message.Batch, now, CancellationToken.None));
        }

        return report;
    }

    [Fact]
    public async Task Dispatch_TwoDispatchersTakeTheSameMessage_TheRowIsSentOnce()
    {
        var row = Email("e1");
        await _outbox.AddAsync([row], CancellationToken.None);
        var channel = new ScriptedEmail(_ => new DeliveryResult(DeliveryStatus.Sent, "id-1"));

        await Task.WhenAll(
            Dispatcher(channel).DispatchAsync(Batch(row), _time.GetUtcNow(), CancellationToken.None),
            Dispatcher(channel).DispatchAsync(Batch(row), _time.GetUtcNow(), CancellationToken.None));

        Assert.Single(channel.Attempts);
        Assert.Equal(DeliveryStatus.Sent, Assert.Single(_outbox.Rows).Status);
    }

    [Fact]
    public async Task Dispatch_RowAlreadySent_IsNotSentAgainOnRedelivery()
    {
        var row = Email("e1");
        await _outbox.AddAsync([row], CancellationToken.None);
        var channel = new ScriptedEmail(_ => new DeliveryResult(DeliveryStatus.Sent, "id-1"));
        var dispatcher = Dispatcher(channel);

        await dispatcher.DispatchAsync(Batch(row), _time.GetUtcNow(), CancellationToken.None);
        var again = await dispatcher.DispatchAsync(Batch(row), _time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(0, again.Sent);
        Assert.Single(channel.Attempts);
    }

    [Fact]
    public async Task Dispatch_ChannelKeepsThrowing_RetriesOnTheDoublingBackOffThenFails()
    {
        var row = Email("e1");
        await _outbox.AddAsync([row], CancellationToken.None);
        var channel = new ScriptedEmail(_ => throw new IOException("SMTP 451 try later"));
        var dispatcher = Dispatcher(channel);
        var start = _time.GetUtcNow();

        // The timer ticks every 15 s for ten minutes; each tick sends what is due.
        for (var tick = 0; tick < 40; tick++)
        {
            await TickAsync(dispatcher, _time.GetUtcNow());
            _time.Advance(TimeSpan.FromSeconds(15));
        }

        Assert.Equal([0, 30, 90, 210, 450], channel.Attempts.Select(at => (int)(at - start).TotalSeconds));
        var stored = Assert.Single(_outbox.Rows);
        Assert.Equal((DeliveryStatus.Failed, 5), (stored.Status, stored.Attempts));
        Assert.Contains("SMTP 451", stored.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_RowInItsBackOff_IsSkippedByItsMessageUntilDue()
    {
        var row = Email("e1");
        await _outbox.AddAsync([row], CancellationToken.None);
        var failures = 1;
        var channel = new ScriptedEmail(_ => failures-- > 0 ? new DeliveryResult(DeliveryStatus.Pending, Error: "busy") : new DeliveryResult(DeliveryStatus.Sent, "id-1"));
        var dispatcher = Dispatcher(channel);
        await dispatcher.DispatchAsync(Batch(row), _time.GetUtcNow(), CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(29));
        var early = await dispatcher.DispatchAsync(Batch(row), _time.GetUtcNow(), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var due = await dispatcher.DispatchAsync(Batch(row), _time.GetUtcNow(), CancellationToken.None);

        Assert.Equal((0, 1), (early.Sent, due.Sent));
        Assert.Equal(2, channel.Attempts.Count);
    }

    [Fact]
    public async Task Dispatch_ClaimLeftSendingPastTheLease_IsSentAgain()
    {
        var row = Email("e1");
        await _outbox.AddAsync([row], CancellationToken.None);
        var stored = Assert.Single(_outbox.Rows);
        Assert.NotNull(await _outbox.TryClaimAsync(stored, _time.GetUtcNow(), CancellationToken.None)); // its dispatcher died
        var channel = new ScriptedEmail(_ => new DeliveryResult(DeliveryStatus.Sent, "id-1"));
        var dispatcher = Dispatcher(channel);

        var withinLease = await TickAsync(dispatcher, _time.GetUtcNow() + _options.SendingLease - TimeSpan.FromSeconds(1));
        var afterLease = await TickAsync(dispatcher, _time.GetUtcNow() + _options.SendingLease);

        Assert.Equal((0, 1), (withinLease.Sent, afterLease.Sent));
    }

    [Fact]
    public async Task Sweep_RowQueuedByItsBatch_IsLeftToThatMessageThenQueuedOnceWhenOverdue()
    {
        var row = Email("e1") with { QueuedAt = _time.GetUtcNow() };
        await _outbox.AddAsync([row], CancellationToken.None);
        var dispatcher = Dispatcher(new ScriptedEmail(_ => new DeliveryResult(DeliveryStatus.Sent, "id-1")));

        var swept = new List<int>();
        for (var minute = 0; minute <= 10; minute++)
        {
            swept.Add(await dispatcher.EnqueuePendingAsync(_time.GetUtcNow(), 20, CancellationToken.None));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], swept);
        Assert.Equal(2, _queues.Dispatch.Count);
    }

    /// <summary>An email channel answering from a script, recording when each attempt was made.</summary>
    private sealed class ScriptedEmail(Func<OutboxMessage, DeliveryResult> answer) : IAlertChannel
    {
        private readonly ConcurrentQueue<DateTimeOffset> _attempts = new();

        public IReadOnlyCollection<DateTimeOffset> Attempts => _attempts;

        public Channel Channel => Channel.Email;

        public Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            _attempts.Enqueue(message.ClaimedAt ?? DateTimeOffset.MinValue);
            return Task.FromResult(answer(message));
        }
    }
}
