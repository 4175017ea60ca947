using System.Net;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Adapters.Feeds;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Feeds;

/// <summary>
/// The address guard's decisions, taken before any connection: these tests send no traffic anywhere (refused
/// addresses are only ever judged, never contacted).
/// </summary>
public sealed class NetworkGuardTests
{
    [Theory]
    [InlineData("cloud metadata", "169.254.169.254")]
    [InlineData("link-local", "169.254.10.1")]
    [InlineData("Alibaba metadata", "100.100.100.200")]
    [InlineData("AWS IPv6 metadata", "fd00:ec2::254")]
    [InlineData("IPv6 link-local", "fe80::1")]
    [InlineData("IPv4-mapped metadata", "::ffff:169.254.169.254")]
    [InlineData("this network", "0.0.0.0")]
    [InlineData("multicast", "224.0.0.1")]
    [InlineData("broadcast", "255.255.255.255")]
    public void Refusal_NeverAllowedAddress_IsRefusedEvenWithThePrivateNetworkAllowance(string label, string address)
    {
        Assert.True(NetworkGuard.Refusal(IPAddress.Parse(address), allowPrivate: true) is not null, label);
        Assert.True(NetworkGuard.Refusal(IPAddress.Parse(address), allowPrivate: false) is not null, label);
    }

    [Theory]
    [InlineData("loopback", "127.0.0.1")]
    [InlineData("RFC 1918 10/8", "10.1.2.3")]
    [InlineData("RFC 1918 172.16/12", "172.20.0.5")]
    [InlineData("RFC 1918 192.168/16", "192.168.1.1")]
    [InlineData("carrier-grade NAT", "100.64.0.1")]
    [InlineData("IPv6 loopback", "::1")]
    [InlineData("IPv6 unique local", "fd12:3456::1")]
    public void Refusal_PrivateAddress_IsRefusedWithoutTheAllowanceAndAllowedWithIt(string label, string address)
    {
        Assert.True(NetworkGuard.Refusal(IPAddress.Parse(address), allowPrivate: false) is not null, label);
        Assert.True(NetworkGuard.Refusal(IPAddress.Parse(address), allowPrivate: true) is null, label);
    }

    [Theory]
    [InlineData("same origin, other path", "http://127.0.0.1:8080/feed.xml", "http://127.0.0.1:8080/other.xml", true)]
    [InlineData("other port", "http://127.0.0.1:8080/feed.xml", "http://127.0.0.1:10012/devstoreaccount1", false)]
    [InlineData("default port spelled out", "http://intranet.example/feed.xml", "http://intranet.example:80/x", true)]
    [InlineData("other scheme", "http://intranet.example/feed.xml", "https://intranet.example/feed.xml", false)]
    [InlineData("other host", "http://127.0.0.1:8080/feed.xml", "http://localhost:8080/feed.xml", false)]
    public void AllowsPrivate_CoversTheFeedsExactOriginOnly(string label, string feed, string url, bool expected) =>
        Assert.True(NetworkGuard.AllowsPrivate(new Uri(feed), true, new Uri(url)) == expected, label);

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fe80::1]/feed.xml")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/")]
    [InlineData("http://100.100.100.200/latest/meta-data/")]
    public void ConfigMapper_FeedOnAMetadataAddressWithTheAllowance_IsRefused(string url)
    {
        var result = ConfigMapper.ToConfig(new ConfigDocument { Feeds = [new FeedEntry { Id = "meta", Url = url, AllowPrivateNetwork = true }] });

        Assert.Empty(result.Config.Feeds);
        Assert.Contains(result.Errors, e => e.Contains("metadata", StringComparison.Ordinal));
    }
}
