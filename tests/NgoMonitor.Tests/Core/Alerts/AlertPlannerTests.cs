using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

public sealed class AlertPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly Recipient Officer = new("officer", "Officer", "+15005550006", "officer@example.org", [Channel.Sms, Channel.Email]);
    private static readonly Recipient Desk = new("desk", "Desk", null, "desk@example.org", [Channel.Email]);
    private static readonly Dictionary<string, Recipient> Recipients = new() { ["officer"] = Officer, ["desk"] = Desk };

    private static readonly AlertPlanner Planner = new(new AlertComposer(new AlertsOptions()), new AlertsOptions());

    private static Watchlist List(string id, Severity severity, params string[] recipients) =>
        new(id, id + " list", "cat", severity, [], [new Geofence("Azaz office", new GeoPoint(36.58, 37.04), 40)], recipients);

    private static Dictionary<string, Watchlist> Lists(params Watchlist[] lists) => lists.ToDictionary(l => l.Id);

    private static WatchlistMatch Match(string watchlistId, double? km = null) =>
        new("item-1", watchlistId, ["hospital*"], "Azaz", new GeoPoint(36.58, 37.04), km is null ? null : "Azaz office", km)
        {
            Placement = new Placement(PlacementMethod.NamedTown, 0.9, "Azaz", "Azaz"),
        };

    private static Incident Incident(IReadOnlyList<WatchlistMatch> matches, int sources = 1, string title = "Hospital in Azaz evacuated after shelling", IReadOnlyDictionary<string, Severity>? alerted = null) => new(
        "incident-1", title, "Patients moved.", "https://example.org/s/1", "azaz evacuated hospital shelling", "Azaz", new GeoPoint(36.58, 37.04), Now.AddMinutes(-5), Now,
        [.. Enumerable.Range(1, sources).Select(i => new IncidentSource("feed-" + i, "Desk feed " + i, "item-" + i, title, "https://example.org/s/" + i, Now.AddMinutes(-5)))],
        matches, alerted ?? new Dictionary<string, Severity>());

    [Fact]
    public void PlanIncident_TwoWatchlistsSameRecipient_MakesOneAlertAtTheHigherSeverity()
    {
        var alerts = Planner.PlanIncident(Incident([Match("a"), Match("b", 12)]), Lists(List("a", Severity.Moderate, "officer"), List("b", Severity.Severe, "officer")), Recipients, Now);

        var alert = Assert.Single(alerts);
        Assert.Equal(Severity.Severe, alert.Severity);
        Assert.Equal(["a", "b"], alert.Matches.Select(m => m.WatchlistId));
        Assert.Equal([Channel.Sms, Channel.Email], Planner.Messages(alert, smsBlocked: false).Select(m => m.Channel));
    }

    [Fact]
    public void PlanIncident_SameInputTwice_GivesTheSameIds()
    {
        var lists = Lists(List("a", Severity.Moderate, "officer", "desk"));

        var first = Planner.PlanIncident(Incident([Match("a")]), lists, Recipients, Now);
        var again = Planner.PlanIncident(Incident([Match("a")]), lists, Recipients, Now.AddHours(1));

        Assert.Equal(first.Select(a => a.Id), again.Select(a => a.Id));
        Assert.Equal(2, first.Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public void PlanIncident_UnknownRecipientOrWatchlist_IsSkipped()
    {
        Assert.Empty(Planner.PlanIncident(Incident([Match("a")]), Lists(List("a", Severity.Moderate, "nobody")), Recipients, Now));
        Assert.Empty(Planner.PlanIncident(Incident([Match("gone")]), Lists(List("a", Severity.Moderate, "officer")), Recipients, Now));
    }

    [Theory]
    [InlineData("close to a protected place", 3.2, 1, Severity.Extreme)]
    [InlineData("far from it", 12.0, 1, Severity.Severe)]
    [InlineData("carried by three feeds", 12.0, 3, Severity.Extreme)]
    public void PlanIncident_DistanceAndSources_RaiseTheRuleSeverity(string label, double km, int sources, Severity expected)
    {
        var alert = Assert.Single(Planner.PlanIncident(Incident([Match("b", km)], sources), Lists(List("b", Severity.Severe, "desk")), Recipients, Now));

        Assert.True(expected == alert.Severity, label);
    }

    [Fact]
    public void PlanIncident_RecipientAlreadyAlertedAtThatSeverity_GetsNothing()
    {
        var incident = Incident([Match("a")], alerted: new Dictionary<string, Severity> { ["officer"] = Severity.Moderate });

        Assert.Empty(Planner.PlanIncident(incident, Lists(List("a", Severity.Moderate, "officer")), Recipients, Now));
    }

    [Fact]
    public void PlanIncident_SeverityRoseSinceLastAlert_MakesAnUpdateWithANewId()
    {
        var lists = Lists(List("a", Severity.Moderate, "officer"));
        var first = Assert.Single(Planner.PlanIncident(Incident([Match("a")]), lists, Recipients, Now));

        var corroborated = Incident([Match("a")], sources: 3, alerted: new Dictionary<string, Severity> { ["officer"] = Severity.Moderate });
        var update = Assert.Single(Planner.PlanIncident(corroborated, lists, Recipients, Now));

        Assert.False(first.IsUpdate);
        Assert.True(update.IsUpdate);
        Assert.Equal(Severity.Severe, update.Severity);
        Assert.NotEqual(first.Id, update.Id);
        Assert.Equal("incident-1", update.IncidentId);
        Assert.Equal(3, update.SourceNames.Count);
    }

    [Fact]
    public void Messages_SmsBlocked_SendsEmailInstead()
    {
        var alert = Assert.Single(Planner.PlanIncident(Incident([Match("a")]), Lists(List("a", Severity.Moderate, "officer")), Recipients, Now));

        Assert.Equal([Channel.Email], Planner.Messages(alert, smsBlocked: true).Select(m => m.Channel));
    }

    [Fact]
    public void Compose_Sms_FitsOneGsmSegmentAndSaysWhereAndHowFar()
    {
        var alert = Assert.Single(Planner.PlanIncident(Incident([Match("b", 12)]), Lists(List("b", Severity.Severe, "officer")), Recipients, Now));

        var sms = Planner.Messages(alert, smsBlocked: false).Single(m => m.Channel == Channel.Sms);

        Assert.InRange(sms.Text.Length, 1, 160);
        Assert.StartsWith("SEVERE: Hospital in Azaz", sms.Text, StringComparison.Ordinal);
        Assert.Contains("Azaz, 12 km from Azaz office", sms.Text, StringComparison.Ordinal);
        Assert.EndsWith("https://example.org/s/1", sms.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_LongTitle_IsShortenedWithGsmCharactersOnly()
    {
        var title = string.Join(' ', Enumerable.Repeat("Hospital evacuated after heavy shelling in the northern districts", 4));
        var alert = Assert.Single(Planner.PlanIncident(Incident([Match("b", 12)], title: title), Lists(List("b", Severity.Severe, "officer")), Recipients, Now));

        var sms = Planner.Messages(alert, smsBlocked: false).Single(m => m.Channel == Channel.Sms);

        Assert.InRange(sms.Text.Length, 100, 160);
        Assert.Contains("...", sms.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("…", sms.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_Email_ExplainsWhyInTextAndHtml()
    {
        var alert = Assert.Single(Planner.PlanIncident(Incident([Match("b", 12)]), Lists(List("b", Severity.Severe, "desk")), Recipients, Now));

        var email = Assert.Single(Planner.Messages(alert, smsBlocked: false));

        Assert.Equal("[Severe] Hospital in Azaz evacuated after shelling", email.Subject);
        Assert.Contains("Why you got this", email.Text, StringComparison.Ordinal);
        Assert.Contains("; Azaz, 12 km from Azaz office (named town, high confidence 0.90)", email.Text, StringComparison.Ordinal);
        Assert.Contains("<li>Watchlist &quot;b list&quot;", email.Html, StringComparison.Ordinal);
    }
}
