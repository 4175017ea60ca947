using System.Globalization;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Core.Matching;

namespace NgoMonitor.Host.Admin;

/// <summary>
/// The delivery preferences an officer sets on their own page, applied to a copy of their stored recipient: the
/// least severe alert they want (<see cref="RecipientEntry.MinSeverity"/>), quiet hours in their time zone
/// (<see cref="RecipientEntry.QuietHours"/>; start and end both empty turn them off) and the language of their
/// messages. Each field is checked here with a message the page shows beside it; the whole recipient is then
/// validated as the admin API validates it. A field left out (or null), or sent back with its shown default, keeps
/// the stored value, so saving the page unchanged writes nothing.
/// </summary>
public static class SubscriptionPreferences
{
    public static readonly string[] Severities = [.. Enum.GetNames<Severity>().Select(n => n.ToLowerInvariant())];

    public static readonly IReadOnlyList<string> Languages = ConfigMapper.RecipientLanguages;

    /// <summary>Applies the change's preferences to <paramref name="target"/>; returns field → messages for bad ones.</summary>
    public static Dictionary<string, string[]> Apply(SubscriptionChange change, RecipientEntry target)
    {
        var errors = new Dictionary<string, string[]>();
        if (change.MinSeverity is { } min)
        {
            if (Severities.Contains(min))
            {
                target.MinSeverity = min == (target.MinSeverity ?? "minor") ? target.MinSeverity : min;
            }
            else
            {
                errors["minSeverity"] = [$"'{Cut(min)}' is not one of {string.Join(", ", Severities)}"];
            }
        }

        if (change.Language is { } language)
        {
            if (Languages.Contains(language))
            {
                target.Language = language == (target.Language ?? "en") ? target.Language : language;
            }
            else
            {
                errors["language"] = [$"'{Cut(language)}' is not one of {string.Join(", ", Languages)}"];
            }
        }

        if (change.QuietHours is { } quiet)
        {
            ApplyQuietHours(quiet, target, errors);
        }

        return errors;
    }

    private static void ApplyQuietHours(QuietHoursEntry quiet, RecipientEntry target, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(quiet.Start) && string.IsNullOrEmpty(quiet.End))
        {
            target.QuietHours = null;
            return;
        }

        var start = IsTime(quiet.Start);
        var end = IsTime(quiet.End);
        if (!start)
        {
            errors["quietHours.start"] = [string.IsNullOrEmpty(quiet.Start) ? "give a start time (HH:mm), or clear both times to turn quiet hours off" : $"'{Cut(quiet.Start)}' is not a time HH:mm (00:00-23:59)"];
        }

        if (!end)
        {
            errors["quietHours.end"] = [string.IsNullOrEmpty(quiet.End) ? "give an end time (HH:mm), or clear both times to turn quiet hours off" : $"'{Cut(quiet.End)}' is not a time HH:mm (00:00-23:59)"];
        }

        if (start && end && quiet.Start == quiet.End)
        {
            errors["quietHours.end"] = ["must differ from the start"];
        }

        var overrideSeverity = quiet.OverrideSeverity ?? target.QuietHours?.OverrideSeverity;
        if (overrideSeverity is not null && !Severities.Contains(overrideSeverity))
        {
            errors["quietHours.overrideSeverity"] = [$"'{Cut(overrideSeverity)}' is not one of {string.Join(", ", Severities)}"];
        }

        if (!errors.Keys.Any(k => k.StartsWith("quietHours", StringComparison.Ordinal)))
        {
            target.QuietHours = new QuietHoursEntry { Start = quiet.Start, End = quiet.End, OverrideSeverity = overrideSeverity };
        }
    }

    private static bool IsTime(string? text) =>
        text is { Length: 5 } && TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static string Cut(string text) => text.Length > 32 ? text[..32] + "…" : text;
}
