using System.Buffers;
using System.Text.RegularExpressions;

namespace NgoMonitor.Core.Geo;

/// <summary>
/// An incident on a road is placed at the road's first-named end, with the other end as context: "on the Torit–Juba
/// road", "between Namounou and Diapaga", "on the road from Gao to Ansongo", "sur l'axe Kaya-Dori", "entre Djibo et
/// Arbinda", "على طريق حلب - دمشق". The first end gets <see cref="PlaceMention.RelativeTo"/> the second, and the second
/// is marked <see cref="PlaceMention.IsReferencePoint"/>, as in "Sake, west of Goma", so neither an alert nor the
/// placement chooser states the far end as where it happened. Only towns and districts pair so: "between Israel and
/// Gaza" or "clashes between Kachin and Shan" name sides, not a road. The first end rather than a midpoint, because a
/// midpoint of two towns is no place a reader knows and, on a long road, may lie far from both.
/// </summary>
public static partial class RoadsBetweenPlaces
{
    // How far back a cue is looked for: "on the road between the villages of".
    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create(".!?;\n؟؛");

    private const int CueWindow = 48;

    // "X-Y", "X – Y": only a dash between the names.
    [GeneratedRegex(@"^\s*[-–—]\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Dash();

    // After "X-Y": the road word ("road", "highway", "axis", "route").
    [GeneratedRegex(@"^\s*(?:road|roads|highway|motorway|route|axis|corridor|track|supply\s+route|bridge)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoadAfter();

    // Before "X-Y": "axe X-Y", "route X-Y", "tronçon X-Y", "طريق X - Y".
    [GeneratedRegex(@"(?:\b(?:axe|axis|route|tronçon|troncon|piste|road|highway)\s+(?:de\s+|du\s+|d['’])?|(?:^|\s)(?:طريق|أوتوستراد|اوتوستراد)\s+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoadBefore();

    // Before "X and Y": "between", "entre", "بين", optionally "the towns of", "les villages de".
    [GeneratedRegex(@"(?:\b(?:between|entre)\s+(?:the\s+|les\s+)?(?:(?:towns?|villages?|cities|localities|localités|villes|communes)\s+(?:of\s+|de\s+|d['’])?)?|(?:^|\s)بين\s+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BetweenBefore();

    // Between the names of "between X and Y".
    [GeneratedRegex(@"^\s*(?:and|et|&|و)\s*(?:the\s+|la\s+|le\s+|l['’])?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex And();

    // Before "X to Y": "the road from", "la route de", "on the way from".
    [GeneratedRegex(@"(?:\b(?:road|route|highway|way|journey|axe|trip)\s+(?:from|de|d['’])\s*|(?:^|\s)طريق\s+\S*\s*من\s+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FromBefore();

    // Between the names of "from X to Y".
    [GeneratedRegex(@"^\s*(?:to|à|a|vers|jusqu['’]à|إلى|الى)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex To();

    /// <summary>True when text[aEnd..bStart) and the words around say the two places are the ends of a road.</summary>
    public static bool AreRoadEnds(string text, int aStart, int aEnd, int bStart, int bEnd)
    {
        if (aEnd > bStart)
        {
            return false;
        }

        var gap = text.AsSpan(aEnd, bStart - aEnd);
        var before = SentenceBefore(text, aStart);
        var after = text.AsSpan(bEnd, Math.Min(30, text.Length - bEnd));
        return (Dash().IsMatch(gap) && (RoadAfter().IsMatch(after) || RoadBefore().IsMatch(before)))
            || (And().IsMatch(gap) && BetweenBefore().IsMatch(before))
            || (To().IsMatch(gap) && FromBefore().IsMatch(before));
    }

    /// <summary>Links the ends of each road the text names (rule in the class comment).</summary>
    public static List<PlaceMention> Link(string text, List<PlaceMention> mentions)
    {
        for (var k = 0; k + 1 < mentions.Count; k++)
        {
            var a = mentions[k];
            var b = mentions[k + 1];
            if (IsTownOrDistrict(a) && IsTownOrDistrict(b) && !a.IsReferencePoint && a.RelativeTo is null
                && AreRoadEnds(text, a.Start, a.Start + a.Length, b.Start, b.Start + b.Length))
            {
                mentions[k] = a with { RelativeTo = b.Place };
                mentions[k + 1] = b with { IsReferencePoint = true };
                k++;
            }
        }

        return mentions;
    }

    private static bool IsTownOrDistrict(PlaceMention m) => !m.IsDemonym && m.Place.Kind is PlaceKind.City or PlaceKind.Admin2;

    private static ReadOnlySpan<char> SentenceBefore(string text, int start)
    {
        var from = Math.Max(0, start - CueWindow);
        var before = text.AsSpan(from, start - from);
        var sentenceEnd = before.LastIndexOfAny(SentenceEnds);
        return sentenceEnd >= 0 ? before[(sentenceEnd + 1)..] : before;
    }
}
