using NgoMonitor.Adapters.Alerts;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Alerts;

public sealed class PhonesTests
{
    [Theory]
    [InlineData("E.164 already", "+15005550006", "+15005550006")]
    [InlineData("spaces and dashes", "+1 500-555-0006", "+15005550006")]
    [InlineData("French mobile with spaces", "+33 6 12 34 56 78", "+33612345678")]
    [InlineData("national form has no country", "06 12 34 56 78", null)]
    [InlineData("too short for its country", "+33 6 12", null)]
    [InlineData("not a number", "+call me", null)]
    public void ToE164_Cases(string label, string input, string? expected) =>
        Assert.True(expected == Phones.ToE164(input), label);
}
