using System.Globalization;
using NgoMonitor.Core.Matching.Relevance;
using NgoMonitor.ModelBuilder;

// Trains and measures the relevance models (data/relevance/README.md, docs/relevance-model.md). Deterministic: the
// same data gives the same model bytes. Usage:
//   build    --events <dir> --lgl <lgl.jsonl> --geovirus <geovirus.jsonl> --output data/relevance/relevance.model [--packs <dir>] [--design <name>]
//   evaluate --events <dir> --lgl <lgl.jsonl> --geovirus <geovirus.jsonl> [--packs <dir>] [--all-designs | --design "<name>;<name>"] [--all-policies]
//   compare  --events <dir> --lgl <lgl.jsonl> --geovirus <geovirus.jsonl> [--packs <dir>] --design "<name>;<name>" [--categories <id>,<id>]   one fit per outer fold, average precision per category
//   cost     --lgl <lgl.jsonl>   shipped model: load time, time per item scored for every category (one thread)
//   score    --input <news.jsonl> --category <id> [--model <file>] [--packs <dir>] [--all]   items the rules pass (--all: every item): score, top features
string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
string Required(string name) => Option(name) ?? throw new ArgumentException("missing " + name);

switch (args.FirstOrDefault())
{
    case "build":
    {
        var texts = Corpus.Load(Required("--events"), Required("--lgl"), Required("--geovirus"));
        var gate = new RuleGate(Option("--packs"));
        var design = Option("--design") is { } named ? Design.Compared.Single(d => d.Name == named) : Design.Chosen;
        var model = FoldTraining.Train(texts, design, FoldTraining.Thresholds(texts, design, gate, salt: 0, ThresholdPolicies.Shipped), gate);
        var output = Required("--output");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        using (var file = File.Create(output))
        {
            model.Write(file);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{texts.Count} texts, {model.FeatureCount} features -> {output} ({new FileInfo(output).Length / 1024} KiB)"));
        foreach (var category in model.Categories)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {category.Id}: threshold {category.Threshold:0.0000} ({ThresholdPolicies.Shipped(category.Id).Name})"));
        }

        return 0;
    }

    case "evaluate":
    {
        var texts = Corpus.Load(Required("--events"), Required("--lgl"), Required("--geovirus"));
        var designs = args.Contains("--all-designs") ? Design.Compared
            : Option("--design") is { } named ? Design.Compared.Where(d => named.Split(';').Contains(d.Name)).ToList() : [Design.Chosen];
        var policies = args.Contains("--all-policies") ? ThresholdPolicies.Measured : ThresholdPolicies.Measured.Take(1).ToList();
        Evaluation.Run(texts, designs, policies, new RuleGate(Option("--packs")), Console.Out);
        return 0;
    }

    case "compare":
    {
        var texts = Corpus.Load(Required("--events"), Required("--lgl"), Required("--geovirus"));
        var named = Required("--design").Split(';');
        var designs = Design.Compared.Where(d => named.Contains(d.Name)).ToList();
        if (designs.Count != named.Length)
        {
            throw new ArgumentException("unknown design in --design; known: " + string.Join("; ", Design.Compared.Select(d => d.Name)));
        }

        // --categories limits the comparison (and the slow learners' fits) to some categories: the others' labels are dropped.
        var categories = Option("--categories")?.Split(',') ?? [.. Corpus.Categories.Select(c => c.Category)];
        if (categories.Except(Corpus.Categories.Select(c => c.Category)).FirstOrDefault() is { } unknown)
        {
            throw new ArgumentException("unknown category in --categories: " + unknown);
        }

        texts = [.. texts.Select(t => t with { Labels = t.Labels.Where(l => categories.Contains(l.Key)).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal) })];
        DesignComparison.Run(texts, designs, categories, new RuleGate(Option("--packs")), Console.Out);
        return 0;
    }

    case "score":
    {
        var model = Option("--model") is { } path ? RelevanceModel.Read(File.OpenRead(path)) : RelevanceModel.Shipped!;
        var category = Required("--category");
        var gate = new RuleGate(Option("--packs"));
        foreach (var text in Corpus.News(Required("--input"), "input").Where(t => args.Contains("--all") || gate.Passes(category, t)))
        {
            var score = model.Score(category, text.Features);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{score.Score:F3}\t{string.Join(", ", score.TopFeatures)}\t{text.Id}\t{text.Title}"));
        }

        return 0;
    }

    case "cost":
        return RelevanceCost.Run(Required("--lgl"), Console.Out);

    default:
        Console.Error.WriteLine("usage: NgoMonitor.ModelBuilder build|evaluate|compare|score|cost (see data/relevance/README.md)");
        return 2;
}
