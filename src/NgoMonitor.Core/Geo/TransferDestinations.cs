using System.Buffers;
using System.Text.RegularExpressions;

namespace NgoMonitor.Core.Geo;

/// <summary>
/// Where the wounded, patients, staff or detainees were taken is not where an incident happened: "patients were
/// transferred to Al Fashir", "the doctors were taken to Al Khawkhah", "évacués vers l'hôpital de Goma", "نقل الجرحى إلى
/// مستشفى في حلب". A place right after such a verb of transfer and its preposition (within the sentence, allowing "a
/// hospital in", "l'hôpital de", "مستشفى") is marked <see cref="PlaceMention.IsDestination"/>, but only when the text
/// also names another town, district or region that is not itself a destination, a reference point or a demonym: a
/// destination named alone is still the best clue to the area, and a country named beside it is not finer.
/// </summary>
public static partial class TransferDestinations
{
    // How far back the cue is looked for: the verb, a preposition and "a hospital in" or "l'hôpital général de".
    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create(".!?;\n؟؛");

    private const int CueWindow = 80;

    // English, French and Arabic verbs of transfer, then "to"/"à"/"vers"/"إلى", then optionally a facility "in"/"de".
    [GeneratedRegex(
        @"(?:\b(?:transferred|transfered|transferring|taken|evacuated|evacuating|referred|rushed|brought|transported|airlifted|moved|carried|driven|sent|relocated|admitted|returned|escorted|diverted|deported)\s+(?:back\s+|away\s+|later\s+|again\s+)?(?:to|into|towards?)\s+"
        + @"|\b(?:transf[ée]r[ée]e?s?|[ée]vacu[ée]e?s?|conduite?s?|emmen[ée]e?s?|achemin[ée]e?s?|r[ée]f[ée]r[ée]e?s?|admise?s?|transport[ée]e?s?|d[ée]plac[ée]e?s?)\s+(?:d['’]urgence\s+)?(?:à|a|au|aux|vers|sur|jusqu['’]à)\s+"
        + @"|(?:^|\s)و?(?:نقل|نقله|نقلها|نقلهم|نقلت|نقلوا|تم\s+نقل\S*|أسعف\S*|إسعاف\S*|إخلاء\S*|أخلي\S*|اقتيد\S*|اقتاد\S*)\s+(?:\S+\s+){0,3}?(?:إلى|الى)\s+)"
        + @"(?:(?:the|a|an|another|one\s+of\s+the)\s+)?(?:(?:[\w'’-]+\s+){0,3}?(?:hospital|hospitals|clinic|facility|health\s+cent(?:re|er)|medical\s+cent(?:re|er)|city|town|village|camp|prison|base|l['’]h[ôo]pital|h[ôo]pital|centre\s+de\s+sant[ée]|clinique|ville|مستشفى|مشفى|مدينة)\s+(?:[\w'’-]+\s+){0,2}?(?:in|at|of|de|d['’]|du|في)\s+)?(?:the\s+|la\s+|le\s+|l['’])?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TransferCue();

    /// <summary>True when the words before <paramref name="start"/>, in its sentence, are a verb of transfer and its preposition.</summary>
    public static bool FollowsTransferVerb(string text, int start)
    {
        start = Math.Clamp(start, 0, text.Length);
        var from = Math.Max(0, start - CueWindow);
        var before = text.AsSpan(from, start - from);
        var sentenceEnd = before.LastIndexOfAny(SentenceEnds);
        if (sentenceEnd >= 0)
        {
            before = before[(sentenceEnd + 1)..];
        }

        return TransferCue().IsMatch(before);
    }

    /// <summary>Marks the destinations of transfers when another place of the event is named (rule in the class comment).</summary>
    public static List<PlaceMention> Mark(string text, List<PlaceMention> mentions)
    {
        if (mentions.Count < 2)
        {
            return mentions;
        }

        var destination = mentions.Select(m => FollowsTransferVerb(text, m.Start)).ToArray();
        if (!destination.Contains(true))
        {
            return mentions;
        }

        var eventPlaceNamed = mentions.Where((m, k) => !destination[k] && !m.IsDemonym && !m.IsReferencePoint
            && m.Place.Kind is PlaceKind.City or PlaceKind.Admin2 or PlaceKind.Admin1)
            .Any(m => !mentions.Where((d, k) => destination[k]).Any(d => SamePlace(d.Place, m.Place)));
        if (!eventPlaceNamed)
        {
            return mentions;
        }

        for (var k = 0; k < mentions.Count; k++)
        {
            if (destination[k])
            {
                mentions[k] = mentions[k] with { IsDestination = true };
            }
        }

        return mentions;
    }

    private static bool SamePlace(Place a, Place b) =>
        a.GeonameId == b.GeonameId && a.Name == b.Name && a.CountryCode == b.CountryCode && a.Kind == b.Kind;
}
