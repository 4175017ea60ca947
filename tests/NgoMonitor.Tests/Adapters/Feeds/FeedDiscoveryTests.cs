using NgoMonitor.Adapters.Feeds;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Feeds;

public sealed class FeedDiscoveryTests
{
    private static readonly Uri Page = new("https://news.example.org/africa/index.html");

    [Fact]
    public void FromHtml_AlternateLinks_GivesAbsoluteFeedUrlsInPageOrder()
    {
        const string html = """
            <html><head>
              <link rel="stylesheet" href="/site.css">
              <LINK REL="alternate" TYPE="application/rss+xml" TITLE="Africa &amp; Middle East" HREF="rss.xml">
              <link type='application/atom+xml' rel='Alternate home' href='//feeds.example.org/atom'>
              <link rel="alternate" type="application/feed+json" href="/feed.json" title="">
              <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
              <link rel="alternate" type="application/rss+xml" href="rss.xml">
            </head><body><a rel="alternate" type="application/rss+xml" href="/not-a-link-element.xml">RSS</a></body></html>
            """;

        var feeds = FeedDiscovery.FromHtml(html, Page);

        Assert.Equal(
            ["https://news.example.org/africa/rss.xml", "https://feeds.example.org/atom", "https://news.example.org/feed.json"],
            feeds.Select(f => f.Url.AbsoluteUri).ToArray());
        Assert.Equal("Africa & Middle East", feeds[0].Title);
        Assert.Equal("application/atom+xml", feeds[1].Type);
        Assert.Null(feeds[2].Title);
    }

    [Fact]
    public void FromHtml_BaseHref_ResolvesRelativeLinksAgainstIt()
    {
        const string html = """<head><base href="https://cdn.example.net/site/"><link rel="alternate" type="application/rss+xml" href="news.rss"></head>""";

        Assert.Equal("https://cdn.example.net/site/news.rss", Assert.Single(FeedDiscovery.FromHtml(html, Page)).Url.AbsoluteUri);
    }

    [Theory]
    [InlineData("javascript URL", """<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">""")]
    [InlineData("file URL", """<link rel="alternate" type="application/rss+xml" href="file:///etc/passwd">""")]
    [InlineData("no href", """<link rel="alternate" type="application/rss+xml">""")]
    [InlineData("not alternate", """<link rel="feed" type="application/rss+xml" href="/rss">""")]
    [InlineData("no link at all", "<p>No feeds here</p>")]
    public void FromHtml_NothingFetchable_FindsNothing(string label, string html)
    {
        Assert.True(FeedDiscovery.FromHtml(html, Page).Count == 0, label);
    }
}
