using NgoMonitor.Core.Matching.Rules;

namespace NgoMonitor.Host.Admin;

/// <summary>One rule of a shipped pack as the console shows it (read-only): the query and its language.</summary>
public sealed record PackRuleView(string Query, string Lang);

/// <summary>
/// A shipped rule pack for the watchlist editor's pack picker: id, name, category, severity, the scope and one
/// example headline documented in docs/rule-packs.md, how many rules it has, the languages they are written in, and
/// the rules themselves.
/// </summary>
public sealed record PackView(string Id, string Name, string Category, string Severity, string Scope, string Example, int RuleCount, IReadOnlyList<string> Languages, IReadOnlyList<PackRuleView> Rules);

/// <summary>
/// <c>GET /api/packs</c>: the shipped packs (<see cref="RulePacks.All"/>) with their documented scope and an example
/// an item the pack alerts on (the first English positive example of RulePacksTests), so an admin can choose packs
/// without reading the rules. Read-only: packs ship with the code.
/// </summary>
public static class PackCatalog
{
    private static readonly Dictionary<string, (string Scope, string Example)> Documented = new(StringComparer.Ordinal)
    {
        ["health-care"] = ("facilities hit, entered, looted or blocked; health workers killed, hurt, abducted, arrested, threatened; access to care obstructed", "The main hospital in the city was shelled overnight, killing two patients."),
        ["aid-worker-attacked"] = ("aid workers killed, injured, assaulted, threatened, kidnapped or arrested", "An aid worker was shot dead by gunmen on a motorcycle."),
        ["aid-worker-kidnapped"] = ("aid workers kidnapped, abducted, taken hostage, missing, held by an armed group; not arrests", "One UN national staff abducted outside mosque in Baidoa."),
        ["aid-worker-detained"] = ("aid workers arrested, detained, jailed, summoned, deported by authorities", "Security forces arrested two NGO staff members at a checkpoint."),
        ["kidnapping"] = ("anyone kidnapped, abducted, taken hostage, held for ransom, or seized or held by armed men", "Gunmen abducted 20 students from a boarding school overnight."),
        ["education"] = ("schools and universities hit, occupied, burned; teachers and students killed, abducted, arrested", "A secondary school was damaged by artillery shelling."),
        ["explosive-weapons"] = ("airstrikes, shelling, artillery, rockets, missiles, drones, IEDs, mines, grenades, explosions", "An airstrike hit a market in the town centre."),
        ["sexual-violence"] = ("rape and sexual violence near an armed actor or a conflict setting", "Women were raped by soldiers during the raid on the village."),
        ["border-closures"] = ("a border or crossing closed, sealed, suspended", "Authorities closed the Rafah crossing until further notice."),
        ["mass-displacement"] = ("thousands, families, villagers displaced or fleeing", "Thousands of families fled their villages as fighting spread."),
        ["armed-clashes"] = ("clashes, fighting, offensives, captures by armed forces", "Heavy clashes between the army and rebels near Goma."),
        ["roadblocks-curfews"] = ("curfews imposed by authorities; roadblocks by armed men, protesters", "The army imposed a 24-hour curfew after the clashes."),
    };

    public static IReadOnlyList<PackView> List() => [.. RulePacks.All().Select(View)];

    private static PackView View(RulePack pack)
    {
        var (scope, example) = Documented.GetValueOrDefault(pack.Id, (pack.Name, ""));
        return new PackView(
            pack.Id,
            pack.Name,
            pack.Category,
            pack.Severity.ToString().ToLowerInvariant(),
            scope,
            example,
            pack.Rules.Count,
            [.. pack.Rules.Select(r => r.Lang).Distinct(StringComparer.Ordinal)],
            [.. pack.Rules.Select(r => new PackRuleView(r.Query, r.Lang))]);
    }
}
