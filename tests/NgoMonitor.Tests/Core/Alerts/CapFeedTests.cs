using System.Xml.Linq;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

public sealed class CapFeedTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static Incident Incident(params Severity[] alerted) => Placed(new Placement(PlacementMethod.NamedTown, 0.85, "Azaz", "Azaz"), "Azaz", alerted);

    private static Incident Placed(Placement? placement, string place, params Severity[] alerted) => new(
        "inc1", "Shelling hits hospital in Azaz", "Patients evacuated.", "https://example.org/s/1", "azaz hospital shelling", place, new GeoPoint(36.5866, 37.0463),
        Now, Now.AddMinutes(30), [new IncidentSource("a", "Wire A", "i1", "t", null, Now), new IncidentSource("b", "Wire B", "i2", "t", null, Now)],
        [new WatchlistMatch("i1", "health-care", ["hospital*"], "Azaz", null, null, null)],
        alerted.Select((s, i) => (Key: "r" + i, s)).ToDictionary(x => x.Key, x => x.s))
    {
        Placement = placement,
    };

    private static XElement Info(Incident incident) =>
        CapFeed.Build([incident], "monitor.example.org", new Uri("https://monitor.example.org/cap/alerts.atom"), Now).Descendants(CapFeed.Cap + "info").Single();

    [Fact]
    public void Build_AlertedIncident_IsAnAtomEntryCarryingACap12AlertInSchemaOrder()
    {
        var feed = CapFeed.Build([Incident(Severity.Severe)], "monitor.example.org", new Uri("https://monitor.example.org/cap/alerts.atom"), Now);

        var entry = Assert.Single(feed.Root!.Elements(CapFeed.Atom + "entry"));
        Assert.Equal("application/cap+xml", entry.Element(CapFeed.Atom + "content")!.Attribute("type")!.Value);
        var alert = entry.Element(CapFeed.Atom + "content")!.Element(CapFeed.Cap + "alert")!;
        Assert.Equal(["identifier", "sender", "sent", "status", "msgType", "scope", "restriction", "incidents", "info"], alert.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("2026-11-24T10:00:00+00:00", alert.Element(CapFeed.Cap + "sent")!.Value);
        var info = alert.Element(CapFeed.Cap + "info")!;
        Assert.Equal("Severe", info.Element(CapFeed.Cap + "severity")!.Value);
        Assert.Equal("Observed", info.Element(CapFeed.Cap + "certainty")!.Value);
        Assert.Equal("36.5866,37.0463 10", info.Element(CapFeed.Cap + "area")!.Element(CapFeed.Cap + "circle")!.Value);
    }

    [Fact]
    public void Build_PlacedIncident_CarriesThePlacementMethodAndConfidenceAsParameters()
    {
        var info = Info(Incident(Severity.Severe));

        var parameters = info.Elements(CapFeed.Cap + "parameter").ToDictionary(p => p.Element(CapFeed.Cap + "valueName")!.Value, p => p.Element(CapFeed.Cap + "value")!.Value);
        Assert.Equal(new Dictionary<string, string> { ["placeMethod"] = "NamedTown", ["placeConfidence"] = "0.85" }, parameters);
        Assert.Equal(["web", "parameter", "parameter", "area"], info.Elements().Select(e => e.Name.LocalName).SkipWhile(n => n != "web"));
    }

    [Theory]
    [InlineData("district", PlacementMethod.District, "Nord-Kivu (district-level place)")]
    [InlineData("country", PlacementMethod.Country, "Nord-Kivu (country-level place)")]
    [InlineData("region", PlacementMethod.Region, "Nord-Kivu (region-level place)")]
    public void Build_PlaceAboveATown_DescribesTheAreaWithoutClaimingACircle(string label, PlacementMethod method, string description)
    {
        var area = Info(Placed(new Placement(method, 1, "Nord-Kivu", "Nord-Kivu"), "Nord-Kivu", Severity.Severe)).Element(CapFeed.Cap + "area")!;

        Assert.True(description == area.Element(CapFeed.Cap + "areaDesc")!.Value, label);
        Assert.Null(area.Element(CapFeed.Cap + "circle"));
    }

    [Fact]
    public void Build_IncidentStoredWithoutPlacement_ClaimsNoCircle() =>
        Assert.Null(Info(Placed(null, "Azaz", Severity.Severe)).Element(CapFeed.Cap + "area")!.Element(CapFeed.Cap + "circle"));

    [Fact]
    public void Build_IncidentRaisedFromSevereToExtreme_UpdateReferencesTheFirstAlert()
    {
        var feed = CapFeed.Build([Incident(Severity.Severe, Severity.Extreme)], "monitor.example.org", new Uri("https://monitor.example.org/cap/alerts.atom"), Now);

        var alerts = feed.Descendants(CapFeed.Cap + "alert").ToList();
        Assert.Equal(["Alert", "Update"], alerts.Select(a => a.Element(CapFeed.Cap + "msgType")!.Value));
        Assert.Equal("monitor.example.org,inc1-severe,2026-11-24T10:00:00+00:00", alerts[1].Element(CapFeed.Cap + "references")!.Value);
    }

    [Fact]
    public void Build_IncidentNeverAlerted_IsNotPublished() =>
        Assert.Empty(CapFeed.Build([Incident()], "m", new Uri("https://m/cap"), Now).Descendants(CapFeed.Cap + "alert"));
}
