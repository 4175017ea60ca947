using NgoMonitor.Core.Geo;

namespace NgoMonitor.Tests.Core.Geo;

/// <summary>
/// An in-memory <see cref="IPlaceFinder"/>: every occurrence of a listed surface in the text is a mention of its place,
/// with the confidence given (so tests choose what a geoparser would have said).
/// </summary>
public sealed class FixedPlaceFinder(params (string Surface, Place Place, double Confidence)[] names) : IPlaceFinder
{
    public IReadOnlyList<PlaceMention> FindPlaces(string text) =>
        [.. names
            .SelectMany(n => Occurrences(text, n.Surface).Select(start => new PlaceMention(n.Place, n.Surface, start, n.Surface.Length, n.Confidence)))
            .OrderBy(m => m.Start)];

    private static IEnumerable<int> Occurrences(string text, string surface)
    {
        for (var i = text.IndexOf(surface, StringComparison.Ordinal); i >= 0; i = text.IndexOf(surface, i + surface.Length, StringComparison.Ordinal))
        {
            yield return i;
        }
    }
}

/// <summary>Places around Goma (GeoNames coordinates) for placement tests.</summary>
public static class KivuPlaces
{
    public static readonly GeoPoint GomaOffice = new(-1.6741, 29.2285);

    public static readonly Place Goma = new("Goma", new GeoPoint(-1.67409, 29.22845), "CD", 670_000, []) { Kind = PlaceKind.City, FeatureCode = "PPLA" };

    public static readonly Place Sake = new("Sake", new GeoPoint(-1.57386, 29.04339), "CD", 70_000, []) { Kind = PlaceKind.City, FeatureCode = "PPL" };

    public static readonly Place Gisenyi = new("Gisenyi", new GeoPoint(-1.70278, 29.25639), "RW", 136_000, []) { Kind = PlaceKind.City, FeatureCode = "PPLA2" };

    public static readonly Place Nyiragongo = new("Nyiragongo", new GeoPoint(-1.52, 29.25), "CD", 0, []) { Kind = PlaceKind.Admin2, FeatureCode = "ADM2" };

    /// <summary>A district whose centre lies a few hundred metres from the office: still never "&lt;1 km".</summary>
    public static readonly Place GomaTerritory = new("Goma territory", new GeoPoint(-1.672, 29.226), "CD", 0, []) { Kind = PlaceKind.Admin2, FeatureCode = "ADM2" };

    public static readonly Place NordKivu = new("Nord-Kivu", new GeoPoint(-0.59148, 29.25822), "CD", 0, []) { Kind = PlaceKind.Admin1, FeatureCode = "ADM1" };

    public static readonly Place Congo = new("Democratic Republic of the Congo", new GeoPoint(-2.88, 23.65), "CD", 0, []) { Kind = PlaceKind.Country, FeatureCode = "PCLI" };
}
