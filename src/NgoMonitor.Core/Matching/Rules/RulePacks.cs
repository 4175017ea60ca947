using System.Text.Json;
using System.Text.Json.Serialization;

namespace NgoMonitor.Core.Matching.Rules;

/// <summary>One rule of a pack: the query and the language it is written in ("en", "fr", "ar"). The matcher applies
/// the rule to items in that language only (<see cref="LanguageDetector.Read"/>).</summary>
public sealed record PackRule(string Query, string Lang);

/// <summary>A shipped rule pack (docs/rule-packs.md): a named set of rules with one category and severity.</summary>
public sealed record RulePack(string Id, string Name, string Category, Severity Severity, IReadOnlyList<PackRule> Rules)
{
    /// <summary>The pack as rule definitions with ids "packId/index", ready for <see cref="CompiledRuleSet.Compile"/>.</summary>
    public IReadOnlyList<RuleDefinition> ToDefinitions() =>
        Rules.Select((r, i) => new RuleDefinition(Id + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Query, Category, Severity, r.Lang)).ToList();
}

/// <summary>Loads the default rule packs embedded from Matching/Packs/*.json.</summary>
public static class RulePacks
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly Lazy<IReadOnlyList<RulePack>> Packs = new(Load);

    /// <summary>Every shipped pack, ordered by id.</summary>
    public static IReadOnlyList<RulePack> All() => Packs.Value;

    /// <summary>
    /// Former pack ids that configurations may still name, and the pack that now stands for each:
    /// "aid-worker-abduction" covered kidnappings and arrests together; kidnappings are "aid-worker-kidnapped" and
    /// arrests "aid-worker-detained", so the old id names the kidnapping pack.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["aid-worker-abduction"] = "aid-worker-kidnapped",
    };

    /// <summary>The pack with <paramref name="id"/> or whose former id it is (<see cref="Aliases"/>); null when there is none.</summary>
    public static RulePack? Find(string id)
    {
        var current = Aliases.GetValueOrDefault(id, id);
        return All().FirstOrDefault(p => p.Id == current);
    }

    /// <summary>The pack with <paramref name="id"/> (or a former id); throws <see cref="KeyNotFoundException"/> when there is none.</summary>
    public static RulePack Get(string id) => Find(id) ?? throw new KeyNotFoundException("No rule pack '" + id + "'");

    /// <summary>Reads one pack file (the format of Matching/Packs/*.json); <paramref name="source"/> names it in errors.</summary>
    public static RulePack Read(Stream json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<RulePack>(json, Options) ?? throw new InvalidDataException("Rule pack " + source + " is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("Rule pack " + source + ": " + e.Message, e);
        }
    }

    /// <summary>Reads every *.json pack file of <paramref name="directory"/>, ordered by file name (packs being rewritten,
    /// measured in place of the shipped ones).</summary>
    public static List<RulePack> ReadDirectory(string directory) =>
        [.. Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).Select(f =>
        {
            using var stream = File.OpenRead(f);
            return Read(stream, f);
        })];

    private static List<RulePack> Load()
    {
        var assembly = typeof(RulePacks).Assembly;
        var packs = new List<RulePack>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("NgoMonitor.Packs.", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            packs.Add(Read(stream, name));
        }

        return packs.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
    }
}
