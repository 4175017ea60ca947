using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Alerts;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Alerts;

/// <summary>X-Twilio-Signature as Monitor checks it (the Twilio SDK's request validator with the configured token).</summary>
public sealed class TwilioSignatureTests
{
    // The worked example of Twilio's webhook security documentation (token "12345").
    private const string Token = "12345";
    private const string DocumentedSignature = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
    private static readonly Uri Url = new("https://mycompany.com/myapp.php?foo=1&bar=2");
    private static readonly KeyValuePair<string, string>[] Form =
    [
        new("CallSid", "CA1234567890ABCDE"), new("Caller", "+12349013030"), new("Digits", "1234"), new("From", "+12349013030"), new("To", "+18005551212"),
    ];

    private static TwilioSignature Validator(string token = Token) => new(Options.Create(new TwilioOptions { AuthToken = token }));

    [Fact]
    public void IsValid_TwilioDocumentationExample_Accepted() =>
        Assert.True(Validator().IsValid(Url, Form, DocumentedSignature));

    [Fact]
    public void Sign_TheFakeSignsAsTwilioDocuments() =>
        Assert.Equal(DocumentedSignature, FakeTwilioApi.Sign(Url.AbsoluteUri, Form, Token));

    [Fact]
    public void IsValid_ParametersInAnyOrder_Accepted() =>
        Assert.True(Validator().IsValid(Url, [.. Form.Reverse()], DocumentedSignature));

    [Theory]
    [InlineData("a parameter changed", "Digits", "9999", null, Token)]
    [InlineData("another URL", null, null, "https://mycompany.com/other.php", Token)]
    [InlineData("signed with another token", null, null, null, "54321")]
    public void IsValid_Tampered_Refused(string label, string? field, string? value, string? url, string signingToken)
    {
        var form = Form.Select(p => p.Key == field ? new KeyValuePair<string, string>(p.Key, value!) : p).ToList();
        var signature = FakeTwilioApi.Sign(Url.AbsoluteUri, Form, signingToken);

        Assert.False(Validator().IsValid(url is null ? Url : new Uri(url), form, signature), label);
    }

    [Theory]
    [InlineData("missing header", null)]
    [InlineData("empty header", "")]
    [InlineData("garbage", "not base64 at all")]
    public void IsValid_NoUsableSignature_Refused(string label, string? signature) =>
        Assert.False(Validator().IsValid(Url, Form, signature), label);

    [Fact]
    public void IsValid_SignedWithTheDefaultPortShown_Accepted()
    {
        var signature = FakeTwilioApi.Sign("https://mycompany.com:443/myapp.php?foo=1&bar=2", Form, Token);

        Assert.True(Validator().IsValid(Url, Form, signature));
    }

    [Fact]
    public void IsValid_AParameterPostedTwice_Refused()
    {
        var signature = FakeTwilioApi.Sign(Url.AbsoluteUri, Form, Token);

        Assert.False(Validator().IsValid(Url, [.. Form, new("Digits", "1234")], signature));
    }

    [Fact]
    public void IsValid_NoAuthTokenConfigured_RefusesEverything() =>
        Assert.False(Validator(token: "").IsValid(Url, Form, FakeTwilioApi.Sign(Url.AbsoluteUri, Form, "")));
}
