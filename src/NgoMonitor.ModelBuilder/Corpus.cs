using NgoMonitor.Core.Hashing;
using NgoMonitor.Core.Matching.Evaluation;
using NgoMonitor.Core.Matching.Relevance;

namespace NgoMonitor.ModelBuilder;

/// <summary>One text of the corpora with its label per model category (a category absent from
/// <see cref="Labels"/> must not be trained or measured on it) and its precomputed features.</summary>
internal sealed record LabelledText(string Id, string Source, string Title, string Body, IReadOnlyDictionary<string, bool> Labels)
{
    /// <summary>The incident's date (null for news): dates a trial cue of the non-event gate as the matcher dates an item.</summary>
    public DateOnly? Date { get; init; }

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
    /// Model categories (pack ids) in the order the model file lists them, each with the incident label it learns and
    /// the period its sources code: <see cref="EventCorpus.Categories"/>, the one table every tool on these data uses,
    /// without the categories that have no data label.
    /// </summary>
    public static readonly IReadOnlyList<(string Category, string Label)> Categories =
        [.. EventCorpus.Categories.Where(c => c.Label is not null).Select(c => (c.Category, c.Label!))];

    /// <summary>The labels of an incident per model category; a category whose label says nothing about it (outside
    /// the period its sources code, <see cref="CategoryLabel.IsPositive"/>) is left out, so it is neither trained nor
    /// measured on the incident. <paramref name="only"/> limits the categories (null: all).</summary>
    public static Dictionary<string, bool> LabelsOf(EventExample incident, IReadOnlySet<string>? only = null)
    {
        var mapped = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (category, _) in Categories)
        {
            if ((only is null || only.Contains(category)) && EventCorpus.LabelOf(category).IsPositive(incident) is { } positive)
            {
                mapped[category] = positive;
            }
        }

        return mapped;
    }

    public static List<LabelledText> Load(string eventsDirectory, string lglJsonl, string geovirusJsonl)
    {
        var texts = new List<LabelledText>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var incident in EventCorpus.ReadConflictIncidents(Path.Combine(eventsDirectory, "conflict-incidents.dev.jsonl")))
        {
            ids.Add(incident.Id);
            texts.Add(new LabelledText(incident.Id, "incidents", "", incident.Text, LabelsOf(incident)) { Date = incident.Date });
        }

        // Health incidents merged away in the conflict file (same text as another row) are still attacks on health care;
        // their other labels are not coded here, so they train and measure health-care only.
        var healthOnly = new HashSet<string>(StringComparer.Ordinal) { "health-care" };
        foreach (var incident in EventCorpus.ReadHealthAttacks(Path.Combine(eventsDirectory, "health-attacks.dev.jsonl")))
        {
            if (ids.Add(incident.Id))
            {
                texts.Add(new LabelledText(incident.Id, "health", "", incident.Text, LabelsOf(incident, healthOnly)) { Date = incident.Date });
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
