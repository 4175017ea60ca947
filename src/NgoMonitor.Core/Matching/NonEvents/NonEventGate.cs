using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using NgoMonitor.Core.Matching.Rules;

namespace NgoMonitor.Core.Matching.NonEvents;

/// <summary>One frame of a non-event, in one language: a rule-language query (docs/rule-language.md).</summary>
/// <param name="Kind">media, commemoration, drill or trial: what the item is instead of an event report.</param>
/// <param name="PastYear">The cue counts only when the item also names a year at least two years before its date, or
/// says "years ago": a trial about an old attack is history, a court case about yesterday's is news.</param>
public sealed record NonEventCue(string Kind, string Lang, string Query, bool PastYear = false);

/// <summary>
/// Decides that an item describes no current event although a pack's rules match it: a film, book or exhibition
/// about an attack, an anniversary or commemoration, a drill or exercise, a court case about an attack years ago.
/// Rules:
/// 1. only the item's frame is read: its title and the first sentence of its body (the lead), where news says what
///    the story is; a body that later mentions a film or a trial does not silence a report of an attack;
/// 2. a frame is one of the cues of Matching/NonEvents/non-events.json (English, French, Arabic), compiled with the
///    watchlist rule language, so the same stemming and language detection apply;
/// 3. cues carry their own exceptions as NOT parts ("shelling hit the hospital during the anniversary ceremony" is an
///    event), and trial cues need a year two or more years before the item's date (or "years ago");
/// 4. applied to matches of shipped packs only: an admin's own rule about, say, film festivals keeps its matches.
/// Immutable, so one instance serves all threads.
/// </summary>
public sealed partial class NonEventGate
{
    private readonly CompiledRuleSet _cues;
    private readonly CompiledRuleSet _yearsAgo;
    private readonly HashSet<string> _needsPastYear;

    public NonEventGate(IEnumerable<NonEventCue> cues, string yearsAgoQuery)
    {
        var list = cues.ToList();
        var definitions = list.Select((c, i) => new RuleDefinition(c.Kind + "/" + i.ToString(CultureInfo.InvariantCulture), c.Query, c.Kind, Severity.Minor)).ToList();
        _cues = CompiledRuleSet.Compile(definitions);
        _needsPastYear = definitions.Where((_, i) => list[i].PastYear).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        _yearsAgo = CompiledRuleSet.Compile([new RuleDefinition("years-ago", yearsAgoQuery, "years-ago", Severity.Minor)]);
    }

    /// <summary>The gate with the shipped cue list (Matching/NonEvents/non-events.json).</summary>
    public static NonEventGate Default => Shipped.Value;

    private static readonly Lazy<NonEventGate> Shipped = new(LoadShipped);

    /// <summary>
    /// True when the item's frame (title, and the lead sentence of <paramref name="body"/>) says it is not a report
    /// of a current event. <paramref name="published"/> dates the item for the "years before" test of trial cues;
    /// unknown, only "years ago" wording counts. <paramref name="language"/> as for <see cref="MatchDocument"/>.
    /// </summary>
    public bool IsNonEvent(string title, string body, string? language, DateTimeOffset? published = null)
    {
        var frame = new MatchDocument(title, Lead(body), language);
        var hits = _cues.Match(frame);
        if (hits.Count == 0)
        {
            return false;
        }

        return hits.Any(h => !_needsPastYear.Contains(h.RuleId)) || MentionsPastYear(frame, published);
    }

    /// <summary>
    /// The hits without those of shipped-pack rules (<paramref name="packRuleIds"/>) when the item describes no current
    /// event (<see cref="IsNonEvent"/>); hits of an admin's own rules always stay. The item is only read when a pack
    /// rule matched.
    /// </summary>
    public IReadOnlyList<RuleHit> WithoutNonEvents(
        IReadOnlyList<RuleHit> hits, IReadOnlySet<string> packRuleIds, string title, string body, string? language, DateTimeOffset? published)
    {
        if (packRuleIds.Count == 0 || !hits.Any(h => packRuleIds.Contains(h.RuleId)) || !IsNonEvent(title, body, language, published))
        {
            return hits;
        }

        return hits.Where(h => !packRuleIds.Contains(h.RuleId)).ToList();
    }

    private bool MentionsPastYear(MatchDocument frame, DateTimeOffset? published)
    {
        if (_yearsAgo.Match(frame).Count > 0)
        {
            return true;
        }

        if (published is not { } date)
        {
            return false;
        }

        foreach (var text in new[] { frame.Title, frame.Body })
        {
            foreach (Match m in Year().Matches(text))
            {
                var year = int.Parse(m.ValueSpan, CultureInfo.InvariantCulture);
                if (year <= date.Year - 2)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The body up to the end of its first sentence (". ", "! ", "? ", a line break), at most 400 characters.</summary>
    private static string Lead(string body)
    {
        var end = Math.Min(body.Length, 400);
        for (var i = 0; i < end; i++)
        {
            if (body[i] is '\n' || (body[i] is '.' or '!' or '?' or '؟' && (i + 1 == body.Length || char.IsWhiteSpace(body[i + 1]))))
            {
                return body[..i];
            }
        }

        return body[..end];
    }

    [GeneratedRegex(@"(?<![0-9])(19[5-9][0-9]|20[0-9][0-9])(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Year();

    private sealed record CueFile(IReadOnlyList<NonEventCue> Cues, string YearsAgo);

    /// <summary>A gate from a cue file in the format of Matching/NonEvents/non-events.json; <paramref name="source"/> names it in errors.</summary>
    public static NonEventGate Read(Stream json, string source)
    {
        try
        {
            var file = JsonSerializer.Deserialize<CueFile>(json, new JsonSerializerOptions
            {
                PropertyNameCaseInsensitive = true,
                ReadCommentHandling = JsonCommentHandling.Skip,
            }) ?? throw new InvalidDataException("Non-event cue list " + source + " is empty");
            return new NonEventGate(file.Cues, file.YearsAgo);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("Non-event cue list " + source + ": " + e.Message, e);
        }
    }

    private static NonEventGate LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("NgoMonitor.NonEvents.non-events.json")
            ?? throw new InvalidDataException("The non-event cue list is not embedded");
        return Read(stream, "non-events.json");
    }
}
