using NgoMonitor.Core.Feeds;
using Xunit;

namespace NgoMonitor.Tests.Core.Feeds;

public sealed class FeedScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Five = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);

    [Theory]
    [InlineData("healthy feed waits its interval", 0, 5)]
    [InlineData("one failure doubles", 1, 10)]
    [InlineData("three failures: eight times", 3, 40)]
    [InlineData("many failures clamp to the maximum", 30, 360)]
    public void NextCheck_AfterFailures_BacksOffExponentially(string label, int failures, int minutes) =>
        Assert.True(Now.AddMinutes(minutes) == FeedSchedule.NextCheck(Now, Five, failures, null, MaxBackoff), label);

    [Fact]
    public void NextCheck_RetryAfterLongerThanInterval_IsHonoured() =>
        Assert.Equal(Now.AddMinutes(30), FeedSchedule.NextCheck(Now, Five, 1, TimeSpan.FromMinutes(30), MaxBackoff));

    [Fact]
    public void NextCheck_RetryAfterBeyondMaximum_IsClamped() =>
        Assert.Equal(Now + MaxBackoff, FeedSchedule.NextCheck(Now, Five, 0, TimeSpan.FromDays(3), MaxBackoff));

    [Theory]
    [InlineData("ttl longer than the interval is honoured", 30, 30)]
    [InlineData("ttl shorter than the interval is ignored", 1, 5)]
    [InlineData("a day's ttl is clamped to the maximum interval", 1440, 60)]
    public void NextCheck_FreshnessHint_StretchesTheIntervalWithinTheMaximum(string label, int hintMinutes, int expectedMinutes) =>
        Assert.True(Now.AddMinutes(expectedMinutes) == FeedSchedule.NextCheck(Now, Five, 0, null, MaxBackoff, TimeSpan.FromMinutes(hintMinutes), TimeSpan.FromHours(1)), label);
}
