using NgoMonitor.Core.Feeds;
using Xunit;

namespace NgoMonitor.Tests.Core.Feeds;

public sealed class ItemIdentityTests
{
    private static readonly DateTimeOffset Published = new(2026, 11, 24, 9, 50, 0, TimeSpan.Zero);

    [Fact]
    public void Derive_FeedIdPresent_IgnoresEditsToTitleAndSummary() =>
        Assert.Equal(
            ItemIdentity.Derive("f", "guid-1", "http://x/1", "Hospital shelled", Published, "first"),
            ItemIdentity.Derive("f", "guid-1", "http://x/1", "Hospital shelled, 3 injured", Published, "edited"));

    [Fact]
    public void Derive_NoFeedId_FallsBackToLink() =>
        Assert.Equal(
            ItemIdentity.Derive("f", null, "http://x/1", "a", Published, "s"),
            ItemIdentity.Derive("f", " ", "http://x/1", "b", null, "t"));

    [Fact]
    public void Derive_NoIdNoLink_UsesTitleAndDate()
    {
        var first = ItemIdentity.Derive("f", null, null, "Title", Published, "one");
        Assert.Equal(first, ItemIdentity.Derive("f", null, null, "Title", Published, "two"));
        Assert.NotEqual(first, ItemIdentity.Derive("f", null, null, "Title", Published.AddMinutes(1), "one"));
    }

    [Fact]
    public void Derive_SameGuidInTwoFeeds_GivesTwoIds() =>
        Assert.NotEqual(ItemIdentity.Derive("a", "1", null, "t", null, ""), ItemIdentity.Derive("b", "1", null, "t", null, ""));

    [Fact]
    public void Derive_Always_GivesA32CharacterHexRowKey() =>
        Assert.Matches("^[0-9a-f]{32}$", ItemIdentity.Derive("f", "id/with#odd?chars", null, "", null, ""));
}
