using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Geo.Fences;
using NgoMonitor.Core.Subscriptions;
using Xunit;

namespace NgoMonitor.Tests.Core.Subscriptions;

public sealed class WatchlistConcernTests
{
    private static readonly Fence GomaArea = new CircleFence("goma-area", "Goma", new GeoPoint(-1.6792, 29.2228), 40);
    private static readonly Fence GomaOffice = new CircleFence("goma-office", "Goma office", new GeoPoint(-1.66, 29.24), 25);
    private static readonly Fence AzazOffice = new CircleFence("azaz-office", "Azaz office", new GeoPoint(36.5866, 37.0463), 40);
    private static readonly OfficerScope GomaOfficer = new("goma", [GomaArea]);

    [Fact]
    public void Of_GomaOfficerAndAWatchlistFencedAroundAzaz_IsNone()
    {
        Assert.Equal(Concern.None, WatchlistConcern.Of(GomaOfficer, new WatchlistScope([], [AzazOffice], Subscribed: false)));
    }

    [Fact]
    public void Of_GomaOfficerAndAWatchlistFencedAroundTheirOffice_IsArea()
    {
        Assert.Equal(Concern.Area, WatchlistConcern.Of(GomaOfficer, new WatchlistScope([], [AzazOffice, GomaOffice], Subscribed: false)));
    }

    [Fact]
    public void Of_WatchlistWithNoFenceAndNoTeam_IsGlobal()
    {
        Assert.Equal(Concern.Global, WatchlistConcern.Of(GomaOfficer, new WatchlistScope([], [], Subscribed: false)));
    }

    [Fact]
    public void Of_WatchlistNamingTheOfficersTeam_IsTeamWhereverItsFences()
    {
        Assert.Equal(Concern.Team, WatchlistConcern.Of(GomaOfficer, new WatchlistScope(["Goma"], [AzazOffice], Subscribed: false)));
    }

    [Fact]
    public void Of_WatchlistNamingAnotherTeam_IsNoneEvenInTheOfficersArea()
    {
        Assert.Equal(Concern.None, WatchlistConcern.Of(GomaOfficer, new WatchlistScope(["azaz"], [GomaOffice], Subscribed: false)));
    }

    [Fact]
    public void Of_WatchlistTheOfficerAlreadyReceives_IsSubscribedEvenOutsideTheirArea()
    {
        Assert.Equal(Concern.Subscribed, WatchlistConcern.Of(GomaOfficer, new WatchlistScope(["azaz"], [AzazOffice], Subscribed: true)));
    }

    [Fact]
    public void Of_OfficerWithNoAreaAndNoTeam_IsOfferedGlobalWatchlistsOnly()
    {
        var nowhere = new OfficerScope(null, []);

        Assert.Equal(Concern.None, WatchlistConcern.Of(nowhere, new WatchlistScope([], [GomaOffice], Subscribed: false)));
        Assert.Equal(Concern.None, WatchlistConcern.Of(nowhere, new WatchlistScope(["goma"], [], Subscribed: false)));
        Assert.Equal(Concern.Global, WatchlistConcern.Of(nowhere, new WatchlistScope([], [], Subscribed: false)));
    }

    [Fact]
    public void Of_FencedWatchlistWhoseFencesCouldNotBeBuilt_IsNotGlobal()
    {
        Assert.Equal(Concern.None, WatchlistConcern.Of(GomaOfficer, new WatchlistScope([], [], Subscribed: false) { Global = false }));
    }
}
