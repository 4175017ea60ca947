using System.Globalization;
using NgoMonitor.Core.Geo;

namespace NgoMonitor.GazetteerBuilder;

/// <summary>
/// The tab-separated files under data/gazetteer that the npm packages do not cover (see data/gazetteer/README.md):
/// GeoNames ids of the countries, continents and macro-regions made of whole countries, and places NGOs work in that
/// cities500 lacks (villages, camps, border crossings, districts). Lines starting with '#' are comments; the first
/// other line names the columns.
/// </summary>
internal sealed partial class IndexBuilder
{
    private readonly Dictionary<string, string> _continentOf = new(StringComparer.Ordinal);

    /// <summary>GeoNames ids and continent codes of the countries (GeoNames countryInfo.txt); after <see cref="ReadCountries"/>.</summary>
    public void ReadCountryGeonames(string path)
    {
        foreach (var f in Rows(path))
        {
            _continentOf[f[0]] = f[2];
            if (_countryIndex.TryGetValue(f[0], out var c))
            {
                var place = _countries[c].PlaceId;
                _places[place] = _places[place] with { GeonameId = int.Parse(f[1], CultureInfo.InvariantCulture) };
            }
        }
    }

    /// <summary>Names news uses for countries that world-countries lacks ("Britain", "DR Congo"); after <see cref="ReadCountries"/>.</summary>
    public void ReadCountryNames(string path)
    {
        foreach (var f in Rows(path))
        {
            var place = _countries[_countryIndex[f[0]]].PlaceId;
            foreach (var name in Others(f[1]))
            {
                var code = name.Length <= 4 && name.All(c => char.IsUpper(c) || c == '.');
                AddName(name, place, code ? NameFlags.Code : NameFlags.Preferred);
            }
        }
    }

    /// <summary>
    /// Continents, macro-regions and seas. A region's point is the one given (GeoNames' for continents) or the middle
    /// of its member countries' points; its population is theirs summed, which ranks "Africa" far above a town named
    /// Africa. Regions carry no country: they match no point or country fence.
    /// </summary>
    public void ReadRegions(string path)
    {
        foreach (var f in Rows(path))
        {
            var members = ExpandMembers(f[5]);
            var countryPlaces = members.Where(_countryIndex.ContainsKey).Select(m => _countries[_countryIndex[m]].PlaceId).ToList();
            var (lat, lon) = f[3].Length > 0
                ? (Double(f[3]), Double(f[4]))
                : (countryPlaces.Average(p => _places[p].Lat), countryPlaces.Average(p => _places[p].Lon));
            var kind = f[1] == "SEA" ? PlaceKind.WaterBody : PlaceKind.Region;
            var id = _places.Count;
            _places.Add(new PlaceRow(int.Parse(f[2], CultureInfo.InvariantCulture), f[0], lat, lon,
                countryPlaces.Sum(p => _places[p].Population), kind, kind == PlaceKind.Region ? (f[2] != "0" ? "CONT" : "RGN") : "OCN", "")
            { Admin1Code = "" });
            _regionMembers[id] = members;
            AddName(f[0], id, NameFlags.Preferred);
            foreach (var other in Others(f[6]))
            {
                AddName(other, id, NameFlags.Preferred);
            }
        }
    }

    private readonly Dictionary<int, List<string>> _regionMembers = [];

    /// <summary>
    /// Villages, camps, crossings and districts NGOs work in. Each joins the first-level region of the nearest
    /// cities500 place of its country, so that "Kiwanja, North Kivu" and coherence with nearby towns work as for any town.
    /// </summary>
    public void ReadHumanitarianPlaces(string path)
    {
        foreach (var f in Rows(path))
        {
            var (lat, lon) = (Double(f[2]), Double(f[3]));
            var country = f[4];
            var kind = f[5] switch
            {
                "ADM1" or "RGN" => PlaceKind.Admin1,
                "ADM2" or "ADM3" => PlaceKind.Admin2,
                _ => PlaceKind.City,
            };
            var nearest = _places.Where(p => p.Kind == PlaceKind.City && p.Country == country)
                .MinBy(p => new GeoPoint(p.Lat, p.Lon).DistanceKmTo(new GeoPoint(lat, lon)));
            var id = _places.Count;
            _places.Add(new PlaceRow(0, f[0], lat, lon, long.Parse(f[6], CultureInfo.InvariantCulture), kind, f[5], country)
            {
                Admin1Code = kind == PlaceKind.Admin1 ? "" : nearest?.Admin1Code ?? "",
            });
            AddName(f[0], id, NameFlags.Preferred);
            foreach (var other in Others(f[1]))
            {
                AddName(other, id, NameFlags.Preferred);
            }
        }
    }

    private List<string> ExpandMembers(string spec)
    {
        var members = new List<string>();
        foreach (var item in spec.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (item[0] == '@')
            {
                members.AddRange(_continentOf.Where(c => c.Value == item[1..]).Select(c => c.Key).Order(StringComparer.Ordinal));
            }
            else if (item[0] == '-')
            {
                members.Remove(item[1..]);
            }
            else
            {
                members.Add(item);
            }
        }

        return members;
    }

    private static IEnumerable<string> Others(string field) => field.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static double Double(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static IEnumerable<string[]> Rows(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#').Skip(1).Select(l => l.Split('\t'));
}
