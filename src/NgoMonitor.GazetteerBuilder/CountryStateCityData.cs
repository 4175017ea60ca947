using System.Globalization;
using System.Text.Json;
using NgoMonitor.Core.Geo;

namespace NgoMonitor.GazetteerBuilder;

/// <summary>
/// The countries-states-cities database (npm @countrystatecity/countries, ODbL 1.0): one folder per country
/// (<c>Yemen-YE/</c>) with <c>states.json</c> (first-level regions with their name in the country's own script) and
/// one folder per state holding <c>cities.json</c> (name, point). Its cities are mostly GeoNames places, among them
/// many second- and third-level districts (Yemeni districts, Cameroonian departments, Burkinabè provinces, Malian
/// cercles) and villages that cities500 lacks; only those, in the countries of a humanitarian response
/// (<see cref="HumanitarianCountries"/>), are added, each as a town or, when its name says so, a
/// district, with no population (they rank below any cities500 namesake and need a cue such as "in" unless named in
/// full). A state's own-script name (الحسكة for Al-Hasakah) becomes a name of the matching GeoNames first-level
/// region, which otherwise has English names only. Run after the cities, admins and humanitarian places are read.
/// </summary>
internal sealed partial class IndexBuilder
{
    // Type words that make a place of the database a district rather than a settlement, as prefix or suffix.
    private static readonly string[] DistrictSuffixes =
    [
        " District", " Raion", " rayon", " Cercle", " Zone", " Division", " Department", " Tehsil", " Province",
        " Governorate", " Municipality", " County", " Prefecture", " Sub-Prefecture", " Special Wereda", " Wereda", " Woreda",
    ];

    private static readonly string[] DistrictPrefixes =
    [
        "Province de la ", "Province de l'", "Province de l’", "Province des ", "Province du ", "Province de ",
        "Département de la ", "Département de l'", "Département de l’", "Département du ", "Département de ", "Département d’", "Département d'",
        "Cercle de ", "Cercle d’", "Cercle d'", "Caza de ", "Arrondissement de la ", "Arrondissement du ", "Arrondissement de ",
        "Préfecture de ", "Sous-préfecture de ", "District of ", "Qaḑā’ ", "Gorodskoy okrug ",
    ];

    // Countries with a UN-coordinated humanitarian response plan or regional refugee plan in 2016–2024 (OCHA), where
    // NGOs work and news names villages and districts; elsewhere the database's small places add more namesakes of
    // common words ("Far", "Luc") than places news names.
    private static readonly HashSet<string> HumanitarianCountries = new(StringComparer.Ordinal)
    {
        "AF", "BD", "BF", "BI", "CD", "CF", "CM", "CO", "DJ", "ER", "ET", "GT", "HN", "HT", "IQ", "JO", "KE", "LB", "LY",
        "MG", "ML", "MM", "MZ", "NE", "NG", "PK", "PS", "RW", "SD", "SO", "SS", "SV", "SY", "TD", "TZ", "UA", "UG", "VE",
        "YE", "ZW",
    };

    // A database place within this distance of a known place of the same name and country is that place.
    private const double SameTownKm = 25;
    private const double SameDistrictKm = 60;

    /// <summary>Adds the database's places that the index lacks and its states' own-script names.</summary>
    public void ReadCountryStateCity(string dataDir)
    {
        var towns = new TownGrid(_places);
        var added = 0;
        foreach (var countryDir in Directory.GetDirectories(dataDir).Order(StringComparer.Ordinal))
        {
            var country = Path.GetFileName(countryDir)[^2..];
            if (!_countryIndex.ContainsKey(country))
            {
                continue;
            }

            ReadStateNames(Path.Combine(countryDir, "states.json"), country);
            if (!HumanitarianCountries.Contains(country))
            {
                continue;
            }

            foreach (var stateDir in Directory.GetDirectories(countryDir).Order(StringComparer.Ordinal))
            {
                var citiesPath = Path.Combine(stateDir, "cities.json");
                if (!File.Exists(citiesPath))
                {
                    continue;
                }

                using var doc = JsonDocument.Parse(File.ReadAllBytes(citiesPath));
                foreach (var city in doc.RootElement.EnumerateArray().OrderBy(c => c.GetProperty("id").GetInt32()))
                {
                    added += AddDatabasePlace(city, country, towns) ? 1 : 0;
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"countries-states-cities: {added} places added"));
    }

    private bool AddDatabasePlace(JsonElement city, string country, TownGrid towns)
    {
        var name = city.GetProperty("name").GetString() ?? "";
        if (name.Length < 2
            || !double.TryParse(city.GetProperty("latitude").GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(city.GetProperty("longitude").GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
        {
            return false;
        }

        var point = new GeoPoint(lat, lon);
        var bare = BareDistrictName(name);
        if (IsKnown(name, country, point) || (bare is not null && IsKnown(bare, country, point)))
        {
            return false;
        }

        var kind = bare is null ? PlaceKind.City : PlaceKind.Admin2;
        var nearest = towns.Nearest(country, lat, lon);
        var id = _places.Count;
        _places.Add(new PlaceRow(0, name, lat, lon, 0, kind, kind == PlaceKind.City ? "PPL" : "ADM2", country)
        {
            Admin1Code = nearest < 0 ? "" : _places[nearest].Admin1Code,
        });
        AddName(name, id, NameFlags.Preferred);
        if (bare is not null)
        {
            AddName(bare, id, NameFlags.Weak);
        }

        if (OwnScriptName(city) is { } own)
        {
            AddName(own, id, NameFlags.None);
        }

        return true;
    }

    /// <summary>Whether the index already holds a place of this name in the country near the point (a town within
    /// <see cref="SameTownKm"/>, a region within <see cref="SameDistrictKm"/>, whose derived point is rougher).</summary>
    private bool IsKnown(string name, string country, GeoPoint point)
    {
        if (!_names.TryGetValue(GeoText.FoldName(name), out var links))
        {
            return false;
        }

        foreach (var place in links.Keys)
        {
            var p = _places[place];
            if (p.Country == country
                && point.DistanceKmTo(new GeoPoint(p.Lat, p.Lon)) <= (p.Kind == PlaceKind.City ? SameTownKm : SameDistrictKm))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"Gao Cercle" → "Gao", "Province du Soum" → "Soum"; null when the name carries no district type word.</summary>
    private static string? BareDistrictName(string name)
    {
        foreach (var suffix in DistrictSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && name.Length > suffix.Length + 2)
            {
                return name[..^suffix.Length];
            }
        }

        foreach (var prefix in DistrictPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && name.Length > prefix.Length + 2)
            {
                return name[prefix.Length..];
            }
        }

        return null;
    }

    /// <summary>A state's own-script name as a name of the GeoNames first-level region it matches by English name
    /// (with or without its type word) in the same country.</summary>
    private void ReadStateNames(string path, string country)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var state in doc.RootElement.EnumerateArray())
        {
            if (OwnScriptName(state) is not { } own)
            {
                continue;
            }

            var name = state.GetProperty("name").GetString() ?? "";
            var type = state.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
            var bare = type.Length > 0 && name.EndsWith(" " + type, StringComparison.OrdinalIgnoreCase) ? name[..^(type.Length + 1)] : name;
            var region = FindAdmin1(bare, country) ?? FindAdmin1(name, country);
            if (region is { } r)
            {
                AddName(own, r, NameFlags.None);
            }
        }
    }

    /// <summary>The "native" name when written in a script other than Latin (Arabic الحسكة); the database's Latin-script
    /// native names are often not names at all ("If" for a Liberian county), so they are left out.</summary>
    private static string? OwnScriptName(JsonElement row) =>
        row.TryGetProperty("native", out var native) && native.ValueKind == JsonValueKind.String
        && native.GetString() is { Length: > 1 } own && !own.Any(c => c < '\u0250' && char.IsLetter(c))
            ? own
            : null;

    private int? FindAdmin1(string name, string country) =>
        _names.TryGetValue(GeoText.FoldName(name), out var links)
            ? links.Keys.Where(p => _places[p].Kind == PlaceKind.Admin1 && _places[p].Country == country).Select(p => (int?)p).FirstOrDefault()
            : null;

    /// <summary>The cities500 towns in one-degree cells, to find the nearest town of a country quickly.</summary>
    private sealed class TownGrid
    {
        private readonly Dictionary<(int, int), List<int>> _cells = [];
        private readonly List<PlaceRow> _places;

        public TownGrid(List<PlaceRow> places)
        {
            _places = places;
            for (var i = 0; i < places.Count; i++)
            {
                if (places[i].Kind == PlaceKind.City && places[i].GeonameId != 0)
                {
                    var key = Cell(places[i].Lat, places[i].Lon);
                    if (!_cells.TryGetValue(key, out var list))
                    {
                        _cells[key] = list = [];
                    }

                    list.Add(i);
                }
            }
        }

        /// <summary>The nearest town of the country within about three degrees, or -1.</summary>
        public int Nearest(string country, double lat, double lon)
        {
            var (cy, cx) = Cell(lat, lon);
            var point = new GeoPoint(lat, lon);
            for (var ring = 0; ring <= 3; ring++)
            {
                var best = -1;
                var bestKm = double.MaxValue;
                for (var y = cy - ring; y <= cy + ring; y++)
                {
                    for (var x = cx - ring; x <= cx + ring; x++)
                    {
                        if (!_cells.TryGetValue((y, x), out var list))
                        {
                            continue;
                        }

                        foreach (var i in list)
                        {
                            var km = _places[i].Country == country ? point.DistanceKmTo(new GeoPoint(_places[i].Lat, _places[i].Lon)) : double.MaxValue;
                            if (km < bestKm)
                            {
                                (best, bestKm) = (i, km);
                            }
                        }
                    }
                }

                if (best >= 0)
                {
                    return best;
                }
            }

            return -1;
        }

        private static (int, int) Cell(double lat, double lon) => ((int)Math.Floor(lat), (int)Math.Floor(lon));
    }
}
