using NgoMonitor.Core.Feeds;
using Xunit;

namespace NgoMonitor.Tests.Core.Feeds;

public sealed class FeedDatesTests
{
    [Theory]
    [InlineData("RFC 1123 GMT", "Tue, 24 Nov 2026 09:50:00 GMT", "2026-11-24T09:50:00Z")]
    [InlineData("RFC 822 numeric offset", "Tue, 24 Nov 2026 11:50:00 +0200", "2026-11-24T09:50:00Z")]
    [InlineData("no day name", "24 Nov 2026 09:50:00 GMT", "2026-11-24T09:50:00Z")]
    [InlineData("MET is UTC+1", "Tue, 24 Nov 2026 10:50:00 MET", "2026-11-24T09:50:00Z")]
    [InlineData("EST is UTC-5", "Tue, 24 Nov 2026 04:50:00 EST", "2026-11-24T09:50:00Z")]
    [InlineData("two-digit year, no seconds", "Tue, 24 Nov 26 09:50 GMT", "2026-11-24T09:50:00Z")]
    [InlineData("single-digit day", "Wed, 4 Nov 2026 09:50:00 GMT", "2026-11-04T09:50:00Z")]
    [InlineData("RFC 3339 with offset", "2026-11-24T11:50:00+02:00", "2026-11-24T09:50:00Z")]
    [InlineData("RFC 3339 fraction Z", "2026-11-24T09:50:00.123Z", "2026-11-24T09:50:00.123Z")]
    [InlineData("no offset is UTC", "2026-11-24T09:50:00", "2026-11-24T09:50:00Z")]
    [InlineData("RFC 822 without zone is UTC", "Tue, 24 Nov 2026 09:50:00", "2026-11-24T09:50:00Z")]
    public void TryParse_KnownForms_GivesUtc(string label, string value, string expected) =>
        Assert.True(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture) == FeedDates.TryParse(value), label);

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("32 Foo 2026")]
    public void TryParse_Garbage_GivesNull(string value) => Assert.Null(FeedDates.TryParse(value));
}
