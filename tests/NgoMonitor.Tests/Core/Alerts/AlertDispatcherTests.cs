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

    [Theory]
    [InlineData("defaults: 30 s doubling, under the 15-minute cap", null, new[] { 0, 30, 90, 210, 450 })]
    [InlineData("cap of 1 minute: 30 s, then 60 s each", 60, new[] { 0, 30, 90, 150, 210 })]
    public async Task Dispatch_ChannelKeepsThrowing_RetriesOnTheDoublingBackOffThenFails(string label, int? maxRetryDelaySeconds, int[] expectedSeconds)
    {
        if (maxRetryDelaySeconds is { } cap)
        {
            _options.MaxRetryDelay = TimeSpan.FromSeconds(cap);
        }

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

        Assert.True(expectedSeconds.SequenceEqual(channel.Attempts.Select(at => (int)(at - start).TotalSeconds)), label);
        var stored = Assert.Single(_outbox.Rows);
        Assert.Equal((DeliveryStatus.Failed, 5), (stored.Status, stored.Delivery.Attempts));
        Assert.Contains("SMTP 451", stored.Delivery.Error, StringComparison.Ordinal);
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

    /// <summary>Nothing but the timer brings the retry: no tick inside the back-off queues the row, the first after it
    /// does, and the row is sent once.</summary>
    [Fact]
    public async Task Sweep_AttemptFailed_QueuesTheRowAtTheFirstTickAfterItsBackOffAndItIsSentOnce()
    {
        await _outbox.AddAsync([Email("e1")], CancellationToken.None);
        var answers = new Queue<DeliveryResult>([new(DeliveryStatus.Pending, Error: "SMTP 451"), new(DeliveryStatus.Sent, "id-1")]);
        var channel = new ScriptedEmail(_ => answers.Dequeue());
        var dispatcher = Dispatcher(channel);
        var start = _time.GetUtcNow();

        var sent = new List<int>();
        for (var tick = 0; tick < 8; tick++)
        {
            var report = await TickAsync(dispatcher, _time.GetUtcNow());
            sent.Add(report.Sent);
            _time.Advance(TimeSpan.FromSeconds(15));
        }

        Assert.Equal([0, 30], channel.Attempts.Select(at => (int)(at - start).TotalSeconds));
        Assert.Equal([0, 0, 1, 0, 0, 0, 0, 0], sent);
        Assert.Equal(DeliveryStatus.Sent, Assert.Single(_outbox.Rows).Status);
    }

    /// <summary>A provider that asks for 5 minutes (HTTP Retry-After) gets them, not the 30 s back-off.</summary>
    [Fact]
    public async Task Dispatch_ProviderAsksForALongerWait_TheRetryWaitsItInsteadOfTheBackOff()
    {
        await _outbox.AddAsync([Email("e1")], CancellationToken.None);
        var answers = new Queue<DeliveryResult>([new(DeliveryStatus.Pending, Error: "429", RetryAfter: TimeSpan.FromMinutes(5)), new(DeliveryStatus.Sent, "id-1")]);
        var channel = new ScriptedEmail(_ => answers.Dequeue());
        var dispatcher = Dispatcher(channel);
        var start = _time.GetUtcNow();

        await TickAsync(dispatcher, start);
        var waiting = Assert.Single(_outbox.Rows).Delivery.NextAttemptAt;
        var early = await TickAsync(dispatcher, start.AddSeconds(299));
        var due = await TickAsync(dispatcher, start.AddSeconds(300));

        Assert.Equal(start.AddMinutes(5), waiting);
        Assert.Equal((0, 1), (early.Sent, due.Sent));
        Assert.Equal([0, 300], channel.Attempts.Select(at => (int)(at - start).TotalSeconds));
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
        var row = Email("e1") with { Delivery = Delivery.New.Queued(_time.GetUtcNow()) };
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
            _attempts.Enqueue(message.Delivery.ClaimedAt ?? DateTimeOffset.MinValue);
            return Task.FromResult(answer(message));
        }
    }
}
