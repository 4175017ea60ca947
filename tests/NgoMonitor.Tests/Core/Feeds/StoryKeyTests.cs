using NgoMonitor.Core.Feeds;
using Xunit;

namespace NgoMonitor.Tests.Core.Feeds;

public sealed class StoryKeyTests
{
    [Theory]
    [InlineData("scheme, www and trailing slash", "http://www.wire.example.org/story/1/", "https://wire.example.org/story/1")]
    [InlineData("tracking parameters", "https://wire.example.org/story/1?utm_source=rss&utm_medium=feed", "https://wire.example.org/story/1")]
    [InlineData("fragment", "https://wire.example.org/story/1#comments", "https://wire.example.org/story/1")]
    public void Of_SameLinkWrittenDifferently_SharesAKey(string label, string a, string b) =>
        Assert.True(StoryKey.Of(a, "x").Intersect(StoryKey.Of(b, "y")).Any(), label);

    [Theory]
    [InlineData("source suffixes", "Clashes reported in Goma - Reuters", "Clashes reported in Goma | AP News")]
    [InlineData("case, accents and punctuation", "Hôpital bombardé à Idleb, 3 morts", "hopital bombarde a idleb: 3 morts")]
    public void Of_NearIdenticalTitles_ShareAKey(string label, string a, string b) =>
        Assert.True(StoryKey.Of("https://a.example/1", a).Intersect(StoryKey.Of("https://b.example/2", b)).Any(), label);

    [Theory]
    [InlineData("different casualty counts", "Attack on convoy near Kidal - 3 killed", "Attack on convoy near Kidal - 12 killed")]
    [InlineData("short generic titles get no title key", "Breaking news", "Breaking news")]
    public void Of_DifferentStories_ShareNoKey(string label, string a, string b) =>
        Assert.False(StoryKey.Of("https://a.example/1", a).Intersect(StoryKey.Of("https://b.example/2", b)).Any(), label);
}
