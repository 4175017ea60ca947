using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Matching;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

public sealed class SubscriptionPolicyTests
{
    private static readonly Recipient Officer = new("o", "O", "+15005550006", "o@example.org", [Channel.Sms], "Asia/Damascus",
        MinSeverity: Severity.Moderate, Quiet: new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0), Severity.Extreme), SmsPerHour: 3);

    [Theory]
    [InlineData("below the minimum severity is dropped", Severity.Minor, Channel.Sms, 12, 0, AlertRoute.Drop)]
    [InlineData("daytime SMS is sent", Severity.Moderate, Channel.Sms, 12, 0, AlertRoute.Send)]
    [InlineData("quiet hours hold a Moderate SMS (local 02:00)", Severity.Moderate, Channel.Sms, 23, 0, AlertRoute.Digest)]
    [InlineData("quiet hours pass an Extreme SMS", Severity.Extreme, Channel.Sms, 23, 0, AlertRoute.Send)]
    [InlineData("quiet hours never hold email", Severity.Moderate, Channel.Email, 23, 0, AlertRoute.Send)]
    [InlineData("local 07:00 is past the quiet hours", Severity.Moderate, Channel.Sms, 4, 0, AlertRoute.Send)]
    [InlineData("the throttle folds the fourth SMS into the digest", Severity.Severe, Channel.Sms, 12, 3, AlertRoute.Digest)]
    [InlineData("the throttle does not touch email", Severity.Severe, Channel.Email, 12, 3, AlertRoute.Send)]
    public void Route_Cases(string label, Severity severity, Channel channel, int utcHour, int smsInLastHour, AlertRoute expected)
    {
        // Asia/Damascus is UTC+3 all year since 2022.
        var now = new DateTimeOffset(2026, 11, 24, utcHour, 0, 0, TimeSpan.Zero);

        Assert.True(expected == SubscriptionPolicy.Route(Officer, channel, severity, now, smsInLastHour), label);
    }

    [Theory]
    [InlineData("hourly, local time", DigestCadence.Hourly, "2026-11-24T02")]
    [InlineData("daily, local date", DigestCadence.Daily, "2026-11-24")]
    public void DigestPeriod_FollowsTheCadenceInLocalTime(string label, DigestCadence cadence, string expected) =>
        Assert.True(expected == SubscriptionPolicy.DigestPeriod(Officer with { Digest = cadence }, new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero)), label);

    [Theory]
    [InlineData("rule severity alone", Severity.Moderate, 30.0, 1, Severity.Moderate)]
    [InlineData("close to the protected place", Severity.Moderate, 2.0, 1, Severity.Severe)]
    [InlineData("corroborated by three feeds", Severity.Moderate, 30.0, 3, Severity.Severe)]
    [InlineData("close and corroborated", Severity.Moderate, 2.0, 3, Severity.Extreme)]
    [InlineData("never above Extreme", Severity.Severe, 1.0, 5, Severity.Extreme)]
    public void SeverityScale_Cases(string label, Severity rule, double km, int sources, Severity expected) =>
        Assert.True(expected == SeverityScale.For(rule, km, sources, new AlertsOptions()), label);
}
