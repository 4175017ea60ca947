using System.Text.Json;
using NgoMonitor.Core.Matching.Relevance;

namespace NgoMonitor.ModelBuilder;

/// <summary>One text of the corpora with its label per model category (a category absent from
/// <see cref="Labels"/> must not be trained or measured on it) and its precomputed features.</summary>
internal sealed record LabelledText(string Id, string Source, string Title, string Body, IReadOnlyDictionary<string, bool> Labels)
{
    public IReadOnlyList<string> FeatureNames { get; } = RelevanceFeatures.Names(Title, Body);

    public IReadOnlyList<ulong> Features { get; } = RelevanceFeatures.Extract(Title, Body);

    /// <summary>The id that decides the fold: a text made from another (in news context) stays in that one's fold.</summary>
    public string FoldId { get; init; } = Id;

    /// <summary>A news article (LGL, GeoVirus) rather than an incident description.</summary>
    public bool IsNews => Source is "lgl" or "geovirus";
}

/// <summary>
/// The training and evaluation corpora and how their labels map to watchlist categories (data/relevance/README.md):
/// the Insecurity Insight conflict incidents (labels coded by the data's authors), the health-attack incidents that
/// file lacks, and news as negatives of every category: LGL local news and GeoVirus
/// WikiNews extracts on epidemics (health news that reports no attack).
/// </summary>
internal static class Corpus
{
    /// <summary>Model category (a pack id) and the incident label it learns.</summary>
    public static readonly IReadOnlyList<(string Category, string Label)> Categories =
    [
        ("health-care", "health_attack"),
        ("aid-worker-kidnapped", "aid_worker_kidnapped"),
        ("aid-worker-attacked", "aid_worker_attacked"),
        ("kidnapping", "kidnapping_any"),
        ("education", "education_attack"),
        ("explosive-weapons", "explosive_weapons"),
        ("sexual-violence", "sexual_violence"),
    ];

    /// <summary>The health data ends here: later incidents are not health_attack negatives (README of the data).</summary>
    private static readonly DateOnly HealthDataEnds = new(2023, 12, 21);

    /// <summary>KIKA starts here: earlier aid-worker kidnappings are coded only in the health data.</summary>
    private static readonly DateOnly KikaStarts = new(2020, 1, 1);

    public static List<LabelledText> Load(string eventsDirectory, string lglJsonl, string geovirusJsonl)
    {
        var texts = new List<LabelledText>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in Rows(Path.Combine(eventsDirectory, "conflict-incidents.dev.jsonl")))
        {
            var id = row.GetProperty("id").GetString()!;
            var date = DateOnly.Parse(row.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var labels = row.GetProperty("labels");
            var mapped = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var (category, label) in Categories)
            {
                var value = labels.GetProperty(label).GetBoolean();
                var unknown = !value && ((label == "health_attack" && date > HealthDataEnds) || (label == "aid_worker_kidnapped" && date < KikaStarts));
                if (!unknown)
                {
                    mapped[category] = value;
                }
            }

            ids.Add(id);
            texts.Add(new LabelledText(id, "incidents", "", row.GetProperty("text").GetString()!, mapped));
        }

        // Health incidents merged away in the conflict file (same text as another row) are still attacks on health care;
        // their other labels are not coded here, so they train and measure health-care only.
        foreach (var row in Rows(Path.Combine(eventsDirectory, "health-attacks.dev.jsonl")))
        {
            var id = row.GetProperty("id").GetString()!;
            if (ids.Add(id))
            {
                texts.Add(new LabelledText(id, "health", "", row.GetProperty("notes").GetString()!, new Dictionary<string, bool> { ["health-care"] = true }));
            }
        }

        texts.AddRange(News(lglJsonl, "lgl"));
        texts.AddRange(News(geovirusJsonl, "geovirus"));
        return texts;
    }

    /// <summary>News articles as title and body, negatives of every category.</summary>
    public static IEnumerable<LabelledText> News(string jsonl, string source)
    {
        var negative = Categories.ToDictionary(c => c.Category, _ => false, StringComparer.Ordinal);
        foreach (var row in Rows(jsonl))
        {
            var title = row.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "";
            var text = row.GetProperty("text").GetString()!;
            var body = title.Length > 0 && text.StartsWith(title, StringComparison.Ordinal) ? text[title.Length..].TrimStart('.', ' ') : text;
            yield return new LabelledText(row.GetProperty("id").GetString()!, source, title, body, negative);
        }
    }

    /// <summary>The fold of an id: FNV-1a of its UTF-16 code units, modulo <paramref name="folds"/>; fixed across runs.</summary>
    public static int Fold(string id, int folds)
    {
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)folds);
    }

    private static IEnumerable<JsonElement> Rows(string jsonl)
    {
        foreach (var line in File.ReadLines(jsonl))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                using var json = JsonDocument.Parse(line);
                yield return json.RootElement.Clone();
            }
        }
    }
}
