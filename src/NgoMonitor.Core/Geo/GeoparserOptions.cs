using System.ComponentModel.DataAnnotations;

namespace NgoMonitor.Core.Geo;

/// <summary>Tuning of the <see cref="Geoparser"/>; bound from configuration section "Geo:Geoparser".</summary>
public sealed class GeoparserOptions
{
    public const string SectionName = "Geo:Geoparser";

    /// <summary>Mentions resolved with a lower confidence are dropped from <see cref="Geoparser.FindPlaces(string)"/>.
    /// Default 0.2; range 0–1 (0 keeps every gazetteer match that passes the spotting rules).</summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.2;

    /// <summary>A single-word city with fewer inhabitants than this is only taken when a locative cue ("in", "near",
    /// "outside", "from", "à", "في") or a region or country right after it ("Azaz, Syria") supports it.
    /// Default 5,000; range 0–10,000,000.</summary>
    [Range(0, 10_000_000)]
    public long MinPopulationWithoutCue { get; set; } = 5_000;

    /// <summary>Whether demonyms ("Turkish", "syrienne") count as mentions of their country. Default true.</summary>
    public bool Demonyms { get; set; } = true;
}

/// <summary>
/// What is known about where an item comes from before reading it: the feed's declared country (ISO 3166-1
/// alpha-2 or alpha-3) and, for a local feed, the centre of its area. Both only break ties between places of the
/// same name; they never add places.
/// </summary>
public sealed record GeoContext(string? CountryCode = null, GeoPoint? RegionCentre = null)
{
    /// <summary>The feed's home area, set by an admin or learned from its earlier items (<see cref="FeedHomeAreaLearner"/>):
    /// a town or county named alone within it is read there rather than at a larger namesake elsewhere.</summary>
    public FeedHomeArea? Home { get; init; }

    public static readonly GeoContext None = new();
}
