using System.Globalization;
using System.Text.Json;

namespace NgoMonitor.Core.Matching.Rules;

/// <summary>
/// Measures the shipped packs on two corpora (docs/matching-evaluation.md):
/// recall of the health-care pack on incident descriptions that are all attacks on health care (one JSON object per
/// line with "notes" and "labels"), and the share of ordinary news articles (one JSON object per line with "title"
/// and "text") that each pack flags, which are false positives unless the article really reports such an event.
/// Items go in with no declared language, so detection is part of what is measured.
/// </summary>
public static class RulePackEvaluation
{
    public static void Run(string eventsJsonl, string lglJsonl, TextWriter output, int missSample = 40)
    {
        var health = CompiledRuleSet.Compile(RulePacks.Get("health-care").ToDefinitions());
        var inv = CultureInfo.InvariantCulture;

        var total = 0;
        var found = 0;
        var byLabel = new SortedDictionary<string, (int Total, int Found)>(StringComparer.Ordinal);
        var misses = new List<string>();
        foreach (var line in File.ReadLines(eventsJsonl))
        {
            using var json = JsonDocument.Parse(line);
            var notes = json.RootElement.GetProperty("notes").GetString() ?? "";
            var hit = health.Match(new MatchDocument("", notes, null)).Count > 0;
            total++;
            found += hit ? 1 : 0;
            if (!hit)
            {
                misses.Add(notes);
            }

            foreach (var label in json.RootElement.GetProperty("labels").EnumerateObject())
            {
                if (label.Value.ValueKind == JsonValueKind.True)
                {
                    var (t, f) = byLabel.GetValueOrDefault(label.Name);
                    byLabel[label.Name] = (t + 1, f + (hit ? 1 : 0));
                }
            }
        }

        output.WriteLine("## Recall of health-care on " + Path.GetFileName(eventsJsonl));
        output.WriteLine();
        output.WriteLine(string.Format(inv, "{0} of {1} incidents matched: recall {2:P1}", found, total, Ratio(found, total)));
        output.WriteLine();
        output.WriteLine("| label | incidents | matched | recall |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var (label, (t, f)) in byLabel)
        {
            output.WriteLine(string.Format(inv, "| {0} | {1} | {2} | {3:P1} |", label, t, f, Ratio(f, t)));
        }

        output.WriteLine();
        output.WriteLine("Missed incidents, evenly spaced sample:");
        var step = Math.Max(1, misses.Count / Math.Max(1, missSample));
        foreach (var miss in misses.Where((_, i) => i % step == 0).Take(missSample))
        {
            output.WriteLine("- " + Shorten(miss));
        }

        var packs = RulePacks.All().Select(p => (Pack: p, Set: CompiledRuleSet.Compile(p.ToDefinitions()))).ToList();
        var articles = 0;
        var flagged = packs.ToDictionary(p => p.Pack.Id, _ => new List<string>());
        foreach (var line in File.ReadLines(lglJsonl))
        {
            using var json = JsonDocument.Parse(line);
            var title = json.RootElement.GetProperty("title").GetString() ?? "";
            var text = json.RootElement.GetProperty("text").GetString() ?? "";
            // "text" starts with the title; match the rest as the body so a term is not counted twice.
            var body = text.StartsWith(title, StringComparison.Ordinal) ? text[title.Length..].TrimStart('.', ' ') : text;
            articles++;
            foreach (var (pack, set) in packs)
            {
                var hits = set.Match(new MatchDocument(title, body, null));
                if (hits.Count > 0)
                {
                    var terms = string.Join(", ", hits.SelectMany(h => h.Terms).Select(t => t.Term).Distinct());
                    flagged[pack.Id].Add(title + " [" + terms + "]");
                }
            }
        }

        output.WriteLine();
        output.WriteLine("## Articles flagged in " + Path.GetFileName(lglJsonl) + " (" + articles.ToString(inv) + " ordinary news articles)");
        output.WriteLine();
        output.WriteLine("| pack | flagged | rate |");
        output.WriteLine("|---|---:|---:|");
        foreach (var (pack, _) in packs)
        {
            output.WriteLine(string.Format(inv, "| {0} | {1} | {2:P1} |", pack.Id, flagged[pack.Id].Count, Ratio(flagged[pack.Id].Count, articles)));
        }

        foreach (var (pack, _) in packs)
        {
            if (flagged[pack.Id].Count == 0)
            {
                continue;
            }

            output.WriteLine();
            output.WriteLine("Flagged by " + pack.Id + ":");
            foreach (var title in flagged[pack.Id])
            {
                output.WriteLine("- " + Shorten(title));
            }
        }
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    private static string Shorten(string text)
    {
        var flat = text.Replace("_x000D_", " ", StringComparison.Ordinal).ReplaceLineEndings(" ");
        return flat.Length <= 220 ? flat : flat[..220] + "…";
    }
}
