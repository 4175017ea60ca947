using Microsoft.Extensions.Time.Testing;
using NgoMonitor.Core.Alerts;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

public sealed class SenderPacingTests
{
    private static readonly TimeSpan Horizon = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Burst_OneLongCodeAtOneSegmentPerSecond_SlotsFollowEachOtherAndTheLastIsDeliveredAfterTheSumOfSegments()
    {
        var pacing = new SenderPacing();
        var now = _time.GetUtcNow();

        var slots = new[] { 1, 2, 1 }.Select(segments => pacing.TryReserve("+15005550006", segments, 1, now, Horizon)!).ToList();

        Assert.Equal([now, now.AddSeconds(1), now.AddSeconds(3)], slots.Select(s => s.Starts));
        Assert.Equal(now.AddSeconds(4), slots[^1].DeliveredBy);
    }

    [Fact]
    public void Reserve_BeyondTheHorizon_ReturnsNullAndReservesNothing()
    {
        var pacing = new SenderPacing();
        var now = _time.GetUtcNow();
        for (var i = 0; i < 31; i++)
        {
            Assert.NotNull(pacing.TryReserve("+15005550006", 1, 1, now, Horizon));
        }

        var refused = pacing.TryReserve("+15005550006", 1, 1, now, Horizon);

        Assert.Null(refused);
        Assert.Equal(now.AddSeconds(31), pacing.FreeAt("+15005550006", now));
    }

    [Fact]
    public void Reserve_AfterTheClockPassesTheBacklog_StartsAtOnceAgain()
    {
        var pacing = new SenderPacing();
        pacing.TryReserve("+15005550006", 10, 1, _time.GetUtcNow(), Horizon);

        _time.Advance(TimeSpan.FromSeconds(25));
        var slot = pacing.TryReserve("+15005550006", 1, 1, _time.GetUtcNow(), Horizon)!;

        Assert.Equal(_time.GetUtcNow(), slot.Starts);
    }

    [Fact]
    public void Senders_AreIndependent_AShortCodeIsNotSlowedByALongCodesBacklog()
    {
        var pacing = new SenderPacing();
        var now = _time.GetUtcNow();
        pacing.TryReserve("+15005550006", 20, 1, now, Horizon);

        var shortCode = pacing.TryReserve("55555", 3, 100, now, Horizon)!;

        Assert.Equal(now, shortCode.Starts);
        Assert.Equal(now.AddMilliseconds(30), shortCode.DeliveredBy);
    }

    [Fact]
    public void DeliveredBy_ABurstOf120OneSegmentAlertsFromALongCode_TakesTwoMinutes()
    {
        var now = _time.GetUtcNow();

        Assert.Equal(now.AddMinutes(2), SenderPacing.DeliveredBy(now, Enumerable.Repeat(1, 120), 1));
    }
}
