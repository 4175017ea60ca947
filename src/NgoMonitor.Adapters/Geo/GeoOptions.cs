namespace NgoMonitor.Adapters.Geo;

/// <summary>Geoparsing settings (configuration section "Geo").</summary>
public sealed class GeoOptions
{
    public const string Section = "Geo";

    /// <summary>
    /// The gazetteer index built by NgoMonitor.GazetteerBuilder from GeoNames cities500 and Natural Earth
    /// (data/gazetteer/README.md). Default: Geo/Data/gazetteer.bin.br beside the assemblies.
    /// </summary>
    public string? GazetteerPath { get; set; }
}
