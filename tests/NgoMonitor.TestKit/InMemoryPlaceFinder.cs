using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;

namespace NgoMonitor.TestKit;

/// <summary>
/// A place finder over a few given places, for tests of the matcher that should not load the gazetteer. Finds places
/// by looking up word n-grams (longest first, up to four words) of the normalised text in a
/// name index built from the places given (their names and alternate names). Rules, in order:
/// 1. names are compared after <see cref="TextNormaliser"/> folding (case, diacritics, Arabic letter forms);
/// 2. at each position the longest name wins, and its words are not reused;
/// 3. a Latin-script name must be capitalised in the original text ("Azaz", not "azaz"), which keeps
///    common words that are also places ("Of", "Mark") out; other scripts have no case, so they always count;
/// 4. a name shared by several places resolves to the most populous one, or, given a feed's home area
///    (<see cref="GeoContext.Home"/>), to the most populous of those within it (as the geoparser reads a town named
///    alone in a local paper), else, given a feed's declared country (<see cref="GeoContext.CountryCode"/>), to the
///    most populous of those in it; the geoparser's other context (nearby names) is not read.
/// </summary>
public sealed class InMemoryPlaceFinder : IPlaceFinder
{
    private const int MaxNameWords = 4;
    private readonly Dictionary<string, List<Place>> _byName = new(StringComparer.Ordinal);

    public InMemoryPlaceFinder(IEnumerable<Place> places)
    {
        foreach (var place in places)
        {
            foreach (var name in place.AlternateNames.Prepend(place.Name))
            {
                var key = string.Join(' ', TextNormaliser.Tokenise(name).Select(t => t.Text));
                if (key.Length < 3)
                {
                    continue;
                }

                if (!_byName.TryGetValue(key, out var namesakes))
                {
                    _byName[key] = namesakes = [];
                }

                if (!namesakes.Contains(place))
                {
                    namesakes.Add(place);
                }
            }
        }
    }

    public int NameCount => _byName.Count;

    public IReadOnlyList<PlaceMention> FindPlaces(string text) => FindPlaces(text, GeoContext.None);

    public IReadOnlyList<PlaceMention> FindPlaces(string text, GeoContext context)
    {
        var tokens = TextNormaliser.Tokenise(text);
        var mentions = new List<PlaceMention>();
        for (var i = 0; i < tokens.Count; i++)
        {
            for (var words = Math.Min(MaxNameWords, tokens.Count - i); words >= 1; words--)
            {
                var key = string.Join(' ', tokens.Skip(i).Take(words).Select(t => t.Text));
                if (!_byName.TryGetValue(key, out var namesakes))
                {
                    continue;
                }

                var place = Choose(namesakes, context);

                var first = tokens[i];
                var last = tokens[i + words - 1];
                var surface = text.Substring(first.Start, last.Start + last.Length - first.Start);
                if (!LooksLikeAName(surface))
                {
                    continue;
                }

                mentions.Add(new PlaceMention(place, surface, first.Start, surface.Length, Confidence: 0.5));
                i += words - 1;
                break;
            }
        }

        return mentions;
    }

    private static Place Choose(List<Place> namesakes, GeoContext context)
    {
        var local = context.Home is not { } home ? [] : namesakes.Where(p => p.Point.DistanceKmTo(home.Centre) <= home.RadiusKm).ToList();
        var national = context.CountryCode is not { } country ? [] : namesakes.Where(p => p.CountryCode == country).ToList();
        return (local.Count > 0 ? local : national.Count > 0 ? national : namesakes).MaxBy(p => p.Population)!;
    }

    private static bool LooksLikeAName(string surface)
    {
        var firstLetter = surface.FirstOrDefault(char.IsLetter);
        return firstLetter == default || !IsLatin(firstLetter) || char.IsUpper(firstLetter);
    }

    private static bool IsLatin(char c) => c < 0x0250;
}
