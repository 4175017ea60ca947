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

    [Theory]
    [InlineData("Congolese mobile, national form", "0812345678", "CD", "+243812345678")]
    [InlineData("national form with spaces, lower-case country", "081 234 5678", "cd", "+243812345678")]
    [InlineData("Syrian mobile, national form", "0944 123 456", "SY", "+963944123456")]
    [InlineData("international form wins over the country", "+33 6 12 34 56 78", "CD", "+33612345678")]
    [InlineData("not valid in that country", "0812", "CD", null)]
    [InlineData("unknown country code", "0812345678", "XX", null)]
    [InlineData("alpha-3 is not accepted", "0812345678", "COD", null)]
    public void ToE164_NationalNumberWithTheRecipientsCountry(string label, string input, string country, string? expected) =>
        Assert.True(expected == Phones.ToE164(input, country), $"{label}: {Phones.ToE164(input, country)}");
}
