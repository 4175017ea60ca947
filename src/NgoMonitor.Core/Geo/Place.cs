namespace NgoMonitor.Core.Geo;

/// <summary>A named place from the gazetteer.</summary>
/// <param name="Name">Preferred (English) name, used in alerts.</param>
/// <param name="Point">Coordinates.</param>
/// <param name="CountryCode">ISO 3166-1 alpha-2.</param>
/// <param name="Population">Used to rank places sharing a name; 0 when unknown.</param>
/// <param name="AlternateNames">Other spellings and scripts (e.g. A'zaz, أعزاز). The full gazetteer keeps these in its
/// name index only, so places it returns carry an empty list.</param>
public sealed record Place(string Name, GeoPoint Point, string CountryCode, long Population, IReadOnlyList<string> AlternateNames)
{
    /// <summary>GeoNames id; 0 for places the gazetteer derived (countries, regions) or built by hand.</summary>
    public int GeonameId { get; init; }

    /// <summary>City (also a village, camp or border crossing, see <see cref="FeatureCode"/>), second- or first-level
    /// region, country, continent or macro-region, or body of water.</summary>
    public PlaceKind Kind { get; init; }

    /// <summary>GeoNames feature code (PPL, PPLA, PPLC, ADM1, ADM2, PCLI; CMPRF for a camp, PSTB for a border crossing,
    /// RGN for an area, CONT for a continent, OCN for a sea); empty when unknown.</summary>
    public string FeatureCode { get; init; } = "";
}

/// <summary>Where a place is named in a text. <see cref="Start"/>/<see cref="Length"/> are UTF-16 offsets (for
/// <c>string.Substring</c>); <see cref="CodePointStart"/>/<see cref="CodePointEnd"/> are the Unicode code-point offsets
/// the geoparse command prints. <see cref="Confidence"/> is in [0, 1].</summary>
public sealed record PlaceMention(Place Place, string Surface, int Start, int Length, double Confidence)
{
    public int CodePointStart { get; init; } = -1;

    public int CodePointEnd { get; init; } = -1;

    /// <summary>True when a demonym ("Turkish forces") named the country: who is involved, not necessarily where.</summary>
    public bool IsDemonym { get; init; }

    /// <summary>The place this one is located from in the text ("Sake, west of Goma": Goma), or null.</summary>
    public Place? RelativeTo { get; init; }

    /// <summary>True when this mention only locates another ("Goma" in "Sake, west of Goma"): context, not where it happened.</summary>
    public bool IsReferencePoint { get; init; }

    /// <summary>True when this mention is where people or goods were taken ("transferred to Al Fashir", "évacués vers
    /// Goma") and the text names another place for the event: not where it happened (<see cref="TransferDestinations"/>).</summary>
    public bool IsDestination { get; init; }

    /// <summary>True when the place is a far smaller namesake of a world city or a country ("Dublin" in Ohio) that the
    /// text's own local evidence (its state, a town nearby) chose over it.</summary>
    public bool IsLocalNamesake { get; init; }

    /// <summary>When the place is a world city or a country read for want of local evidence ("Dublin" alone), the
    /// points of its far smaller namesakes (towns and counties), largest first: where a local paper's "Dublin" would be
    /// if its other items say so (<see cref="FeedHomeAreaLearner"/>).</summary>
    public IReadOnlyList<GeoPoint> Namesakes { get; init; } = [];
}

/// <summary>Port: finds places named in free text (a small built-in gazetteer now, the full geoparser later).</summary>
public interface IPlaceFinder
{
    IReadOnlyList<PlaceMention> FindPlaces(string text);

    /// <summary>The places named in a text from a feed with this context (declared country, home area); a finder
    /// that reads no context answers as <see cref="FindPlaces(string)"/>.</summary>
    IReadOnlyList<PlaceMention> FindPlaces(string text, GeoContext context) => FindPlaces(text);
}
