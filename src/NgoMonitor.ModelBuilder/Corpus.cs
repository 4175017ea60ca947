using NgoMonitor.Core.Hashing;
using NgoMonitor.Core.Matching.Evaluation;
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
    /// <summary>
    /// Model categories (pack ids) in the order the model file lists them, each with the incident label it learns
    /// (<see cref="EventCorpus.LabelOf"/>: the one category → label table every tool on these data uses).
    /// </summary>
    public static readonly IReadOnlyList<(string Category, string Label)> Categories =
        [.. new[] { "health-care", "aid-worker-kidnapped", "aid-worker-attacked", "kidnapping", "education", "explosive-weapons", "sexual-violence" }
            .Select(category => (category, EventCorpus.LabelOf(category).Label!))];

    public static List<LabelledText> Load(string eventsDirectory, string lglJsonl, string geovirusJsonl)
    {
        var texts = new List<LabelledText>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var incident in EventCorpus.ReadConflictIncidents(Path.Combine(eventsDirectory, "conflict-incidents.dev.jsonl")))
        {
            var mapped = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var (category, label) in Categories)
            {
                // A negative outside the period its source codes is unknown, not negative: later incidents for the
                // health data, earlier aid-worker kidnappings for KIKA (README of the data).
                var value = incident.Labels.Contains(label);
                var unknown = !value && ((label == "health_attack" && incident.Date > EventCorpus.HealthDataEnd)
                    || (label == "aid_worker_kidnapped" && incident.Date < EventCorpus.AidWorkerDataStart));
                if (!unknown)
                {
                    mapped[category] = value;
                }
            }

            ids.Add(incident.Id);
            texts.Add(new LabelledText(incident.Id, "incidents", "", incident.Text, mapped));
        }

        // Health incidents merged away in the conflict file (same text as another row) are still attacks on health care;
        // their other labels are not coded here, so they train and measure health-care only.
        foreach (var incident in EventCorpus.ReadHealthAttacks(Path.Combine(eventsDirectory, "health-attacks.dev.jsonl")))
        {
            if (ids.Add(incident.Id))
            {
                texts.Add(new LabelledText(incident.Id, "health", "", incident.Text, new Dictionary<string, bool> { ["health-care"] = true }));
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
        return EventCorpus.ReadNews(jsonl).Select(article => new LabelledText(article.Id, source, article.Title, article.Text, negative));
    }

    /// <summary>The fold of an id: FNV-1a of its UTF-16 code units, modulo <paramref name="folds"/>; fixed across runs.</summary>
    public static int Fold(string id, int folds) =>
        (int)(Fnv1a.Hash32(id) % (uint)folds);
}
