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
    private static readonly FeedItem Item = new("item-1", "feed", "Hospital in Azaz evacuated after shelling", "Patients moved.", "https://example.org/s/1", Now.AddMinutes(-5), null);

    private static readonly AlertPlanner Planner = new(new AlertComposer(new AlertsOptions()), new AlertsOptions());

    private static WatchlistMatch Match(string id, Severity severity, string[] recipients, double? km = null) =>
        new(Item.Id, new Watchlist(id, id + " list", "cat", severity, [], km is null ? [] : [new Geofence("Azaz office", new GeoPoint(36.58, 37.04), 40)], recipients),
            ["hospital*"], "Azaz", new GeoPoint(36.58, 37.04), km is null ? null : "Azaz office", km)
        {
            Placement = new Placement(PlacementMethod.NamedTown, 0.9, "Azaz", "Azaz"),
        };

    [Fact]
    public void Plan_TwoWatchlistsSameRecipient_MakesOneAlertPerChannel()
    {
        var messages = Planner.Plan(Item, "Desk feed", [Match("a", Severity.Moderate, ["officer"]), Match("b", Severity.Severe, ["officer"], 3.2)], Recipients, Now);

        Assert.Equal([Channel.Sms, Channel.Email], messages.Select(m => m.Channel));
        Assert.Single(messages.Select(m => m.AlertId).Distinct());
        Assert.All(messages, m => Assert.Equal(Severity.Severe, m.Severity));
    }

    [Fact]
    public void Plan_SameInputTwice_GivesTheSameIds()
    {
        var first = Planner.Plan(Item, "Desk feed", [Match("a", Severity.Moderate, ["officer", "desk"])], Recipients, Now);
        var again = Planner.Plan(Item, "Desk feed", [Match("a", Severity.Moderate, ["officer", "desk"])], Recipients, Now.AddHours(1));

        Assert.Equal(first.Select(m => m.Id), again.Select(m => m.Id));
        Assert.Equal(3, first.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public void Plan_UnknownRecipient_IsSkipped() =>
        Assert.Empty(Planner.Plan(Item, "Desk feed", [Match("a", Severity.Moderate, ["nobody"])], Recipients, Now));

    [Fact]
    public void Compose_Sms_FitsOneGsmSegmentAndSaysWhereAndHowFar()
    {
        var sms = Planner.Plan(Item, "Desk feed", [Match("b", Severity.Severe, ["officer"], 3.2)], Recipients, Now).Single(m => m.Channel == Channel.Sms);

        Assert.InRange(sms.Text.Length, 1, 160);
        Assert.StartsWith("SEVERE: Hospital in Azaz", sms.Text, StringComparison.Ordinal);
        Assert.Contains("Azaz, 3 km from Azaz office", sms.Text, StringComparison.Ordinal);
        Assert.EndsWith("https://example.org/s/1", sms.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_LongTitle_IsShortenedWithGsmCharactersOnly()
    {
        var item = Item with { Title = string.Join(' ', Enumerable.Repeat("Hospital evacuated after heavy shelling in the northern districts", 4)) };

        var sms = Planner.Plan(item, "Desk feed", [Match("b", Severity.Severe, ["officer"], 3.2)], Recipients, Now).Single(m => m.Channel == Channel.Sms);

        Assert.InRange(sms.Text.Length, 100, 160);
        Assert.Contains("...", sms.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("…", sms.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_Email_ExplainsWhyInTextAndHtml()
    {
        var email = Planner.Plan(Item, "Desk feed", [Match("b", Severity.Severe, ["desk"], 3.2)], Recipients, Now).Single();

        Assert.Equal("[Severe] Hospital in Azaz evacuated after shelling", email.Subject);
        Assert.Contains("Why you got this", email.Text, StringComparison.Ordinal);
        Assert.Contains("; Azaz, 3 km from Azaz office (named town, high confidence 0.90)", email.Text, StringComparison.Ordinal);
        Assert.Contains("<li>Watchlist &quot;b list&quot;", email.Html, StringComparison.Ordinal);
    }
}
