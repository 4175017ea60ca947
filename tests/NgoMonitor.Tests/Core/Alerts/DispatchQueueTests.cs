using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Storage;
using NgoMonitor.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

/// <summary>The one producer of dispatch messages, against the in-memory outbox and queues.</summary>
public sealed class DispatchQueueTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private readonly InMemoryOutbox _outbox = new();
    private readonly InMemoryWorkQueues _queues = new();

    private DispatchQueue Queue() => new(_outbox, _queues, new AlertsOptions());

    private static OutboxMessage Row(string id, bool held = false) =>
        new(id, "a-" + id, "desk", Channel.Email, "desk@example.org", "Subject", "Text", null, Severity.Severe, "item", Now) { Delivery = held ? Delivery.HeldFor("2026-11-24") : Delivery.New };

    [Theory]
    [InlineData("pending: its message is promised now", false, true)]
    [InlineData("held for a digest: no message", true, false)]
    public void Promised_RowToInsert_PromisesAMessageOnlyWhenPending(string label, bool held, bool promised) =>
        Assert.True((DispatchQueue.Promised(Row("r1", held), Now).Delivery.QueuedAt == Now) == promised, label);

    [Fact]
    public async Task QueueInserted_FiveRowsThreeToAMessage_TwoMessagesVisibleNowAndNoWrite()
    {
        var rows = Enumerable.Range(1, 5).Select(i => DispatchQueue.Promised(Row("r" + i), Now)).ToList();
        await _outbox.AddAsync(rows, CancellationToken.None);
        var versions = _outbox.Rows.Select(r => r.Version).ToList();

        await Queue().QueueInsertedAsync([.. rows.Select(r => new OutboxRef(r.RecipientId, r.Id))], 3, CancellationToken.None);

        Assert.Equal([(3, TimeSpan.Zero), (2, TimeSpan.Zero)], _queues.Dispatch.Select(d => (d.Batch.Rows.Count, d.Delay)));
        Assert.Equal(versions, _outbox.Rows.Select(r => r.Version));
    }

    [Fact]
    public async Task QueueStored_RowsWithADelay_EachRecordsWhenItsMessageAppears()
    {
        await _outbox.AddAsync([Row("r1"), Row("r2")], CancellationToken.None);

        var queued = await Queue().QueueStoredAsync(_outbox.Rows, Now, TimeSpan.FromSeconds(40), 20, CancellationToken.None);

        Assert.Equal(2, queued.Count);
        Assert.All(_outbox.Rows, r => Assert.Equal(Now.AddSeconds(40), r.Delivery.QueuedAt));
        var (batch, delay) = Assert.Single(_queues.Dispatch);
        Assert.Equal((2, TimeSpan.FromSeconds(40)), (batch.Rows.Count, delay));
    }

    [Fact]
    public async Task QueueStored_RowClaimedSinceItWasRead_IsLeftToItsClaimer()
    {
        await _outbox.AddAsync([Row("r1"), Row("r2")], CancellationToken.None);
        var read = _outbox.Rows;
        await _outbox.TryClaimAsync(read[0], Now, CancellationToken.None);

        var queued = await Queue().QueueStoredAsync(read, Now, TimeSpan.Zero, 20, CancellationToken.None);

        Assert.Equal([new OutboxRef("desk", "r2")], queued);
        Assert.Equal([new OutboxRef("desk", "r2")], Assert.Single(_queues.Dispatch).Batch.Rows);
        Assert.Null(_outbox.Rows.Single(r => r.Id == "r1").Delivery.QueuedAt);
    }
}
