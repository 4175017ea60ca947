using NgoMonitor.Core.Feeds;
using Xunit;

namespace NgoMonitor.Tests.Core.Feeds;

public sealed class FeedDatesTests
{
    [Theory]
    [InlineData("RFC 1123 GMT", "Tue, 24 Nov 2026 09:50:00 GMT", "2026-11-24T09:50:00Z")]
    [InlineData("RFC 822 numeric offset", "Tue, 24 Nov 2026 11:50:00 +0200", "2026-11-24T09:50:00Z")]
    [InlineData("no day name", "24 Nov 2026 09:50:00 GMT", "2026-11-24T09:50:00Z")]
    [InlineData("comma after the month", "Mon, 13 Feb, 2012 06:28:00 UTC", "2012-02-13T06:28:00Z")]
    [InlineData("GMT with an offset", "Wed, 19 Feb 2012 22:40:00 GMT-01:01", "2012-02-19T23:41:00Z")]
    [InlineData("Etc/GMT", "Wed, 19 Aug 2009 18:28:00 Etc/GMT", "2009-08-19T18:28:00Z")]
    [InlineData("US zone without S/D letter", "Mon, 26 January 2004 16:31:00 ET", "2004-01-26T21:31:00Z")]
    [InlineData("asctime", "Sun Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z")]
    [InlineData("asctime with offset before the year", "Sun Jul 15 01:16:00 +0000 2012", "2012-07-15T01:16:00Z")]
    [InlineData("W3C-DTF bare year", "2003", "2003-01-01T00:00:00Z")]
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
