using System.Diagnostics;
using System.Globalization;
using NgoMonitor.Core.Matching.Relevance;
using NgoMonitor.ModelBuilder;

// Trains and measures the relevance models (data/relevance/README.md, docs/relevance-model.md). Deterministic: the
// same data gives the same model bytes. Usage:
//   build    --events <dir> --lgl <lgl.jsonl> --geovirus <geovirus.jsonl> --output data/relevance/relevance.model [--packs <dir>]
//   evaluate --events <dir> --lgl <lgl.jsonl> --geovirus <geovirus.jsonl> [--packs <dir>] [--all-designs | --design <name>]
//   score    --input <news.jsonl> --category <id> [--model <file>] [--packs <dir>]   items the rules pass: score, top features
//   cost     --lgl <lgl.jsonl> [--model <file>]   model load time and CPU time per item scored, one thread
string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
string Required(string name) => Option(name) ?? throw new ArgumentException("missing " + name);

switch (args.FirstOrDefault())
{
    case "build":
    {
        var texts = Corpus.Load(Required("--events"), Required("--lgl"), Required("--geovirus"));
        var model = FoldTraining.TrainWithThresholds(texts, Design.Chosen, new RuleGate(Option("--packs")), salt: 0);
        var output = Required("--output");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        using (var file = File.Create(output))
        {
            model.Write(file);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{texts.Count} texts, {model.FeatureCount} features -> {output} ({new FileInfo(output).Length / 1024} KiB)"));
        foreach (var category in model.Categories)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {category.Id}: threshold {category.Threshold:F3}"));
        }

        return 0;
    }

    case "evaluate":
    {
        var texts = Corpus.Load(Required("--events"), Required("--lgl"), Required("--geovirus"));
        var designs = args.Contains("--all-designs") ? Design.Compared
            : Option("--design") is { } named ? Design.Compared.Where(d => d.Name == named).ToList() : [Design.Chosen];
        Evaluation.Run(texts, designs, new RuleGate(Option("--packs")), Console.Out);
        return 0;
    }

    case "score":
    {
        var model = Option("--model") is { } path ? RelevanceModel.Read(File.OpenRead(path)) : RelevanceModel.Shipped!;
        var category = Required("--category");
        var gate = new RuleGate(Option("--packs"));
        foreach (var text in Corpus.News(Required("--input"), "input").Where(t => gate.Passes(category, t)))
        {
            var score = model.Score(category, text.Features);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{score.Score:F3}\t{string.Join(", ", score.TopFeatures)}\t{text.Id}\t{text.Title}"));
        }

        return 0;
    }

    case "cost":
        return Cost.Run(Option("--model"), Required("--lgl"), Console.Out);

    default:
        Console.Error.WriteLine("usage: NgoMonitor.ModelBuilder build|evaluate|cost (see data/relevance/README.md)");
        return 2;
}

namespace NgoMonitor.ModelBuilder
{
    /// <summary>What the model costs at run time: load (read and index the file) and one item scored for every
    /// category (features extracted once), in CPU time of this thread so other load on the machine counts less.</summary>
    internal static class Cost
    {
        public static int Run(string? modelPath, string lglJsonl, TextWriter output)
        {
            var items = Corpus.News(lglJsonl, "lgl").Select(t => (t.Title, t.Body)).ToList();
            var load = Stopwatch.StartNew();
            var model = modelPath is null ? RelevanceModel.Shipped! : RelevanceModel.Read(File.OpenRead(modelPath));
            load.Stop();
            var categories = model.Categories.Select(c => c.Id).ToArray();
            var sink = 0.0;
            for (var round = 0; round < 3; round++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                foreach (var (title, body) in items)
                {
                    var features = RelevanceFeatures.Extract(title, body);
                    foreach (var category in categories)
                    {
                        sink += model.Score(category, features).Score;
                    }
                }

                var spent = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: {spent.TotalMicroseconds / items.Count:F1} µs CPU per LGL article (features once, {categories.Length} categories scored)"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model load (first, cold): {load.Elapsed.TotalMilliseconds:F0} ms wall; {model.FeatureCount} features; checksum {sink:F3}"));
            return 0;
        }
    }
}
