namespace NgoMonitor.Core.Geo;

/// <summary>How an item was placed, from the most to the least precise.</summary>
public enum PlacementMethod
{
    /// <summary>The feed gave a point (GeoRSS, W3C geo): a position, whatever the text names.</summary>
    GeoRssPoint,

    /// <summary>A town-sized place named in the text: a city, town or village, a camp, a border crossing.</summary>
    NamedTown,

    /// <summary>A second- or first-level region named in the text (district, province, governorate): its point is a
    /// centre, not where the event happened.</summary>
    District,

    /// <summary>A country named in the text, or a demonym ("Turkish forces").</summary>
    Country,

    /// <summary>Anything larger or vaguer (a region the gazetteer knows by another kind).</summary>
    Region,
}

/// <summary>Confidence bands of a <see cref="Placement"/> (<see cref="Placement.HighAtLeast"/>, <see cref="Placement.MediumAtLeast"/>).</summary>
public enum PlacementBand
{
    Low,
    Medium,
    High,
}

/// <summary>
/// How an item was placed: the method, the confidence in [0, 1], the place as the text wrote it
/// (<see cref="Surface"/>, what alerts quote) and the gazetteer's name for it (<see cref="PlaceName"/>). Both names are
/// null for a GeoRSS point. Confidence bands:
/// - <see cref="PlacementBand.High"/> (≥ <see cref="HighAtLeast"/>): a GeoRSS point (1), or a place the geoparser
///   resolved with little doubt, read as where the event happened;
/// - <see cref="PlacementBand.Medium"/> (≥ <see cref="MediumAtLeast"/>): probably that place; also every place the text
///   only names as a reference ("west of Goma", "near Azaz") or destination ("fled to Gisenyi"), capped here;
/// - <see cref="PlacementBand.Low"/>: a guess; a demonym ("Turkish forces") is capped here, it says who, not where.
/// Only a <see cref="IsPointLike"/> placement in the High band may state a distance under a kilometre or raise an
/// alert's severity for closeness (<see cref="SupportsCloseRange"/>).
/// </summary>
public sealed record Placement(PlacementMethod Method, double Confidence, string? Surface, string? PlaceName)
{
    /// <summary>Lowest confidence of the High band.</summary>
    public const double HighAtLeast = 0.7;

    /// <summary>Lowest confidence of the Medium band.</summary>
    public const double MediumAtLeast = 0.4;

    /// <summary>The cap on a place the text names only as a reference or destination: Medium, never High.</summary>
    public const double ReferenceCap = 0.6;

    /// <summary>The cap on a country named by a demonym: Low.</summary>
    public const double DemonymCap = 0.35;

    public PlacementBand Band => Confidence >= HighAtLeast ? PlacementBand.High : Confidence >= MediumAtLeast ? PlacementBand.Medium : PlacementBand.Low;

    /// <summary>A position (GeoRSS) or a town-sized place: its point stands for where the event happened.</summary>
    public bool IsPointLike => Method is PlacementMethod.GeoRssPoint or PlacementMethod.NamedTown;

    /// <summary>Precise enough to say "&lt;1 km" and to raise severity for closeness: point-like and High.</summary>
    public bool SupportsCloseRange => IsPointLike && Band == PlacementBand.High;

    /// <summary>A GeoRSS point: exact, confidence 1.</summary>
    public static Placement FromGeoRss() => new(PlacementMethod.GeoRssPoint, 1, null, null);

    /// <summary>The method a gazetteer place stands for: by its kind, and for a kind this code does not know, by its
    /// GeoNames feature code (PPL* populated place, CMP* camp, PSTB border post → town; ADM* → district; PCL* → country),
    /// else <see cref="PlacementMethod.Region"/>, the least precise.</summary>
    public static PlacementMethod MethodOf(Place place) => place.Kind switch
    {
        PlaceKind.City => PlacementMethod.NamedTown,
        PlaceKind.Admin2 or PlaceKind.Admin1 => PlacementMethod.District,
        PlaceKind.Country => PlacementMethod.Country,
        _ => place.FeatureCode switch
        {
            var f when f.StartsWith("PPL", StringComparison.Ordinal) || f.StartsWith("CMP", StringComparison.Ordinal) || f == "PSTB" => PlacementMethod.NamedTown,
            var f when f.StartsWith("ADM", StringComparison.Ordinal) => PlacementMethod.District,
            var f when f.StartsWith("PCL", StringComparison.Ordinal) => PlacementMethod.Country,
            _ => PlacementMethod.Region,
        },
    };

    /// <summary>A stored placement: null when the row predates the columns or the method is not one of ours.</summary>
    public static Placement? Read(string? method, double? confidence, string? surface, string? placeName) =>
        Enum.TryParse<PlacementMethod>(method, ignoreCase: false, out var m) && Enum.IsDefined(m) && confidence is { } c
            ? new Placement(m, Math.Clamp(c, 0, 1), surface, placeName)
            : null;
}
