using System.Globalization;
using System.Xml.Linq;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;

namespace NgoMonitor.Core.Alerts;

/// <summary>
/// Alerts as an Atom feed (RFC 4287) whose entries carry OASIS CAP 1.2 <c>alert</c> documents, so other systems can
/// subscribe. One CAP alert per incident and severity level reached: the first is msgType "Alert"; each later, more
/// severe level is an "Update" whose <c>references</c> names the previous one ("sender,identifier,sent", CAP 1.2 §3.2.1).
/// Elements are written in the order the CAP 1.2 schema requires. How the place was read goes in two <c>parameter</c>s
/// (CAP 1.2 §3.2.2: "placeMethod" = GeoRssPoint, NamedTown, District, Country or Region; "placeConfidence" = 0–1). The
/// area always has its <c>areaDesc</c> (the place as read, with its level for a district or country); it claims a
/// circle "lat,lon radius-km" of <see cref="AreaRadiusKm"/> around the point (CAP 1.2 §3.3.2.4: WGS 84, radius in
/// kilometres) only when the placement is a GeoRSS point or a town (<see cref="Placement.IsPointLike"/>): a district's
/// or country's point is a centroid, not where anything happened. No internal id is written: the event is "Security
/// incident", never the watchlist that matched (its id or name names a field office).
/// </summary>
public static class CapFeed
{
    public static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public const double AreaRadiusKm = 10;

    public static XDocument Build(IEnumerable<Incident> incidents, string sender, Uri feedUrl, DateTimeOffset now)
    {
        var entries = incidents
            .Where(i => i.Alerted.Count > 0)
            .SelectMany(i => Levels(i).Select((level, index) => (Incident: i, Level: level, Index: index)))
            .OrderByDescending(x => x.Incident.LastSeen)
            .Select(x => Entry(x.Incident, x.Level, x.Index, sender))
            .ToList();
        return new XDocument(new XElement(Atom + "feed",
            new XElement(Atom + "id", feedUrl.AbsoluteUri),
            new XElement(Atom + "title", "Monitor alerts (CAP 1.2)"),
            new XElement(Atom + "updated", Date(now)),
            new XElement(Atom + "author", new XElement(Atom + "name", sender)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", feedUrl.AbsoluteUri)),
            entries));
    }

    /// <summary>The severity levels an incident was alerted at, lowest first (every level from the lowest to the highest alerted).</summary>
    private static List<Severity> Levels(Incident incident)
    {
        var low = (int)incident.Alerted.Values.Min();
        var high = (int)incident.Alerted.Values.Max();
        return [.. Enumerable.Range(low, high - low + 1).Select(l => (Severity)l)];
    }

    private static string Identifier(Incident incident, Severity level) => $"{incident.Id}-{level.ToString().ToLowerInvariant()}";

    private static XElement Entry(Incident incident, Severity level, int index, string sender)
    {
        var sent = incident.FirstSeen;
        var alert = new XElement(Cap + "alert",
            new XElement(Cap + "identifier", Identifier(incident, level)),
            new XElement(Cap + "sender", sender),
            new XElement(Cap + "sent", CapDate(sent)),
            new XElement(Cap + "status", "Actual"),
            new XElement(Cap + "msgType", index == 0 ? "Alert" : "Update"),
            new XElement(Cap + "scope", "Restricted"),
            new XElement(Cap + "restriction", "Humanitarian security staff"),
            index == 0 ? null : new XElement(Cap + "references", $"{sender},{Identifier(incident, level - 1)},{CapDate(sent)}"),
            new XElement(Cap + "incidents", incident.Id),
            new XElement(Cap + "info",
                new XElement(Cap + "language", "en"),
                new XElement(Cap + "category", "Security"),
                // Never a watchlist id or name: those name field offices and sites ("azaz-office").
                new XElement(Cap + "event", "Security incident"),
                new XElement(Cap + "urgency", level >= Severity.Severe ? "Immediate" : "Expected"),
                new XElement(Cap + "severity", level.ToString()),
                new XElement(Cap + "certainty", incident.SourceCount > 1 ? "Observed" : "Likely"),
                new XElement(Cap + "senderName", "Monitor"),
                new XElement(Cap + "headline", incident.Title.Length <= 160 ? incident.Title : incident.Title[..160]),
                new XElement(Cap + "description", incident.Summary + "\nSources: " + string.Join(", ", incident.SourceNames)),
                incident.Link is null ? null : new XElement(Cap + "web", incident.Link),
                incident.Placement is { } placement ? Parameter("placeMethod", placement.Method.ToString()) : null,
                incident.Placement is { } confidence ? Parameter("placeConfidence", confidence.Confidence.ToString("0.###", CultureInfo.InvariantCulture)) : null,
                new XElement(Cap + "area",
                    new XElement(Cap + "areaDesc", AreaDescription(incident)),
                    incident.Point is { } p && incident.Placement?.IsPointLike == true
                        ? new XElement(Cap + "circle", string.Create(CultureInfo.InvariantCulture, $"{p.Lat:0.#####},{p.Lon:0.#####} {AreaRadiusKm:0.#}"))
                        : null)));
        return new XElement(Atom + "entry",
            new XElement(Atom + "id", "urn:monitor:cap:" + Identifier(incident, level)),
            new XElement(Atom + "title", $"{level}: {incident.Title}"),
            new XElement(Atom + "updated", Date(incident.LastSeen)),
            new XElement(Atom + "content", new XAttribute("type", "application/cap+xml"), alert));
    }

    private static XElement Parameter(string name, string value) =>
        new(Cap + "parameter", new XElement(Cap + "valueName", name), new XElement(Cap + "value", value));

    /// <summary>"Sake", "Nord-Kivu (district-level place)", "Unspecified".</summary>
    private static string AreaDescription(Incident incident) => incident.PlaceName is not { } name
        ? "Unspecified"
        : incident.Placement is { IsPointLike: false } p ? $"{name} ({PlaceWording.Method(p.Method)})" : name;

    private static string Date(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>CAP 1.2 dateTime: "2002-05-24T16:49:00-07:00", the offset always written, never "Z".</summary>
    private static string CapDate(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
}
