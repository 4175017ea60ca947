using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using NgoMonitor.Core.Matching;

namespace NgoMonitor.Core.Alerts;

/// <summary>
/// Writes the words of an alert in the recipient's language (en, fr, ar).
/// SMS: severity, what, where and how far, how many sources, the ACK code, then the acknowledgement page's short link. The composer aims for one
/// segment (GSM-7 160, UCS-2 70, see <see cref="SmsEncoding"/>) by shortening the title first, at a word boundary; when the facts do not
/// fit it uses more segments, never beyond <see cref="AlertsOptions.MaxSmsSegments"/> nor
/// <see cref="AlertsOptions.MaxSmsCharacters"/>. Email: the same facts plus how the place was read, the place as a
/// geo: URI and a web map link, times on the recipient's clock, the incident's other reports and "why you got
/// this", in plain text and HTML. Where is worded by <see cref="PlaceWording"/>, from the alert's lead match, so the
/// headline and every "why" line name the place the fence decision used.
/// </summary>
public sealed class AlertComposer(AlertsOptions options)
{
    private const int ShortestTitle = 24;

    public OutboxMessage Compose(Alert alert, Channel channel, string address)
    {
        var t = Templates.For(alert.Recipient.Language);
        var subject = $"{(alert.IsUpdate ? t.Update + " " : "")}[{alert.Severity}] {alert.Item.Title}";
        var (text, html) = channel == Channel.Sms ? (Sms(alert), null) : (EmailText(alert), EmailHtml(alert));
        return new OutboxMessage(
            Id: alert.Id + "-" + channel.ToString().ToLowerInvariant(),
            AlertId: alert.Id,
            RecipientId: alert.Recipient.Id,
            Channel: channel,
            Address: address,
            Subject: subject,
            Text: text,
            Html: html,
            Severity: alert.Severity,
            ItemId: alert.Item.Id,
            CreatedAt: alert.CreatedAt,
            FallbackEmail: channel == Channel.Sms ? alert.Recipient.Email : null,
            IncidentId: alert.IncidentId,
            AckCode: alert.AckCode)
        {
            Placement = alert.Lead.Placement,
        };
    }

    /// <summary>The SMS body; see the class comment for the segment rule.</summary>
    public string Sms(Alert alert)
    {
        var t = Templates.For(alert.Recipient.Language);
        var where = Where(alert);
        var sources = alert.SourceNames.Count > 1 ? " " + string.Format(CultureInfo.InvariantCulture, t.Sources, alert.SourceNames.Count) + "." : "";
        // The SMS carries the acknowledgement page's short link (the page shows the story's link too); without a
        // public address and key, the story's link.
        var link = (AckLink(alert, Channel.Sms) ?? alert.Item.Link) is { } target ? " " + target : "";
        var head = (alert.IsUpdate ? t.Update + " " : "") + t.Severity(alert.Severity) + ": ";
        var tail = (where.Length > 0 ? " - " + where + "." : "") + sources + " ACK " + alert.AckCode + link;
        var title = alert.Item.Title;

        // Try one segment, then each larger budget: the first that keeps a readable title wins.
        var maxSegments = Math.Max(1, options.MaxSmsSegments);
        for (var segments = 1; segments <= maxSegments; segments++)
        {
            if (Fit(head, title, tail, segments, minTitle: segments == maxSegments ? 1 : ShortestTitle) is { } sms)
            {
                return sms;
            }
        }

        // Even a one-word title does not fit the budget with every fact: drop the where, then the sources.
        return Fit(head, title, sources + " ACK " + alert.AckCode + link, maxSegments, 1)
            ?? Fit(head, title, " ACK " + alert.AckCode + link, maxSegments, 1)
            ?? Cut(head + title, Limit(SmsEncoding.IsGsm7(head + title), maxSegments));
    }

    private string? Fit(string head, string title, string tail, int segments, int minTitle)
    {
        var whole = head + title + tail;
        var gsm = SmsEncoding.IsGsm7(whole);
        var limit = Limit(gsm, segments);
        if (SmsEncoding.Units(whole) <= limit)
        {
            return whole;
        }

        // "..." and not "…": the ellipsis character is not in GSM 03.38 and would turn the SMS into UCS-2.
        var room = limit - SmsEncoding.Units(head + tail) - 3;
        if (room < minTitle)
        {
            return null;
        }

        var shortened = MessageFacts.CutAtWord(title, room, SmsEncoding.Units) + "...";
        var sms = head + shortened + tail;
        return SmsEncoding.Units(sms) <= limit ? sms : null;
    }

    private int Limit(bool gsm, int segments) => Math.Min(SmsEncoding.Capacity(gsm, segments), options.MaxSmsCharacters);

    /// <summary>The longest prefix within <paramref name="units"/> (never splitting a surrogate pair).</summary>
    private static string Cut(string text, int units) => MessageFacts.Prefix(text, units, SmsEncoding.Units);

    /// <summary>"Azaz, 8 km N of Azaz field office", "Idlib", "in Syria (country-level place)", or "" (in the
    /// recipient's language; <see cref="PlaceWording"/>).</summary>
    public static string Where(Alert alert) => PlaceWording.Where(alert.Lead, alert.Recipient.Language);

    /// <summary>"Placed by: named town "Sake", high confidence 0.85", or null when the alert has no place.</summary>
    private static string? PlacedBy(Alert alert) => alert.Lead.Placement is { } p
        ? $"Placed by: {PlaceWording.Describe(p)}{(p.Surface is { } surface ? $" (read as \"{surface}\")" : "")}"
        : null;

    private string EmailText(Alert alert)
    {
        var text = new StringBuilder();
        text.AppendLine($"{(alert.IsUpdate ? "UPDATE - " : "")}{alert.Severity}: {alert.Item.Title}");
        if (Where(alert) is { Length: > 0 } where)
        {
            text.AppendLine($"Where: {where}");
        }

        if (PlacedBy(alert) is { } placedBy)
        {
            text.AppendLine(placedBy);
        }

        if (Point(alert) is { } point)
        {
            text.AppendLine($"Map: {MessageFacts.GeoUri(point)} - {MessageFacts.WebMap(point)}");
        }

        text.AppendLine($"Source{(alert.SourceNames.Count > 1 ? "s" : "")}: {string.Join(", ", alert.SourceNames)}");
        if (alert.Item.Published is { } published)
        {
            text.AppendLine($"Published: {MessageFacts.LocalTime(alert.Recipient, published)}");
        }

        if (alert.Item.Link is { } link)
        {
            text.AppendLine($"Link: {link}");
        }

        if (OtherReports(alert) is { Count: > 0 } others)
        {
            text.AppendLine("Other reports of this incident:");
            foreach (var other in others)
            {
                text.AppendLine($"- {other.FeedName}: {other.Title}{(other.Published is { } at ? " (" + MessageFacts.LocalTime(alert.Recipient, at) + ")" : "")}{(other.Link is { } l ? " " + l : "")}");
            }
        }

        text.AppendLine();
        text.AppendLine(alert.Item.Summary);
        text.AppendLine();
        text.AppendLine("Why you got this:");
        foreach (var line in WhyLines(alert))
        {
            text.AppendLine("- " + line);
        }

        text.AppendLine();
        text.AppendLine(AckLink(alert, Channel.Email) is { } ack ? $"Acknowledge: {ack}" : $"Acknowledge: reply ACK {alert.AckCode} by SMS");
        return text.ToString();
    }

    private string EmailHtml(Alert alert)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!doctype html><html><body>");
        html.Append($"<h1>{(alert.IsUpdate ? "UPDATE - " : "")}{E(alert.Severity.ToString())}: {E(alert.Item.Title)}</h1>");
        if (Where(alert) is { Length: > 0 } where)
        {
            html.Append($"<p><strong>Where:</strong> {E(where)}</p>");
        }

        if (PlacedBy(alert) is { } placedBy)
        {
            html.Append($"<p>{E(placedBy)}</p>");
        }

        if (Point(alert) is { } point)
        {
            html.Append($"<p><strong>Map:</strong> <a href=\"{E(MessageFacts.GeoUri(point))}\">open in the phone's map</a> · <a href=\"{E(MessageFacts.WebMap(point))}\">web map</a></p>");
        }

        html.Append($"<p><strong>Source{(alert.SourceNames.Count > 1 ? "s" : "")}:</strong> {E(string.Join(", ", alert.SourceNames))}</p>");
        if (alert.Item.Published is { } published)
        {
            html.Append($"<p><strong>Published:</strong> {E(MessageFacts.LocalTime(alert.Recipient, published))}</p>");
        }

        if (alert.Item.Link is { } link)
        {
            html.Append($"<p><a href=\"{E(link)}\">Read the story</a></p>");
        }

        if (OtherReports(alert) is { Count: > 0 } others)
        {
            html.Append("<h2>Other reports of this incident</h2><ul>");
            foreach (var other in others)
            {
                var title = other.Link is { } l ? $"<a href=\"{E(l)}\">{E(other.Title)}</a>" : E(other.Title);
                html.Append($"<li>{E(other.FeedName)}: {title}{(other.Published is { } at ? " (" + E(MessageFacts.LocalTime(alert.Recipient, at)) + ")" : "")}</li>");
            }

            html.Append("</ul>");
        }

        html.Append($"<p>{E(alert.Item.Summary)}</p><h2>Why you got this</h2><ul>");
        foreach (var line in WhyLines(alert))
        {
            html.Append($"<li>{E(line)}</li>");
        }

        html.Append("</ul>");
        html.Append(AckLink(alert, Channel.Email) is { } ack
            ? $"<p><a href=\"{E(ack)}\">Acknowledge this alert</a></p>"
            : $"<p>Acknowledge: reply ACK {E(alert.AckCode)} by SMS</p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>One line per watchlist: its name, the terms that matched, the relevance score, and the place and distance.</summary>
    public static IEnumerable<string> WhyLines(Alert alert) => alert.Matches.Select(m =>
    {
        var watchlist = alert.Watchlists[m.WatchlistId];
        var line = $"Watchlist \"{watchlist.Name}\" ({watchlist.Category}, {watchlist.Severity}) matched {string.Join(", ", m.MatchedTerms.Select(t => "\"" + t + "\""))}";
        if (m.Score is { } score)
        {
            line += string.Format(CultureInfo.InvariantCulture, " (relevance {0:0.00})", score);
        }

        return line + PlaceWording.Why(m);
    });

    /// <summary>The signed acknowledgement link for the message on <paramref name="channel"/>, when a public URL and a key are configured.</summary>
    private string? AckLink(Alert alert, Channel channel) => AckLinks.Create(options, alert.Recipient.Id, alert.Id, channel);

    /// <summary>Where the alert happened, as a point: the lead match's place, else the item's own point.</summary>
    private static Geo.GeoPoint? Point(Alert alert) => alert.Lead.Point ?? alert.Item.Point;

    /// <summary>The incident's reports other than the one the alert leads with (other sources, later updates).</summary>
    private static List<IncidentSource> OtherReports(Alert alert) => [.. alert.Sources.Where(s => s.ItemId != alert.Item.Id)];

    /// <summary>A digest email for held and throttled alerts: one line each, in the order they were held.</summary>
    public OutboxMessage Digest(Recipient recipient, string period, IReadOnlyList<OutboxMessage> held, DateTimeOffset now)
    {
        var top = held.Max(h => h.Severity);
        var subject = $"Digest {period}: {held.Count} alert{(held.Count == 1 ? "" : "s")} (highest {top})";
        var text = new StringBuilder().AppendLine(subject).AppendLine();
        var html = new StringBuilder($"<!doctype html><html><body><h1>{WebUtility.HtmlEncode(subject)}</h1><ul>");
        foreach (var h in held.OrderBy(h => h.CreatedAt))
        {
            var line = $"{MessageFacts.LocalTime(recipient, h.CreatedAt)} - {h.Text}";
            text.AppendLine("- " + line);
            html.Append("<li>").Append(WebUtility.HtmlEncode(line)).Append("</li>");
        }

        text.AppendLine().AppendLine("Why you got this: these alerts were held by your quiet hours or your SMS limit per hour.");
        html.Append("</ul><p>Why you got this: these alerts were held by your quiet hours or your SMS limit per hour.</p></body></html>");
        var id = "digest-" + Feeds.ItemIdentity.Hash(recipient.Id + "\n" + period);
        var email = recipient.Email is { Length: > 0 };
        return new OutboxMessage(
            Id: id + (email ? "-email" : "-sms"),
            AlertId: id,
            RecipientId: recipient.Id,
            Channel: email ? Channel.Email : Channel.Sms,
            Address: (email ? recipient.Email : recipient.Phone) ?? "",
            Subject: subject,
            Text: email ? text.ToString() : Cut($"{held.Count} alerts held ({top} highest); details by email or console.", 160),
            Html: email ? html.ToString() : null,
            Severity: top,
            ItemId: held[0].ItemId,
            CreatedAt: now);
    }

    /// <summary>The email that replaces an SMS the provider refused for good (opted out, invalid number). Sent in the
    /// same pass, on no dispatch message (no queue promise): if that pass dies, the next sweep queues it.</summary>
    public static OutboxMessage FallbackEmail(OutboxMessage sms, string reason) => sms.Unsent(sms.CreatedAt) with
    {
        Id = sms.Id + "-fallback-email",
        Channel = Channel.Email,
        Address = sms.FallbackEmail!,
        Text = sms.Text + "\n\n(Sent by email because the SMS could not be delivered: " + reason + ")",
        Html = null,
        FallbackEmail = null,
    };

    /// <summary>Words per language (the place's words are <see cref="PlaceWording"/>'s).</summary>
    private sealed record Templates(string Update, string[] Severities, string Sources)
    {
        private static readonly Templates En = new("UPDATE", ["MINOR", "MODERATE", "SEVERE", "EXTREME"], "{0} sources");

        // French: accents that are in GSM 03.38 (é, à) only, so French alerts stay GSM-7.
        private static readonly Templates Fr = new("MISE A JOUR", ["MINEUR", "MODÉRÉ", "GRAVE", "EXTREME"], "{0} sources");

        // Arabic is always UCS-2 (70 characters a segment): the words are short on purpose.
        private static readonly Templates Ar = new("تحديث", ["طفيف", "متوسط", "شديد", "بالغ الخطورة"], "{0} مصادر");

        public static Templates For(string language) => language switch
        {
            "fr" => Fr,
            "ar" => Ar,
            _ => En,
        };

        public string Severity(Severity severity) => Severities[Math.Clamp((int)severity - 1, 0, 3)];
    }
}
