using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.TestKit;
using NgoMonitor.Tests.Core.Geo;
using Xunit;
using static NgoMonitor.Tests.Core.Geo.KivuPlaces;

namespace NgoMonitor.Tests.Core.Alerts;

/// <summary>
/// From a story to the officer's SMS and the desk's email: the alert names the place the text is about, the one the
/// fence decision used, in every line, and raises severity for closeness only when that place is precise.
/// </summary>
public sealed class AlertPlacementTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly AlertsOptions Options = new();
    private static readonly AlertPlanner Planner = new(new AlertComposer(Options), Options);
    private static readonly KeywordRule Rule = new(["loot*", "hospital*", "clinic*", "clash*"], [], []);
    private static readonly Recipient Officer = new("officer", "Goma officer", "+15005550006", "officer@example.org", [Channel.Sms, Channel.Email]);
    private static readonly Dictionary<string, Recipient> Recipients = new() { ["officer"] = Officer };

    private static readonly Watchlist Office = new("goma", "Goma field office", "security", Severity.Severe, [Rule], [new Geofence("Goma office", GomaOffice, 40)], ["officer"]);
    private static readonly Watchlist Health = new("health", "Attacks on health care", "health-care", Severity.Moderate, [Rule], [], ["officer"]);
    private static readonly Dictionary<string, Watchlist> Watchlists = new() { ["goma"] = Office, ["health"] = Health };

    /// <summary>Match, fold into an incident, plan and compose, as a poll batch does.</summary>
    private static async Task<(Alert Alert, OutboxMessage Sms, OutboxMessage Email)> AlertFor(FeedItem item, IPlaceFinder places)
    {
        var matches = new WatchlistMatcher(Watchlists.Values, places).Match(item);
        using var grouper = new IncidentGrouper(new InMemoryIncidentStore(), Options);
        var incident = Assert.Single(await grouper.RecordAsync(new FeedSource("f", "Kivu wire", new Uri("http://example.org/"), TimeSpan.FromMinutes(5), false, null), [(item, matches)], Now, null, CancellationToken.None));
        var alert = Assert.Single(Planner.PlanIncident(incident, Watchlists, Recipients, Now));
        var messages = Planner.Messages(alert, smsBlocked: false);
        return (alert, messages.Single(m => m.Channel == Channel.Sms), messages.Single(m => m.Channel == Channel.Email));
    }

    [Fact]
    public async Task SakeWestOfGoma_SmsNamesSakeAt23KmNorthWestAndIsNotRaisedToExtreme()
    {
        var item = new FeedItem("sake-1", "f", "Clinic looted near Sake", "A health centre in Sake, west of Goma, was looted.", "https://example.org/s/1", Now, null);

        var (alert, sms, email) = await AlertFor(item, new FixedPlaceFinder(("Sake", Sake, 0.85), ("Goma", Goma, 0.9)));

        Assert.Equal(Severity.Severe, alert.Severity);
        Assert.Contains(" - Sake, 23 km NW of Goma office.", sms.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<1 km", sms.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("- Goma", sms.Text, StringComparison.Ordinal);
        Assert.Equal(1, SmsEncoding.Segments(sms.Text));
        Assert.Contains("Where: Sake, 23 km NW of Goma office", email.Text, StringComparison.Ordinal);
        Assert.Contains("Placed by: named town, high confidence 0.85 (read as \"Sake\")", email.Text, StringComparison.Ordinal);
        Assert.Contains("; Sake, 23 km NW of Goma office (named town, high confidence 0.85)", email.Text, StringComparison.Ordinal);
        Assert.Contains("; place named: Sake (named town, high confidence 0.85)", email.Text, StringComparison.Ordinal);
        Assert.Equal(new Placement(PlacementMethod.NamedTown, 0.85, "Sake", "Sake"), sms.Placement);
    }

    [Fact]
    public async Task GomaHospitalWithPatientsMovedToGisenyi_EveryLineNamesGoma()
    {
        var item = new FeedItem("goma-1", "f", "Goma hospital overwhelmed", "The main hospital in Goma took dozens of wounded; some patients were moved to Gisenyi.", null, Now, null);

        var (_, _, email) = await AlertFor(item, new FixedPlaceFinder(("Goma", Goma, 0.6), ("Gisenyi", Gisenyi, 0.85)));

        Assert.Contains("Where: Goma, <1 km from Goma office", email.Text, StringComparison.Ordinal);
        Assert.Contains("; place named: Goma (named town, high confidence 0.84)", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("place named: Gisenyi", email.Text, StringComparison.Ordinal);
    }

    private static Incident Placed(Placement? placement, double km, bool inside = false)
    {
        var source = new IncidentSource("f", "Kivu wire", "i", "Clashes reported", null, Now);
        var match = new WatchlistMatch("i", "goma", ["clash"], placement?.Surface ?? "Goma", GomaOffice, "Goma office", km) { Placement = placement, Inside = inside };
        return new Incident("inc", "Clashes reported", "", null, "clashes", match.PlaceName, GomaOffice, Now, Now, [source], [match], new Dictionary<string, Severity>()) { Placement = placement };
    }

    [Theory]
    [InlineData("a confident town 0.5 km away", PlacementMethod.NamedTown, 0.9, false, Severity.Extreme)]
    [InlineData("a GeoRSS point 0.5 km away", PlacementMethod.GeoRssPoint, 1.0, false, Severity.Extreme)]
    [InlineData("a town of medium confidence", PlacementMethod.NamedTown, 0.6, false, Severity.Severe)]
    [InlineData("a town of low confidence", PlacementMethod.NamedTown, 0.3, false, Severity.Severe)]
    [InlineData("a district whose centre is 0.5 km away", PlacementMethod.District, 1.0, false, Severity.Severe)]
    [InlineData("a country whose point is 0.5 km away", PlacementMethod.Country, 1.0, false, Severity.Severe)]
    [InlineData("a region", PlacementMethod.Region, 1.0, false, Severity.Severe)]
    [InlineData("a confident town 0.5 km inside an area's edge", PlacementMethod.NamedTown, 0.9, true, Severity.Severe)]
    public void PlanIncident_CloseRangeStep_OnlyForAPrecisePlace(string label, PlacementMethod method, double confidence, bool inside, Severity expected)
    {
        var placement = new Placement(method, confidence, "Goma", "Goma");

        var alert = Assert.Single(Planner.PlanIncident(Placed(placement, 0.5, inside), Watchlists, Recipients, Now));

        Assert.True(expected == alert.Severity, $"{label}: {alert.Severity}");
    }

    [Fact]
    public void PlanIncident_MatchStoredWithoutPlacement_IsNotRaisedAndSaysUncertain()
    {
        var alert = Assert.Single(Planner.PlanIncident(Placed(null, 0.5), Watchlists, Recipients, Now));

        Assert.Equal(Severity.Severe, alert.Severity);
        Assert.Equal("Goma (place uncertain), ~1 km from Goma office", AlertComposer.Where(alert));
    }
}
