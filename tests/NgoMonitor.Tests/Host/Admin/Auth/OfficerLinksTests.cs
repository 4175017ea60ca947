using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NgoMonitor.Host.Admin;
using NgoMonitor.Host.Admin.Auth;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin.Auth;

public sealed class OfficerLinksTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static (OfficerLinks Links, FakeTimeProvider Time) Create(string? key = "0123456789abcdef0123456789abcdef-key")
    {
        var time = new FakeTimeProvider(Now);
        return (new OfficerLinks(Options.Create(new AdminApiOptions { LinkSigningKey = key, LinkLifetimeDays = 30 }), time), time);
    }

    [Fact]
    public void Verify_FreshLink_NamesTheRecipient()
    {
        var (links, _) = Create();

        var check = links.Verify(links.Create("azaz-officer").Token);

        Assert.Equal("azaz-officer", check.RecipientId);
    }

    [Fact]
    public void Verify_AfterItsLifetime_ReportsExpired()
    {
        var (links, time) = Create();
        var token = links.Create("azaz-officer").Token;

        time.Advance(TimeSpan.FromDays(30));
        var check = links.Verify(token);

        Assert.Null(check.RecipientId);
        Assert.True(check.Expired);
    }

    [Theory]
    [InlineData("other recipient", "security-desk")]
    [InlineData("later expiry", "expiry")]
    [InlineData("flipped signature", "signature")]
    public void Verify_TamperedLink_IsRejected(string label, string part)
    {
        var (links, _) = Create();
        var parts = links.Create("azaz-officer").Token.Split('.');
        var tampered = part switch
        {
            "security-desk" => $"security-desk.{parts[1]}.{parts[2]}",
            "expiry" => $"{parts[0]}.{long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 86_400}.{parts[2]}",
            _ => $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}",
        };

        var check = links.Verify(tampered);

        Assert.True(check.RecipientId is null && !check.Expired, label);
    }

    [Fact]
    public void Verify_SignedWithAnotherKey_IsRejected()
    {
        var (mine, _) = Create();
        var (theirs, _) = Create("another-key-another-key-another-key-!!");

        Assert.Null(mine.Verify(theirs.Create("azaz-officer").Token).RecipientId);
    }

    [Fact]
    public void Verify_WithoutASigningKey_AcceptsNothing()
    {
        var (links, _) = Create(key: null);

        Assert.Null(links.Verify(links.Sign("azaz-officer", Now.AddDays(1))).RecipientId);
    }
}
