using NgoMonitor.Core.Geo;

namespace NgoMonitor.GazetteerBuilder;

internal sealed class WordsComparer : IComparer<int[]>
{
    public static readonly WordsComparer Instance = new();

    public int Compare(int[]? x, int[]? y)
    {
        for (var i = 0; i < Math.Min(x!.Length, y!.Length); i++)
        {
            if (x[i] != y[i])
            {
                return x[i].CompareTo(y[i]);
            }
        }

        return x.Length.CompareTo(y.Length);
    }
}

internal sealed record PlaceRow(int GeonameId, string Name, double Lat, double Lon, long Population, PlaceKind Kind, string FeatureCode, string Country)
{
    public required string Admin1Code { get; init; }

    public short CountryIndex { get; set; } = -1;

    public int Admin1Place { get; set; } = -1;
}

internal sealed record CountryRow(string Iso2, string Iso3, int PlaceId, List<List<List<(double X, double Y)>>> Polygons);
