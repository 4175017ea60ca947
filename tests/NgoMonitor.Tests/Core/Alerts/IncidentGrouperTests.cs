using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

public sealed class IncidentGrouperTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly Watchlist List = new("w", "W", "c", Severity.Severe, [], [], ["r"]);
    private static readonly GeoPoint Azaz = new(36.5866, 37.0463);
    private static readonly GeoPoint Idlib = new(35.93, 36.63);

    private static (FeedItem, IReadOnlyList<WatchlistMatch>) Report(string id, string title, string? place, GeoPoint? point) =>
        (new FeedItem(id, "f", title, "", null, Now, null), [new WatchlistMatch(id, List.Id, ["x"], place, point, null, null)]);

    private static async Task<InMemoryIncidentStore> RecordAsync(params (string Feed, string Id, string Title, string? Place, GeoPoint? Point, int Minutes)[] reports)
    {
        var store = new InMemoryIncidentStore();
        using var grouper = new IncidentGrouper(store, new AlertsOptions());
        foreach (var r in reports)
        {
            await grouper.RecordAsync(new FeedSource(r.Feed, "Feed " + r.Feed, new Uri("http://example.org/"), TimeSpan.FromMinutes(5), false, null), [Report(r.Id, r.Title, r.Place, r.Point)], Now.AddMinutes(r.Minutes), null, CancellationToken.None);
        }

        return store;
    }

    [Fact]
    public async Task Record_SameStoryFromThreeFeeds_OneIncidentWithThreeSources()
    {
        var store = await RecordAsync(
            ("a", "a1", "Shelling hits hospital in Azaz, patients evacuated", "Azaz", Azaz, 0),
            ("b", "b1", "Azaz hospital hit by shelling; patients evacuated", "Azaz", Azaz, 5),
            ("c", "c1", "Patients evacuated after shelling hits Azaz hospital", "Azaz", null, 10));

        var incident = Assert.Single(store.Incidents);
        Assert.Equal(3, incident.SourceCount);
        Assert.Equal(["Feed a", "Feed b", "Feed c"], incident.SourceNames);
    }

    [Fact]
    public async Task Record_LaterReportPlacedPrecisely_ItsMatchIsKeptWithTheTermsOfBoth()
    {
        var store = new InMemoryIncidentStore();
        using var grouper = new IncidentGrouper(store, new AlertsOptions());
        var feed = new FeedSource("a", "Feed a", new Uri("http://example.org/"), TimeSpan.FromMinutes(5), false, null);
        var vague = new WatchlistMatch("a1", List.Id, ["shelling"], "Azaz", null, null, null);
        var precise = new WatchlistMatch("a2", List.Id, ["hospital"], "Azaz", Azaz, "Azaz office", 8) { Placement = new Placement(PlacementMethod.NamedTown, 0.9, "Azaz", "Azaz") };

        await grouper.RecordAsync(feed, [(new FeedItem("a1", "a", "Shelling hits hospital in Azaz", "", null, Now, null), [vague])], Now, null, CancellationToken.None);
        await grouper.RecordAsync(feed, [(new FeedItem("a2", "a", "Azaz hospital hit by shelling", "", null, Now, null), [precise])], Now.AddMinutes(5), null, CancellationToken.None);

        var match = Assert.Single(Assert.Single(store.Incidents).Matches);
        Assert.Equal("a2", match.ItemId);
        Assert.Equal(8, match.DistanceKm);
        Assert.Equal(["hospital", "shelling"], match.MatchedTerms.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("same title, different place", "Shelling hits hospital", "Idlib", 0, 2)]
    [InlineData("same place, unrelated title", "Farmers expect a strong olive harvest", "Azaz", 0, 2)]
    [InlineData("same story after the window", "Shelling hits hospital in Azaz", "Azaz", 13 * 60, 2)]
    [InlineData("same story within the window", "Shelling hits hospital in Azaz", "Azaz", 60, 1)]
    public async Task Record_SecondReport_GroupedOnlyWhenTitlePlaceAndTimeAgree(string label, string title, string place, int minutes, int incidents)
    {
        var store = await RecordAsync(
            ("a", "a1", "Shelling hits hospital in Azaz", "Azaz", Azaz, 0),
            ("b", "b1", title, place, place == "Azaz" ? Azaz : Idlib, minutes));

        Assert.True(incidents == store.Incidents.Count, label);
    }

    [Fact]
    public async Task Record_SameItemTwice_JoinsItsOwnIncident()
    {
        var store = await RecordAsync(("a", "a1", "Shelling hits hospital in Azaz", "Azaz", Azaz, 0), ("a", "a1", "Shelling hits hospital in Azaz", "Azaz", Azaz, 1));

        Assert.Single(Assert.Single(store.Incidents).Sources);
    }

    [Fact]
    public async Task Record_SeveralItemsOfOneFeed_ReadsTheWindowOnceAndSeesItsOwnSaves()
    {
        var store = new InMemoryIncidentStore();
        using var grouper = new IncidentGrouper(store, new AlertsOptions());

        var touched = new TouchedIncidents();
        await grouper.RecordAsync(Feed("a"), [
            Report("a1", "Shelling hits hospital in Azaz, patients evacuated", "Azaz", Azaz),
            Report("a2", "Farmers expect a strong olive harvest", "Idlib", Idlib),
            Report("a3", "Azaz hospital hit by shelling; patients evacuated", "Azaz", Azaz)], Now, touched, CancellationToken.None);

        Assert.Equal(1, store.WindowReads);
        Assert.Equal(["a1 a3", "a2"], store.Incidents.Select(i => string.Join(' ', i.Sources.Select(s => s.ItemId))).Order(StringComparer.Ordinal));
        Assert.Equal(store.Incidents.Select(i => i.Version), touched.All.Select(i => i.Version));
    }

    [Theory]
    [InlineData("identical", "shelling hits hospital azaz", "shelling hits hospital azaz", 1.0)]
    [InlineData("disjoint", "olive harvest", "shelling hospital", 0.0)]
    [InlineData("half", "a b c", "a b d", 0.5)]
    public void Similarity_IsJaccard(string label, string a, string b, double expected) =>
        Assert.True(Math.Abs(expected - IncidentGrouper.Similarity(a, b)) < 1e-9, label);

    [Fact]
    public async Task Record_AnotherInstanceSavedTheIncidentMeanwhile_ReadsItAgainAndFoldsIntoIt()
    {
        var store = new InMemoryIncidentStore();
        using var first = new IncidentGrouper(store, new AlertsOptions());
        using var other = new IncidentGrouper(store, new AlertsOptions());
        await first.RecordAsync(Feed("a"), [Report("a1", "Shelling hits hospital in Azaz, patients evacuated", "Azaz", Azaz)], Now, null, CancellationToken.None);
        var racing = new SaveRace(store, () => other.RecordAsync(Feed("c"), [Report("c1", "Patients evacuated after shelling hits Azaz hospital", "Azaz", Azaz)], Now.AddMinutes(1), null, CancellationToken.None));
        using var racer = new IncidentGrouper(racing, new AlertsOptions());

        await racer.RecordAsync(Feed("b"), [Report("b1", "Azaz hospital hit by shelling; patients evacuated", "Azaz", Azaz)], Now.AddMinutes(2), null, CancellationToken.None);

        var incident = Assert.Single(store.Incidents);
        Assert.Equal(3, incident.SourceCount);
        Assert.Equal(2, racing.Saves);
    }

    private static FeedSource Feed(string id) => new(id, "Feed " + id, new Uri("http://example.org/"), TimeSpan.FromMinutes(5));

    /// <summary>Runs another writer between this writer's read and its first save, so that save meets a changed incident.</summary>
    private sealed class SaveRace(IIncidentStore inner, Func<Task> interloper) : IIncidentStore
    {
        public int Saves { get; private set; }

        public Task<IReadOnlyList<Incident>> GetSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) => inner.GetSinceAsync(since, cancellationToken);

        public async Task<Incident?> TrySaveAsync(Incident incident, CancellationToken cancellationToken)
        {
            if (Saves++ == 0)
            {
                await interloper();
            }

            return await inner.TrySaveAsync(incident, cancellationToken);
        }
    }
}
