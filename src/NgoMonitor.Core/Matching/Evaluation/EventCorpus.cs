using System.Text;
using System.Text.Json;
using NgoMonitor.Core.Hashing;

namespace NgoMonitor.Core.Matching.Evaluation;

/// <summary>Which half of a corpus an example falls in, by a fixed hash of its id (<see cref="EventCorpus.HalfOf"/>).</summary>
public enum CorpusHalf
{
    /// <summary>Rules and weights may be tuned looking at these examples.</summary>
    Tuning,

    /// <summary>Never looked at while tuning: the honest figure.</summary>
    Check,
}

/// <summary>One labelled example: an incident description (title empty) or a news article.</summary>
/// <param name="Id">Stable id from the source ("ii-health:42815", "lgl-40450848").</param>
/// <param name="Date">The event's date, when the source gives one.</param>
/// <param name="Labels">Labels that are true for this example (names from the data, e.g. "health_attack").</param>
public sealed record EventExample(string Id, DateOnly? Date, string Title, string Text, IReadOnlySet<string> Labels)
{
    public CorpusHalf Half => EventCorpus.HalfOf(Id);
}

/// <summary>
/// How a detection category (a shipped pack id) is scored against the Insecurity Insight labels.
/// <paramref name="Label"/> is null when no data label exists for the category (only the flag rate on ordinary news
/// is measured). Only examples dated within [<paramref name="From"/>, <paramref name="Until"/>] count, because the
/// sources that code the label cover only that period. <paramref name="RecallOnHealthAttacks"/>: recall is measured on
/// health-attacks.dev.jsonl (every row a positive) instead of the conflict incidents' positives.
/// </summary>
public sealed record CategoryLabel(string Category, string? Label, DateOnly? From = null, DateOnly? Until = null, bool RecallOnHealthAttacks = false)
{
    public bool Covers(EventExample example) =>
        Label is not null && example.Date is { } date && (From is null || date >= From) && (Until is null || date <= Until);

    /// <summary>Whether <paramref name="example"/> is a positive of the category; null when the label says nothing
    /// about it (no data label, no date, or dated outside the sources' period): such an example is neither trained nor
    /// measured on, for a pre-2020 aid-worker killing is absent from the aid-worker data, not a negative.</summary>
    public bool? IsPositive(EventExample example) => Covers(example) ? example.Labels.Contains(Label!) : null;
}

/// <summary>
/// Reads the evaluation corpora (Insecurity Insight incident data, CC BY-SA 4.0, and the LGL news articles) into
/// <see cref="EventExample"/>s and says which data label stands for which category. Used by the evaluation verbs and
/// by anything trained on these data; never by tests.
///
/// Category → label (docs/matching-evaluation.md):
/// <list type="table">
/// <item><term>health-care</term><description>health_attack, incidents up to 21 Dec 2023 (the health data's end); recall also on health-attacks.dev.jsonl</description></item>
/// <item><term>aid-worker-kidnapped</term><description>aid_worker_kidnapped, from 1 Jan 2020 (KIKA data start)</description></item>
/// <item><term>aid-worker-attacked</term><description>aid_worker_attacked (killed, injured, kidnapped or arrested aid workers), from 1 Jan 2020</description></item>
/// <item><term>kidnapping</term><description>kidnapping_any</description></item>
/// <item><term>education</term><description>education_attack</description></item>
/// <item><term>explosive-weapons</term><description>explosive_weapons</description></item>
/// <item><term>sexual-violence</term><description>sexual_violence</description></item>
/// <item><term>aid-worker-detained, armed-clashes, border-closures, mass-displacement, roadblocks-curfews</term><description>no label: flag rates only</description></item>
/// </list>
/// </summary>
public static class EventCorpus
{
    /// <summary>Last day covered by the health-care incident data.</summary>
    public static readonly DateOnly HealthDataEnd = new(2023, 12, 21);

    /// <summary>First day covered by the aid-worker (KIKA) data.</summary>
    public static readonly DateOnly AidWorkerDataStart = new(2020, 1, 1);

    /// <summary>The category → label table above, one entry per shipped detection category.</summary>
    public static IReadOnlyList<CategoryLabel> Categories { get; } =
    [
        new("health-care", "health_attack", Until: HealthDataEnd, RecallOnHealthAttacks: true),
        new("aid-worker-attacked", "aid_worker_attacked", From: AidWorkerDataStart),
        new("aid-worker-kidnapped", "aid_worker_kidnapped", From: AidWorkerDataStart),
        new("aid-worker-detained", null),
        new("kidnapping", "kidnapping_any"),
        new("education", "education_attack"),
        new("explosive-weapons", "explosive_weapons"),
        new("sexual-violence", "sexual_violence"),
        new("armed-clashes", null),
        new("border-closures", null),
        new("mass-displacement", null),
        new("roadblocks-curfews", null),
    ];

    /// <summary>The label entry of <paramref name="category"/> (or of the pack a former pack id names); a category not in the table has no label.</summary>
    public static CategoryLabel LabelOf(string category)
    {
        var current = Rules.RulePacks.Aliases.GetValueOrDefault(category, category);
        return Categories.FirstOrDefault(c => c.Category == current) ?? new CategoryLabel(category, null);
    }

    /// <summary>
    /// The half an id falls in: FNV-1a (32 bit) of its UTF-8 bytes, even → tuning, odd → check. Fixed so that every
    /// run, and every tool that tunes on these data, agrees on which examples it may look at.
    /// </summary>
    public static CorpusHalf HalfOf(string id)
    {
        var hash = Fnv1a.Hash32(Encoding.UTF8.GetBytes(id));
        return (hash & 1) == 0 ? CorpusHalf.Tuning : CorpusHalf.Check;
    }

    /// <summary>conflict-incidents.dev.jsonl: "id", "date", "text" and the boolean "labels".</summary>
    public static IEnumerable<EventExample> ReadConflictIncidents(string path) =>
        ReadLines(path, json => new EventExample(
            json.GetProperty("id").GetString()!, Date(json), "", json.GetProperty("text").GetString() ?? "", TrueLabels(json)));

    /// <summary>health-attacks.dev.jsonl: every row is an attack on health care ("notes" is the text).</summary>
    public static IEnumerable<EventExample> ReadHealthAttacks(string path) =>
        ReadLines(path, json => new EventExample(
            json.GetProperty("id").GetString()!, Date(json), "", json.GetProperty("notes").GetString() ?? "", TrueLabels(json)));

    /// <summary>News JSONL (lgl.jsonl, geovirus.jsonl): "id", "text" and optionally "title", no event labels. "text" starts with the title, which is cut off the body.</summary>
    public static IEnumerable<EventExample> ReadNews(string path) =>
        ReadLines(path, json =>
        {
            var title = json.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "";
            var text = json.GetProperty("text").GetString() ?? "";
            var body = title.Length > 0 && text.StartsWith(title, StringComparison.Ordinal) ? text[title.Length..].TrimStart('.', ' ') : text;
            return new EventExample(json.GetProperty("id").GetString()!, null, title, body, new HashSet<string>());
        });

    private static IEnumerable<EventExample> ReadLines(string path, Func<JsonElement, EventExample> read)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            EventExample example;
            try
            {
                using var json = JsonDocument.Parse(line);
                example = read(json.RootElement);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException(path + ", line " + number + ": " + e.Message, e);
            }

            yield return example;
        }
    }

    private static DateOnly? Date(JsonElement json) =>
        json.TryGetProperty("date", out var d) && DateOnly.TryParse(d.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var date) ? date : null;

    private static HashSet<string> TrueLabels(JsonElement json) =>
        json.TryGetProperty("labels", out var labels)
            ? labels.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.True).Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : [];
}
