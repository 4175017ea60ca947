using System.Globalization;
using NgoMonitor.Core.Matching.NonEvents;
using NgoMonitor.Core.Matching.Rules;

namespace NgoMonitor.Core.Matching.Evaluation;

/// <summary>Where the corpora are and what to print (the `eval-packs` verb's options).</summary>
/// <param name="CorporaDirectory">Holds events/health-attacks.dev.jsonl, events/conflict-incidents.dev.jsonl and geo/lgl.jsonl.</param>
/// <param name="PacksDirectory">Pack files to measure instead of the embedded ones (for editing a pack without a rebuild); null: the shipped packs.</param>
/// <param name="Samples">False alarms and misses listed per category.</param>
/// <param name="SampleHalf">The half the samples come from: tuning, unless the check half is asked for on purpose.</param>
/// <param name="Category">Only this category's samples (all categories' figures are printed).</param>
/// <param name="NonEventsFile">A non-event cue file to use instead of the embedded one; null: the shipped list.</param>
/// <param name="EveryLanguage">Applies every rule to every item, whatever language it is written in: what the
/// packs would flag without language scoping.</param>
public sealed record RulePackEvaluationOptions(
    string CorporaDirectory,
    string? PacksDirectory = null,
    int Samples = 8,
    CorpusHalf SampleHalf = CorpusHalf.Tuning,
    string? Category = null,
    string? NonEventsFile = null,
    bool EveryLanguage = false);

/// <summary>
/// Measures the shipped packs, as the watchlist matcher applies them (rules, then the non-event gate), against the
/// Insecurity Insight labels (docs/matching-evaluation.md). Per category and per half of the data (a fixed hash of the
/// id, <see cref="EventCorpus.HalfOf"/>): recall on the label's positives, precision among the flagged incidents the
/// label covers, F1, and the share of ordinary news (LGL) flagged. Samples of false alarms and misses come from the
/// tuning half only, unless asked otherwise, so that the check half stays unseen. Items go in with no declared
/// language, so language detection is part of what is measured.
/// </summary>
public static class RulePackEvaluation
{
    private sealed class Tally
    {
        public int Positives;
        public int Found;
        public int Flagged;
        public int TrueFlags;
        public int News;
        public int NewsFlagged;
        public int Incidents;
        public int IncidentsFlagged;

        public double Recall => Ratio(Found, Positives);

        public double Precision => Ratio(TrueFlags, Flagged);

        public double F1 => Recall + Precision == 0 ? 0 : 2 * Recall * Precision / (Recall + Precision);

        public static Tally Sum(Tally a, Tally b) => new()
        {
            Positives = a.Positives + b.Positives,
            Found = a.Found + b.Found,
            Flagged = a.Flagged + b.Flagged,
            TrueFlags = a.TrueFlags + b.TrueFlags,
            News = a.News + b.News,
            NewsFlagged = a.NewsFlagged + b.NewsFlagged,
            Incidents = a.Incidents + b.Incidents,
            IncidentsFlagged = a.IncidentsFlagged + b.IncidentsFlagged,
        };
    }

    public static void Run(RulePackEvaluationOptions options, TextWriter output)
    {
        var packs = options.PacksDirectory is { } dir ? RulePacks.ReadDirectory(dir) : RulePacks.All().ToList();
        NonEventGate gate;
        if (options.NonEventsFile is { } cueFile)
        {
            using var cues = File.OpenRead(cueFile);
            gate = NonEventGate.Read(cues, cueFile);
        }
        else
        {
            gate = NonEventGate.Default;
        }

        var detector = new PackDetector(packs, gate, options.EveryLanguage);
        var events = Path.Combine(options.CorporaDirectory, "events");
        var healthAttacks = EventCorpus.ReadHealthAttacks(Path.Combine(events, "health-attacks.dev.jsonl")).ToList();
        var incidents = EventCorpus.ReadConflictIncidents(Path.Combine(events, "conflict-incidents.dev.jsonl")).ToList();
        var news = EventCorpus.ReadNews(Path.Combine(options.CorporaDirectory, "geo", "lgl.jsonl")).ToList();

        var tallies = new Dictionary<(string, CorpusHalf), Tally>();
        Tally TallyOf(string category, CorpusHalf half) =>
            tallies.TryGetValue((category, half), out var t) ? t : tallies[(category, half)] = new Tally();
        var misses = new Dictionary<string, List<string>>();
        var falseAlarms = new Dictionary<string, List<string>>();
        var unlabelledFlags = new Dictionary<string, List<string>>();
        void Note(Dictionary<string, List<string>> into, string category, EventExample example, string terms)
        {
            if (example.Half == options.SampleHalf)
            {
                (into.TryGetValue(category, out var list) ? list : into[category] = []).Add(Shorten(example.Title + " " + example.Text) + terms);
            }
        }

        var categories = packs.Select(p => p.Id).ToList();
        var incidentHits = incidents.ToDictionary(e => e.Id, detector.Detect);
        foreach (var category in categories)
        {
            var label = EventCorpus.LabelOf(category);
            var positives = label.RecallOnHealthAttacks ? healthAttacks : incidents.Where(e => label.Label is { } l && e.Labels.Contains(l));
            foreach (var example in positives.Where(label.Covers))
            {
                var tally = TallyOf(category, example.Half);
                tally.Positives++;
                var detection = label.RecallOnHealthAttacks ? detector.Detect(example) : incidentHits[example.Id];
                if (detection.Flags.ContainsKey(category))
                {
                    tally.Found++;
                }
                else
                {
                    Note(misses, category, example, detection.Silenced.Contains(category) ? " [silenced by the non-event gate]" : "");
                }
            }

            foreach (var example in incidents)
            {
                var tally = TallyOf(category, example.Half);
                tally.Incidents++;
                if (!incidentHits[example.Id].Flags.TryGetValue(category, out var terms))
                {
                    continue;
                }

                tally.IncidentsFlagged++;
                if (label.Label is null)
                {
                    Note(unlabelledFlags, category, example, " [" + terms + "]");
                }
                else if (label.Covers(example))
                {
                    tally.Flagged++;
                    if (example.Labels.Contains(label.Label!))
                    {
                        tally.TrueFlags++;
                    }
                    else
                    {
                        Note(falseAlarms, category, example, " [" + terms + "]");
                    }
                }
            }
        }

        var newsFlags = new Dictionary<string, List<string>>();
        foreach (var article in news)
        {
            var detection = detector.Detect(article);
            foreach (var category in categories)
            {
                var tally = TallyOf(category, article.Half);
                tally.News++;
                if (detection.Flags.TryGetValue(category, out var terms))
                {
                    tally.NewsFlagged++;
                    (newsFlags.TryGetValue(category, out var list) ? list : newsFlags[category] = []).Add(article.Half + ": " + Shorten(article.Title) + " [" + terms + "]");
                }
            }
        }

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine("# Rule packs on the Insecurity Insight dev data (CC BY-SA 4.0, Insecurity Insight) and LGL news");
        output.WriteLine();
        output.WriteLine("| category | label | half | recall | precision | F1 | positives found | flags true | LGL flagged | incidents flagged |");
        output.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var category in categories)
        {
            var label = EventCorpus.LabelOf(category);
            var rows = new[]
            {
                ("tuning", TallyOf(category, CorpusHalf.Tuning)),
                ("check", TallyOf(category, CorpusHalf.Check)),
                ("whole", Tally.Sum(TallyOf(category, CorpusHalf.Tuning), TallyOf(category, CorpusHalf.Check))),
            };
            foreach (var (half, t) in rows)
            {
                output.WriteLine(label.Label is null
                    ? string.Format(inv, "| {0} | – | {1} | – | – | – | – | – | {2}/{3} ({4:P1}) | {5}/{6} ({7:P1}) |", category, half, t.NewsFlagged, t.News, Ratio(t.NewsFlagged, t.News), t.IncidentsFlagged, t.Incidents, Ratio(t.IncidentsFlagged, t.Incidents))
                    : string.Format(inv, "| {0} | {1} | {2} | {3:0.000} | {4:0.000} | {5:0.000} | {6}/{7} | {8}/{9} | {10}/{11} ({12:P1}) | {13}/{14} ({15:P1}) |", category, label.Label, half, t.Recall, t.Precision, t.F1, t.Found, t.Positives, t.TrueFlags, t.Flagged, t.NewsFlagged, t.News, Ratio(t.NewsFlagged, t.News), t.IncidentsFlagged, t.Incidents, Ratio(t.IncidentsFlagged, t.Incidents)));
            }
        }

        output.WriteLine();
        output.WriteLine("Languages as read with none declared (a guess: the rules of every Latin-script language apply): "
            + string.Join("; ", new[] { ("health attacks", healthAttacks), ("conflict incidents", incidents), ("LGL", news) }.Select(c => c.Item1 + " " + Languages(c.Item2))));

        foreach (var category in categories.Where(c => options.Category is null || options.Category == c))
        {
            output.WriteLine();
            output.WriteLine("## " + category + " (samples from the " + options.SampleHalf.ToString().ToLowerInvariant() + " half)");
            WriteSample(output, "Misses", misses.GetValueOrDefault(category), options.Samples);
            WriteSample(output, "False alarms (incidents the label covers, label false)", falseAlarms.GetValueOrDefault(category), options.Samples);
            if (EventCorpus.LabelOf(category).Label is null)
            {
                // No label says which flags are right: the sample is for reading.
                WriteSample(output, "Incidents flagged (no label: read them to judge)", unlabelledFlags.GetValueOrDefault(category), options.Samples);
            }

            WriteSample(output, "LGL articles flagged", newsFlags.GetValueOrDefault(category), options.Samples);
        }
    }

    /// <summary>How many of <paramref name="examples"/> read as each language, and how many are a guess.</summary>
    private static string Languages(List<EventExample> examples) => string.Join(", ", examples
        .Select(e => LanguageDetector.Read(null, e.Title, e.Text))
        .GroupBy(l => l.Basis == LanguageBasis.Guessed ? "guessed" : l.Language)
        .OrderByDescending(g => g.Count())
        .Select(g => g.Key + " " + g.Count().ToString(CultureInfo.InvariantCulture)));

    private static void WriteSample(TextWriter output, string heading, List<string>? lines, int count)
    {
        output.WriteLine();
        output.WriteLine(heading + " (" + (lines?.Count ?? 0).ToString(CultureInfo.InvariantCulture) + "), evenly spaced sample:");
        if (lines is null || count <= 0)
        {
            return;
        }

        var step = Math.Max(1, lines.Count / count);
        foreach (var line in lines.Where((_, i) => i % step == 0).Take(count))
        {
            output.WriteLine("- " + line);
        }
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    private static string Shorten(string text)
    {
        var flat = text.Trim().ReplaceLineEndings(" ");
        return flat.Length <= 240 ? flat : flat[..240] + "…";
    }
}
