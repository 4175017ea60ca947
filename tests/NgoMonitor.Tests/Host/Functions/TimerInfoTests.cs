using NgoMonitor.Host.Functions;
using Xunit;

namespace NgoMonitor.Tests.Host.Functions;

public sealed class TimerInfoTests
{
    [Theory]
    [InlineData("full envelope", """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-01-01T10:15:00+00:00","Next":"2026-01-01T10:20:00+00:00"},"IsPastDue":false}},"Metadata":{}}""", false, "2026-01-01T10:20:00+00:00")]
    [InlineData("schedule status null", """{"Data":{"timer":{"ScheduleStatus":null,"IsPastDue":true}},"Metadata":{}}""", true, null)]
    [InlineData("odd timestamp format", """{"Data":{"timer":{"ScheduleStatus":{"Next":"01/01/2026 10:20:00"},"IsPastDue":false}}}""", false, "01/01/2026 10:20:00")]
    [InlineData("unknown extra fields", """{"Data":{"timer":{"IsPastDue":false,"Extra":{"x":1}},"other":[1,2]},"Metadata":{"sys":{"MethodName":"PollFeeds"}},"New":true}""", false, null)]
    [InlineData("lower-case keys", """{"data":{"timer":{"isPastDue":true}}}""", true, null)]
    [InlineData("empty object", """{}""", null, null)]
    public void Parse_HostEnvelope_IsReadLeniently(string label, string body, bool? pastDue, string? next)
    {
        var timer = TimerInfo.Parse(body);

        Assert.True(timer is not null && timer.IsPastDue == pastDue && timer.Next == next, label);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public void Parse_NotAnObject_GivesNull(string body) => Assert.Null(TimerInfo.Parse(body));
}
