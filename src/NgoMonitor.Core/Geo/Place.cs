namespace NgoMonitor.Core.Geo;

/// <summary>A named place from the gazetteer.</summary>
/// <param name="Name">Preferred (English) name, used in alerts.</param>
/// <param name="Point">Coordinates.</param>
/// <param name="CountryCode">ISO 3166-1 alpha-2.</param>
/// <param name="Population">Used to rank places sharing a name; 0 when unknown.</param>
/// <param name="AlternateNames">Other spellings and scripts (e.g. A'zaz, أعزاز).</param>
public sealed record Place(string Name, GeoPoint Point, string CountryCode, long Population, IReadOnlyList<string> AlternateNames);

/// <summary>Where a place is named in a text: Unicode code-point offsets are the geoparser's job; this keeps char offsets.</summary>
public sealed record PlaceMention(Place Place, string Surface, int Start, int Length, double Confidence);

/// <summary>Port: finds places named in free text (a small built-in gazetteer now, the full geoparser later).</summary>
public interface IPlaceFinder
{
    IReadOnlyList<PlaceMention> FindPlaces(string text);
}
