using NgoMonitor.Adapters.Admin;
using Xunit;

namespace NgoMonitor.Tests.Adapters.Admin;

/// <summary>A watchlist naming packs is stored (and read by the admin API) as its packs and its own rules, not as copies of the pack rules.</summary>
public sealed class PackWatchlistDocumentTests
{
    [Fact]
    public void ToDocument_PackWatchlistWithAnOwnRule_KeepsThePackIdsAndOnlyTheOwnRule()
    {
        var loaded = ConfigFile.Parse("""{"watchlists":[{"id":"w","packs":["health-care","aid-worker-abduction"],"rules":[{"query":"clinic NEAR/3 raid*"}]}]}""");

        var entry = ConfigMapper.ToDocument(loaded.Config).Watchlists.Single();

        Assert.Empty(loaded.Errors);
        Assert.Equal(["health-care", "aid-worker-kidnapped"], entry.Packs);
        Assert.Equal("clinic NEAR/3 raid*", Assert.Single(entry.Rules).Query);
    }

    [Fact]
    public void ToDocument_WatchlistWithoutPacks_HasNoPacks()
    {
        var loaded = ConfigFile.Parse("""{"watchlists":[{"id":"w","rules":[{"any":["flood*"]}]}]}""");

        var entry = ConfigMapper.ToDocument(loaded.Config).Watchlists.Single();

        Assert.Null(entry.Packs);
        Assert.Equal(["flood*"], Assert.Single(entry.Rules).Any);
    }
}
