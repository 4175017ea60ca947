namespace NgoMonitor.Tests.Core.Matching.Packs;

/// <summary>
/// The news-register test set of the packs that have no labels in the incident data (border closures, mass
/// displacement, armed clashes, roadblocks and curfews, aid workers detained), written for these tests in the register
/// of agency wires, OCHA and IOM updates, event notes and local papers, in English, French and Arabic.
/// </summary>
/// <remarks>
/// The set is split by a fixed rule: within each pack, language and expected answer, cases in listed order alternate
/// between the tuning half (first, third …) and the check half (second, fourth …). Rules were changed looking only at
/// tuning-half failures; the check half measures them.
/// </remarks>
public static class NewsRegisterSet
{
    public static IReadOnlyList<NewsCase> All { get; } =
    [
        .. BorderClosureNews.Cases,
        .. MassDisplacementNews.Cases,
        .. ArmedClashNews.Cases,
        .. RoadblockCurfewNews.Cases,
        .. AidWorkerDetentionNews.Cases,
    ];

    private static readonly Dictionary<NewsCase, (NewsCaseHalf Half, string Key)> Placement = Place();

    public static NewsCaseHalf HalfOf(NewsCase item) => Placement[item].Half;

    /// <summary>A short stable name: pack, language, + or −, and the case's number within that group.</summary>
    public static string KeyOf(NewsCase item) => Placement[item].Key;

    public static NewsCase ByKey(string key) => All.Single(c => KeyOf(c) == key);

    private static Dictionary<NewsCase, (NewsCaseHalf, string)> Place()
    {
        var placement = new Dictionary<NewsCase, (NewsCaseHalf, string)>(ReferenceEqualityComparer.Instance);
        foreach (var group in All.GroupBy(c => (c.Pack, c.Lang, c.IsEvent)))
        {
            var index = 0;
            foreach (var item in group)
            {
                var half = index % 2 == 0 ? NewsCaseHalf.Tuning : NewsCaseHalf.Check;
                placement[item] = (half, $"{item.Pack} {item.Lang}{(item.IsEvent ? "+" : "-")}{index + 1}");
                index++;
            }
        }

        return placement;
    }
}
