using NgoMonitor.Core.Feeds;
using Xunit;

namespace NgoMonitor.Tests.Core.Feeds;

public sealed class FeedIdsTests
{
    [Theory]
    [InlineData("host without www, path segments, extension dropped", "https://www.reliefweb.int/updates/rss.xml", "reliefweb-int-updates-rss")]
    [InlineData("query and fragment ignored", "https://www.rfi.fr/fr/afrique/rss?x=1#top", "rfi-fr-fr-afrique-rss")]
    [InlineData("site root", "http://radiookapi.net/", "radiookapi-net")]
    [InlineData("port and case", "http://127.0.0.1:7071/Samples/Feeds/Syria-Desk.XML", "127-0-0-1-samples-feeds-syria-desk")]
    [InlineData("accents dropped", "https://exemple.org/actualités/flux", "exemple-org-actualites-flux")]
    [InlineData("other scripts end a word", "https://example.org/news/أخبار/rss", "example-org-news-rss")]
    public void FromUrl_DerivesAReadableStableId(string label, string url, string expected)
    {
        Assert.True(expected == FeedIds.FromUrl(new Uri(url)), label);
    }

    [Fact]
    public void FromUrl_VeryLongPath_IsCutTo64CharactersWithoutATrailingDash()
    {
        var id = FeedIds.FromUrl(new Uri("https://example.org/" + string.Join('/', Enumerable.Repeat("section", 20))));

        Assert.True(id.Length <= FeedIds.MaxLength);
        Assert.DoesNotContain("--", id, StringComparison.Ordinal);
        Assert.False(id.EndsWith('-'));
    }

    [Fact]
    public void Unique_TakenId_GetsTheNextFreeNumber()
    {
        var taken = new HashSet<string>(StringComparer.Ordinal) { "rfi-fr", "rfi-fr-2" };

        Assert.Equal("rfi-fr-3", FeedIds.Unique("rfi-fr", taken));
        Assert.Equal("other", FeedIds.Unique("other", taken));
    }
}
