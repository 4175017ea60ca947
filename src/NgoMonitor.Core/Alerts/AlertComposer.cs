using System.Globalization;
using System.Net;
using System.Text;
using NgoMonitor.Core.Matching;

namespace NgoMonitor.Core.Alerts;

/// <summary>
/// Writes the words of an alert. SMS: severity, what, where and how far, then the link, kept within one
/// GSM-7 segment (160 characters) when the title allows by shortening the title first; never beyond
/// <see cref="AlertsOptions.MaxSmsCharacters"/>. Email: the same facts plus "why you got this", in plain text and HTML.
/// </summary>
public sealed class AlertComposer(AlertsOptions options)
{
    private const int SingleSegment = 160;

    public OutboxMessage Compose(Alert alert, Channel channel, string address)
    {
        var subject = $"[{alert.Severity}] {alert.Item.Title}";
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
            CreatedAt: alert.CreatedAt);
    }

    private string Sms(Alert alert)
    {
        var where = Where(alert);
        var tail = (where.Length > 0 ? " - " + where : "") + (alert.Item.Link is { } link ? " " + link : "");
        var head = $"{alert.Severity.ToString().ToUpperInvariant()}: ";
        var budget = Math.Max(SingleSegment, Math.Min(options.MaxSmsCharacters, head.Length + tail.Length + 40));
        var room = Math.Max(20, Math.Min(budget, options.MaxSmsCharacters) - head.Length - tail.Length);
        var title = alert.Item.Title.Length <= room ? alert.Item.Title : alert.Item.Title[..(room - 3)].TrimEnd() + "..."; // "…" is not in GSM 03.38 and would make the SMS UCS-2
        var sms = head + title + tail;
        return sms.Length <= options.MaxSmsCharacters ? sms : sms[..options.MaxSmsCharacters];
    }

    /// <summary>"Azaz, 8 km from Azaz field office", "Idlib", or "".</summary>
    public static string Where(Alert alert)
    {
        var lead = alert.Lead;
        if (lead.FenceName is not null && lead.DistanceKm is { } km)
        {
            var place = lead.PlaceName is null ? "" : lead.PlaceName + ", ";
            var distance = km < 1 ? "<1 km" : string.Format(CultureInfo.InvariantCulture, "{0:0} km", km);
            return $"{place}{distance} from {lead.FenceName}";
        }

        return lead.PlaceName ?? "";
    }

    private static string EmailText(Alert alert)
    {
        var text = new StringBuilder();
        text.AppendLine($"{alert.Severity}: {alert.Item.Title}");
        if (Where(alert) is { Length: > 0 } where)
        {
            text.AppendLine($"Where: {where}");
        }

        text.AppendLine($"Source: {alert.SourceName}");
        if (alert.Item.Published is { } published)
        {
            text.AppendLine($"Published: {published.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        }

        if (alert.Item.Link is { } link)
        {
            text.AppendLine($"Link: {link}");
        }

        text.AppendLine();
        text.AppendLine(alert.Item.Summary);
        text.AppendLine();
        text.AppendLine("Why you got this:");
        foreach (var line in WhyLines(alert))
        {
            text.AppendLine("- " + line);
        }

        return text.ToString();
    }

    private static string EmailHtml(Alert alert)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!doctype html><html><body>");
        html.Append($"<h1>{E(alert.Severity.ToString())}: {E(alert.Item.Title)}</h1>");
        if (Where(alert) is { Length: > 0 } where)
        {
            html.Append($"<p><strong>Where:</strong> {E(where)}</p>");
        }

        html.Append($"<p><strong>Source:</strong> {E(alert.SourceName)}</p>");
        if (alert.Item.Link is { } link)
        {
            html.Append($"<p><a href=\"{E(link)}\">Read the story</a></p>");
        }

        html.Append($"<p>{E(alert.Item.Summary)}</p><h2>Why you got this</h2><ul>");
        foreach (var line in WhyLines(alert))
        {
            html.Append($"<li>{E(line)}</li>");
        }

        html.Append("</ul></body></html>");
        return html.ToString();
    }

    /// <summary>One line per watchlist: its name, the terms that matched, and the place and distance.</summary>
    public static IEnumerable<string> WhyLines(Alert alert) => alert.Matches.Select(m =>
    {
        var line = $"Watchlist \"{m.Watchlist.Name}\" ({m.Watchlist.Category}, {m.Watchlist.Severity}) matched {string.Join(", ", m.MatchedTerms.Select(t => "\"" + t + "\""))}";
        if (m.FenceName is not null)
        {
            line += string.Format(CultureInfo.InvariantCulture, "; {0} is {1:0.#} km from {2}", m.PlaceName ?? "the reported point", m.DistanceKm, m.FenceName);
        }
        else if (m.PlaceName is not null)
        {
            line += $"; place named: {m.PlaceName}";
        }

        return line;
    });
}
