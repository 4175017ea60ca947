using System.Text.RegularExpressions;

namespace NgoMonitor.Core.Geo;

/// <summary>What a mention says about the event's place, read from the words right before it.</summary>
public enum MentionRole
{
    /// <summary>Where it happened, as far as the words tell ("in Sake", "Sake:", "Goma hospital").</summary>
    Event,

    /// <summary>A point of reference for somewhere else: "west of Goma", "near Azaz", "25 km from Idlib", "outskirts of".</summary>
    Reference,

    /// <summary>Where people or goods went: "moved to Gisenyi", "fled into Turkey", "vers Goma", "إلى".</summary>
    Destination,
}

/// <summary>One place an item names: every mention of it, its role, and the placement it would give the item.</summary>
public sealed record PlaceCandidate(Place Place, Placement Placement, MentionRole Role, IReadOnlyList<PlaceMention> Mentions);

/// <summary>
/// Chooses the place an item is about from the places its text names. Rules, in order:
/// 1. mentions of one place are taken together; each mention's role is what the geoparser read (a reference point of
///    a bearing or a road, a transfer's destination), else comes from the few words before it, in the same sentence
///    (<see cref="RoleOf"/>: en, fr, ar cues); a place is an event place when any mention of it is;
/// 2. an event place's confidence combines its event mentions (1 − Π(1 − cᵢ): named twice, surer), a place named only
///    as a reference or destination keeps its best confidence capped at <see cref="Placement.ReferenceCap"/>, a
///    demonym at <see cref="Placement.DemonymCap"/>;
/// 3. ranking: event places of Medium confidence or more first, then reference and destination places of Medium,
///    then the rest; within each, the most specific (town, district, country, region), then one the title names,
///    then the more confident, then the first named.
/// So "A health centre in Sake, west of Goma" is placed at Sake (Goma only locates it), and "Goma hospital overwhelmed
/// … patients moved to Gisenyi" at Goma. Never the place nearest an office: the choice is made before any fence is
/// looked at.
/// </summary>
public static partial class PlacementChooser
{
    // How far back a cue is looked for: the longest cue ("à 25 kilomètres au nord-ouest de") and some spaces.
    private const int CueWindow = 48;

    /// <summary>The places of an item, best first (rules in the class comment); empty when it names none.</summary>
    /// <param name="text">The text the mentions were found in (an item's <c>Text</c>: title, newline, summary).</param>
    /// <param name="titleLength">Characters of <paramref name="text"/> that are the title (mentions before it count as in the title).</param>
    public static IReadOnlyList<PlaceCandidate> Rank(string text, int titleLength, IReadOnlyList<PlaceMention> mentions)
    {
        if (mentions.Count == 0)
        {
            return [];
        }

        return [.. mentions
            .GroupBy(m => (m.Place.GeonameId, m.Place.Name, m.Place.CountryCode, m.Place.Kind, m.Place.Point))
            .Select(g => Candidate(text, [.. g]))
            .OrderBy(Tier)
            .ThenBy(c => Specificity(c.Placement.Method))
            .ThenBy(c => c.Mentions.Any(m => m.Start < titleLength) ? 0 : 1)
            .ThenByDescending(c => c.Placement.Confidence)
            .ThenBy(c => c.Mentions.Min(m => m.Start))];
    }

    /// <summary>The role of a mention, from the words before it in its sentence.</summary>
    public static MentionRole RoleOf(string text, PlaceMention mention)
    {
        // What the geoparser already read: "Goma" in "Sake, west of Goma" or in "the Sake–Goma road" only locates Sake;
        // "Al Fashir" in "patients were transferred to Al Fashir", beside the place of the attack, is where they went.
        if (mention.IsReferencePoint)
        {
            return MentionRole.Reference;
        }

        if (mention.IsDestination)
        {
            return MentionRole.Destination;
        }

        var start = Math.Clamp(mention.Start, 0, text.Length);
        var from = Math.Max(0, start - CueWindow);
        var before = text[from..start];
        var sentenceEnd = before.LastIndexOfAny(['.', '!', '?', ';', '\n', '؟', '؛']);
        if (sentenceEnd >= 0)
        {
            before = before[(sentenceEnd + 1)..];
        }

        return ReferenceCue().IsMatch(before) ? MentionRole.Reference
            : DestinationCue().IsMatch(before) ? MentionRole.Destination
            : MentionRole.Event;
    }

    private static PlaceCandidate Candidate(string text, List<PlaceMention> mentions)
    {
        var place = mentions[0].Place;
        var roles = mentions.Select(m => (Mention: m, Role: RoleOf(text, m))).ToList();
        var events = roles.Where(r => r.Role == MentionRole.Event).Select(r => r.Mention).ToList();
        var role = events.Count > 0 ? MentionRole.Event : roles.Any(r => r.Role == MentionRole.Reference) ? MentionRole.Reference : MentionRole.Destination;
        var method = Placement.MethodOf(place);
        var demonymOnly = mentions.All(m => m.IsDemonym);
        double confidence;
        if (events.Count > 0)
        {
            // Noisy-OR over the event mentions: each is read on its own, so two readings of "Sake" make it surer.
            confidence = 1 - events.Aggregate(1.0, (miss, m) => miss * (1 - Math.Clamp(m.Confidence, 0, 1)));
        }
        else
        {
            confidence = Math.Min(mentions.Max(m => m.Confidence), Placement.ReferenceCap);
        }

        if (demonymOnly)
        {
            method = PlacementMethod.Country;
            confidence = Math.Min(confidence, Placement.DemonymCap);
        }

        var surface = (events.Count > 0 ? events : mentions).MaxBy(m => m.Confidence)!.Surface;
        return new PlaceCandidate(place, new Placement(method, Math.Round(Math.Clamp(confidence, 0, 1), 3), surface, place.Name), role, mentions);
    }

    private static int Tier(PlaceCandidate c) => c.Placement.Band == PlacementBand.Low ? 2 : c.Role == MentionRole.Event ? 0 : 1;

    private static int Specificity(PlacementMethod method) => method switch
    {
        PlacementMethod.GeoRssPoint => 0,
        PlacementMethod.NamedTown => 1,
        PlacementMethod.District => 2,
        PlacementMethod.Country => 3,
        _ => 4,
    };

    // The place locates something else: near it, outside it, a direction or a distance from it, a road to it.
    // English, French (an elided "d'" may touch the name) and Arabic cues, each at the very end of the words before it.
    [GeneratedRegex(
        @"(?:\b(?:near|nearby|outside|around|close\s+to|next\s+to|outskirts\s+of|vicinity\s+of|edge\s+of|(?:north|south|east|west)(?:[\s-]?(?:east|west))?(?:ward)?\s+of|(?:km|kms|kilomet(?:re|er)s?|miles?)\s+(?:\w+\s+)?(?:from|of)|(?:road|route|highway|way)\s+(?:to|from|between))\s+(?:the\s+)?"
        + @"|\b(?:près|pres|non\s+loin|aux\s+abords|autour|à\s+l['’](?:ouest|est)|a\s+l['’](?:ouest|est)|au\s+(?:nord|sud)(?:-(?:est|ouest))?|en\s+périphérie|(?:km|kilomètres?)(?:\s+\S+)?)\s+d(?:e\s+(?:la\s+|l['’])?|['’]|u\s+|es\s+)"
        + @"|(?:^|\s)(?:قرب|بالقرب\s+من|قريبا\s+من|على\s+مقربة\s+من|أطراف|ضواحي|محيط|(?:شمال|جنوب)(?:\s+(?:شرق|غرب))?|شرق|غرب|شمالي|جنوبي|شرقي|غربي)\s+)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceCue();

    // The place is where someone or something went, not where the event was.
    [GeneratedRegex(
        @"(?:\b(?:to|towards|toward|into)\s+(?:the\s+)?|\b(?:vers|jusqu['’]à)\s+|(?:^|\s)(?:إلى|الى|نحو)\s+)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DestinationCue();
}
