using NetTopologySuite.Geometries;

namespace NgoMonitor.Core.Geo;

/// <summary>A country: ISO 3166-1 alpha-2 code, English name and Natural Earth outline (lon/lat).</summary>
public sealed record CountryOutline(string Code, string Name, MultiPolygon Outline);

/// <summary>A continent or macro-region: the union of its member countries' outlines.</summary>
public sealed record RegionOutline(MultiPolygon Outline);

/// <summary>A country in a list for pickers (no outline).</summary>
public sealed record CountryName(string Code, string Name);

/// <summary>Port: country outlines for country fences, so configuration stores an ISO code rather than a border.</summary>
public interface ICountryOutlines
{
    /// <summary>The country for an ISO 3166-1 alpha-2 or alpha-3 code (any case), or null when unknown or without outline.</summary>
    CountryOutline? Find(string code);

    /// <summary>Every country with an outline, by name.</summary>
    IReadOnlyList<CountryName> List();

    /// <summary>A continent or macro-region by its name ("Sahel", any case), or null when unknown or without an
    /// outline (a sea). Outline sources without regions know none.</summary>
    RegionOutline? FindRegion(string name) => null;
}

/// <summary>Country outlines from the gazetteer (Natural Earth 1:50m, built into the index by the gazetteer tool).</summary>
public sealed class GazetteerCountries(Gazetteer gazetteer) : ICountryOutlines
{
    private readonly Lazy<IReadOnlyList<CountryName>> _list = new(() => gazetteer.CountryCodes
        .Where(code => code.Length == 2 && gazetteer.CountryPlace(code) >= 0 && gazetteer.CountryGeometry(code) is not null)
        .Select(code => new CountryName(code, gazetteer.NameOf(gazetteer.CountryPlace(code))))
        .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
        .ToList());

    public CountryOutline? Find(string code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length is < 2 or > 3)
        {
            return null;
        }

        var upper = code.ToUpperInvariant();
        var place = gazetteer.CountryPlace(upper);
        var outline = gazetteer.CountryGeometry(upper);
        return place < 0 || outline is null ? null : new CountryOutline(gazetteer.CountryCode(place), gazetteer.NameOf(place), outline);
    }

    public IReadOnlyList<CountryName> List() => _list.Value;

    private readonly Lazy<Dictionary<string, int>> _regions = new(() => Enumerable.Range(0, gazetteer.Count)
        .Where(place => gazetteer.Kind(place) == PlaceKind.Region && gazetteer.RegionMembers(place).Count > 0)
        .ToDictionary(gazetteer.NameOf, place => place, StringComparer.OrdinalIgnoreCase));

    public RegionOutline? FindRegion(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || !_regions.Value.TryGetValue(name.Trim(), out var place))
        {
            return null;
        }

        return gazetteer.RegionGeometry(place) is { } outline ? new RegionOutline(outline) : null;
    }
}
