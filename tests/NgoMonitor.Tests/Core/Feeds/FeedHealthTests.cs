using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Feeds;
using Xunit;

namespace NgoMonitor.Tests.Core.Feeds;

public sealed class FeedHealthTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly FeedSource Feed = new("wire", "Wire", new Uri("https://wire.example.org/feed.xml"), TimeSpan.FromMinutes(5));

    [Theory]
    [InlineData("failing for ten minutes is an outage, not an incident", 10, FeedProblem.None)]
    [InlineData("failing for an hour is an incident", 60, FeedProblem.Failing)]
    public void Assess_FailingFeed_IsReportedAfterAnHour(string label, int minutes, FeedProblem expected) =>
        Assert.True(expected == FeedHealth.Assess(new FeedState("wire", FailingSince: Now.AddMinutes(-minutes)), Now), label);

    [Theory]
    [InlineData("ten a day, quiet for six hours: within its period", 6, FeedProblem.None)]
    [InlineData("ten a day, quiet for two days: silent", 48, FeedProblem.Silent)]
    public void Assess_QuietFeed_IsSilentAfterThreeAverageGaps(string label, int quietHours, FeedProblem expected)
    {
        var state = new FeedState("wire", ItemsCounted: 100, CountingSince: Now.AddDays(-10), LastNewItem: Now.AddHours(-quietHours));

        Assert.True(expected == FeedHealth.Assess(state, Now), label);
    }

    [Fact]
    public void Assess_NewFeedWithFewItems_IsNeverSilent() =>
        Assert.Equal(FeedProblem.None, FeedHealth.Assess(new FeedState("wire", ItemsCounted: 2, CountingSince: Now.AddDays(-30), LastNewItem: Now.AddDays(-29)), Now));

    [Fact]
    public void CountItems_NewItems_UpdatesItemsPerDay()
    {
        var state = FeedHealth.CountItems(new FeedState("wire", ItemsCounted: 10, CountingSince: Now.AddDays(-2)), 10, Now);

        Assert.Equal(10, FeedHealth.ItemsPerDay(state, Now));
        Assert.Equal(Now, state.LastNewItem);
    }

    [Fact]
    public void AlertMessages_SameIncidentTwice_GivesTheSameIds()
    {
        var admin = new Recipient("desk", "Desk", null, "desk@example.org", [Channel.Email], IsAdmin: true);
        var state = new FeedState("wire", FailingSince: Now.AddHours(-2), ConsecutiveFailures: 9, LastError: "HTTP 503");

        var first = FeedHealth.AlertMessages(Feed, state, FeedProblem.Failing, [admin], Now);
        var again = FeedHealth.AlertMessages(Feed, state, FeedProblem.Failing, [admin], Now.AddMinutes(5));

        Assert.Equal(first.Select(m => m.Id), again.Select(m => m.Id));
        Assert.Contains("HTTP 503", Assert.Single(first).Text, StringComparison.Ordinal);
    }
}
