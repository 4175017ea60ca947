using System.Net.Http.Headers;
using NgoMonitor.Tests.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin;

/// <summary>Static files and API answers are compressed for clients that accept it, and plain for those that do not.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ResponseCompressionTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("/console/js/app.js", "br", "br")]
    [InlineData("/console/console.css", "gzip", "gzip")]
    [InlineData("/api/countries", "gzip, br", "br")]
    [InlineData("/console/js/app.js", "identity", null)]
    public async Task Get_WithAcceptEncoding_AnswersCompressedWhenAccepted(string path, string accept, string? expected)
    {
        await using var admin = await AdminHost.StartAsync(azurite);
        using var request = admin.Request(HttpMethod.Get, path);
        foreach (var coding in accept.Split(", "))
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(coding));
        }

        using var response = await admin.Client.SendAsync(request);

        response.EnsureSuccessStatusCode();
        Assert.Equal(expected is null ? [] : [expected], response.Content.Headers.ContentEncoding);
    }
}
