namespace NgoMonitor.Core.Geo;

/// <summary>
/// One place a search or a map view finds: the gazetteer's name, what it is (town, camp, crossing, district, region,
/// country), its country and first-level region, point and population (0 when unknown). <see cref="Matched"/> is the
/// spelling that found it: the searched name when it is one of the place's names ("Azaz" for GeoNames' "I‘zāz"),
/// else <see cref="Name"/>.
/// </summary>
public sealed record PlaceHit(string Name, string Kind, string FeatureCode, string CountryCode, string? Region, double Lat, double Lon, long Population)
{
    public string Matched { get; init; } = Name;
}

/// <summary>Port: the gazetteer's places by name (the map's place search) and by area (the map's labels).</summary>
public interface IPlaceSearch
{
    /// <summary>Places whose name (any spelling) is <paramref name="query"/>, then those whose preferred name starts
    /// with it; optionally in one country (ISO alpha-2).</summary>
    IReadOnlyList<PlaceHit> Search(string query, string? country, int top);

    /// <summary>The places to label in a view: the most populous towns, first-level regions when the view is a
    /// country's size or less, and camps and crossings when it is smaller still.</summary>
    IReadOnlyList<PlaceHit> InView(double west, double south, double east, double north, int top);
}

/// <summary>
/// Place search over the <see cref="Gazetteer"/> Monitor's geoparser reads with, so what an admin finds on the map
/// is what the geoparser will place items at. Names are compared folded (<see cref="GeoText.FoldName"/>: case,
/// accents and punctuation aside), so "goma", "Gôma" and "GOMA" are one. Order: exact names (every spelling the
/// gazetteer knows, "A'zaz" and "أعزاز" included) before prefixes of preferred names; then humanitarian sites (camps,
/// crossings, districts NGOs work in) and larger places first. Continents, macro-regions and seas are left out:
/// they name no point a fence could be drawn around. The sorted prefix index is built on the first search.
/// </summary>
public sealed class PlaceSearch(Gazetteer gazetteer) : IPlaceSearch
{
    /// <summary>Views narrower than this (degrees of longitude) also label camps and crossings, which have no population.</summary>
    public const double SiteLabelSpanDegrees = 6;

    /// <summary>Views narrower than this (degrees of longitude) also label first-level regions (provinces, governorates).</summary>
    public const double RegionLabelSpanDegrees = 30;

    private readonly Lazy<(string Key, int Place)[]> _byName = new(() => BuildIndex(gazetteer));

    public IReadOnlyList<PlaceHit> Search(string query, string? country, int top)
    {
        var key = GeoText.FoldName(query);
        if (key.Length == 0 || top <= 0)
        {
            return [];
        }

        var exact = gazetteer.Lookup(query).ToHashSet();
        var index = _byName.Value;
        var prefixed = new List<int>();
        for (var i = LowerBound(index, key); i < index.Length && index[i].Key.StartsWith(key, StringComparison.Ordinal) && prefixed.Count < 5000; i++)
        {
            prefixed.Add(index[i].Place);
        }

        return [.. exact.Concat(prefixed).Distinct()
            .Where(Searchable)
            .Where(p => country is null || string.Equals(gazetteer.CountryCode(p), country, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(exact.Contains)
            .ThenByDescending(IsSite)
            .ThenByDescending(p => gazetteer.Kind(p) is PlaceKind.Country ? 1 : 0)
            .ThenByDescending(gazetteer.Population)
            .ThenBy(gazetteer.NameOf, StringComparer.Ordinal)
            .Take(top)
            .Select(p => exact.Contains(p) ? Hit(p) with { Matched = query.Trim() } : Hit(p))];
    }

    public IReadOnlyList<PlaceHit> InView(double west, double south, double east, double north, int top)
    {
        var span = west <= east ? east - west : east + 360 - west;
        var sites = span <= SiteLabelSpanDegrees;
        var regions = span <= RegionLabelSpanDegrees;
        var towns = new PriorityQueue<int, long>();
        var kept = new List<int>();
        var regionLabels = new List<int>();
        for (var p = 0; p < gazetteer.Count; p++)
        {
            var kind = gazetteer.Kind(p);
            if (kind is not (PlaceKind.City or PlaceKind.Admin1) || !Inside(gazetteer.Lat(p), gazetteer.Lon(p), west, south, east, north))
            {
                continue;
            }

            if (kind == PlaceKind.Admin1)
            {
                if (regions && regionLabels.Count < top)
                {
                    regionLabels.Add(p);
                }

                continue;
            }

            if (sites && IsSite(p))
            {
                kept.Add(p);
                continue;
            }

            towns.Enqueue(p, gazetteer.Population(p));
            if (towns.Count > top)
            {
                towns.Dequeue(); // the least populous goes
            }
        }

        while (towns.Count > 0)
        {
            kept.Add(towns.Dequeue());
        }

        return [.. kept.OrderByDescending(gazetteer.Population).Take(top + (sites ? 100 : 0)).Concat(regionLabels).Select(Hit)];
    }

    private static bool Inside(double lat, double lon, double west, double south, double east, double north) =>
        lat >= south && lat <= north && (west <= east ? lon >= west && lon <= east : lon >= west || lon <= east);

    private bool Searchable(int place) => gazetteer.Kind(place) is PlaceKind.City or PlaceKind.Admin2 or PlaceKind.Admin1 or PlaceKind.Country;

    /// <summary>A camp, crossing, area or hand-listed district: the places NGOs work in that a town search would bury.</summary>
    private bool IsSite(int place) => gazetteer.FeatureCode(place) is "CMPRF" or "PSTB" or "RGN" or "ADM3";

    private PlaceHit Hit(int p)
    {
        var admin1 = gazetteer.Admin1Of(p);
        return new PlaceHit(
            gazetteer.NameOf(p),
            KindName(p),
            gazetteer.FeatureCode(p),
            gazetteer.CountryCode(p),
            admin1 >= 0 && admin1 != p ? gazetteer.NameOf(admin1) : null,
            Math.Round(gazetteer.Lat(p), 5),
            Math.Round(gazetteer.Lon(p), 5),
            gazetteer.Population(p));
    }

    private string KindName(int p) => gazetteer.FeatureCode(p) switch
    {
        "CMPRF" => "camp",
        "PSTB" => "crossing",
        "RGN" => "area",
        "ADM3" => "district",
        _ => gazetteer.Kind(p) switch
        {
            PlaceKind.Admin2 => "district",
            PlaceKind.Admin1 => "region",
            PlaceKind.Country => "country",
            _ => "town",
        },
    };

    private static (string Key, int Place)[] BuildIndex(Gazetteer gazetteer)
    {
        var index = new (string Key, int Place)[gazetteer.Count];
        for (var p = 0; p < index.Length; p++)
        {
            index[p] = (GeoText.FoldName(gazetteer.NameOf(p)), p);
        }

        Array.Sort(index, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return index;
    }

    private static int LowerBound((string Key, int Place)[] index, string key)
    {
        int lo = 0, hi = index.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(index[mid].Key, key) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
