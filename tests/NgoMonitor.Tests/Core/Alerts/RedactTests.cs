using NgoMonitor.Core.Alerts;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

public sealed class RedactTests
{
    [Theory]
    [InlineData("+447700900123", "+44*******123")]
    [InlineData("+15005550006", "+15******006")]
    [InlineData("12345", "*****")]
    public void Phone_KeepsCountryCodeAndLastDigitsOnly(string phone, string masked) => Assert.Equal(masked, Redact.Phone(phone));

    [Fact]
    public void Email_KeepsFirstLetterAndDomainOnly() => Assert.Equal("o***@example.org", Redact.Email("officer@example.org"));
}
