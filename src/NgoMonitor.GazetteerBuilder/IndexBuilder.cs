using System.Globalization;
using System.Text.Json;
using NgoMonitor.Core.Geo;

namespace NgoMonitor.GazetteerBuilder;

// One piece past ~400 lines: every source (cities, admin areas, countries) fills the same place and name tables,
// which Write then serialises; splitting the readers from the tables would pass those tables between files.
/// <summary>Collects places, countries and names from the data sources and writes the index (<see cref="GazetteerFormat"/>).</summary>
internal sealed partial class IndexBuilder
{
    // Admin suffixes dropped to make a second, weaker name ("Laurel County" is also written "Laurel").
    private static readonly string[] AdminSuffixes =
    [
        " County", " Parish", " Governorate", " Province", " Region", " District", " Municipality", " Department",
        " Prefecture", " Oblast", " State", " Borough", " Census Area", " City and Borough", " Muhafazah",
    ];

    // GeoNames writes some second-level regions with the type word first ("Province of Bulacan", "Commune of
    // Arbinda"); news writes the bare name, kept as a weak name like a suffix-less one.
    private static readonly string[] AdminPrefixes =
    [
        "Province of ", "Commune of ", "County of ", "Municipality of ", "District of ", "Department of ", "Governorate of ", "Region of ",
    ];

    // AP Stylebook abbreviations of US state names ("Springfield, Ill."), keyed by the GeoNames admin1 code (the
    // USPS code); states AP writes in full have none. GeoNames has no abbreviations, and US local news uses these.
    private static readonly Dictionary<string, string> UsStateAbbreviations = new(StringComparer.Ordinal)
    {
        ["AL"] = "Ala.", ["AZ"] = "Ariz.", ["AR"] = "Ark.", ["CA"] = "Calif.", ["CO"] = "Colo.", ["CT"] = "Conn.",
        ["DE"] = "Del.", ["DC"] = "D.C.", ["FL"] = "Fla.", ["GA"] = "Ga.", ["IL"] = "Ill.", ["IN"] = "Ind.",
        ["KS"] = "Kan.", ["KY"] = "Ky.", ["LA"] = "La.", ["MD"] = "Md.", ["MA"] = "Mass.", ["MI"] = "Mich.",
        ["MN"] = "Minn.", ["MS"] = "Miss.", ["MO"] = "Mo.", ["MT"] = "Mont.", ["NE"] = "Neb.", ["NV"] = "Nev.",
        ["NH"] = "N.H.", ["NJ"] = "N.J.", ["NM"] = "N.M.", ["NY"] = "N.Y.", ["NC"] = "N.C.", ["ND"] = "N.D.",
        ["OK"] = "Okla.", ["OR"] = "Ore.", ["PA"] = "Pa.", ["RI"] = "R.I.", ["SC"] = "S.C.", ["SD"] = "S.D.",
        ["TN"] = "Tenn.", ["VT"] = "Vt.", ["VA"] = "Va.", ["WA"] = "Wash.", ["WV"] = "W.Va.", ["WI"] = "Wis.",
        ["WY"] = "Wyo.",
    };

    // Australian state abbreviations by GeoNames admin1 code (New South Wales, Queensland, Tasmania).
    private static readonly Dictionary<string, string> AustralianStateAbbreviations = new(StringComparer.Ordinal)
    {
        ["AU.02"] = "NSW", ["AU.04"] = "Qld", ["AU.06"] = "Tas.",
    };

    private readonly List<PlaceRow> _places = [];
    private readonly Dictionary<string, List<int>> _citiesByAdmin1 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _citiesByAdmin2 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _admin1Place = new(StringComparer.Ordinal);
    private readonly Dictionary<string, short> _countryIndex = new(StringComparer.Ordinal);
    private readonly List<CountryRow> _countries = [];
    private readonly SortedDictionary<string, Dictionary<int, byte>> _names = new(StringComparer.Ordinal);

    public string Summary => string.Create(CultureInfo.InvariantCulture, $"{_places.Count} places, {_countries.Count} countries, {_names.Count} names");

    public void ReadCities(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split('\t');
            if (f.Length < 15)
            {
                continue;
            }

            var id = _places.Count;
            var row = new PlaceRow(
                int.Parse(f[0], CultureInfo.InvariantCulture), f[1],
                double.Parse(f[4], CultureInfo.InvariantCulture), double.Parse(f[5], CultureInfo.InvariantCulture),
                long.TryParse(f[14], CultureInfo.InvariantCulture, out var pop) ? pop : 0,
                PlaceKind.City, f[7], f[8]) { Admin1Code = f[8] + "." + f[10] };
            _places.Add(row);
            Add(_citiesByAdmin1, f[8] + "." + f[10], id);
            Add(_citiesByAdmin2, f[8] + "." + f[10] + "." + f[11], id);
            AddName(f[1], id, NameFlags.Preferred);
            AddName(f[2], id, NameFlags.Preferred);
            foreach (var alt in f[3].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                AddName(alt, id, NameFlags.None);
            }
        }
    }

    /// <summary>
    /// First- and second-level regions: GeoNames gives codes and English names only, no coordinates; a region's
    /// point is the middle of the 5th–95th percentile box of the cities500 places carrying its code (robust to the odd
    /// mis-coded place; the full box did worse on LGL) and its population the sum of theirs. Regions with no such
    /// place are left out.
    /// </summary>
    public void ReadAdmins(string path, PlaceKind kind)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var members = kind == PlaceKind.Admin1 ? _citiesByAdmin1 : _citiesByAdmin2;
        var rows = doc.RootElement.EnumerateArray()
            .Select(e => (Code: e.GetProperty("code").GetString()!, Name: e.GetProperty("name").GetString()!))
            .OrderBy(r => r.Code, StringComparer.Ordinal);
        foreach (var (code, name) in rows)
        {
            if (!members.TryGetValue(code, out var cities) || name.Length == 0)
            {
                continue;
            }

            var lats = cities.Select(c => _places[c].Lat).Order().ToArray();
            var lons = cities.Select(c => _places[c].Lon).Order().ToArray();
            var lat = (Percentile(lats, 0.05) + Percentile(lats, 0.95)) / 2;
            var lon = (Percentile(lons, 0.05) + Percentile(lons, 0.95)) / 2;
            var id = _places.Count;
            var country = code[..2];
            var admin1 = string.Join('.', code.Split('.').Take(2));
            _places.Add(new PlaceRow(0, name, lat, lon, cities.Sum(c => _places[c].Population), kind, kind == PlaceKind.Admin1 ? "ADM1" : "ADM2", country) { Admin1Code = admin1 });
            if (kind == PlaceKind.Admin1)
            {
                _admin1Place[code] = id;
            }

            AddName(name, id, NameFlags.Preferred);
            foreach (var suffix in AdminSuffixes)
            {
                if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && name.Length > suffix.Length + 2)
                {
                    AddName(name[..^suffix.Length], id, NameFlags.Weak);
                }
            }

            foreach (var prefix in AdminPrefixes)
            {
                if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && name.Length > prefix.Length + 2)
                {
                    AddName(name[prefix.Length..], id, NameFlags.Weak);
                }
            }

            if (kind == PlaceKind.Admin1 && code.StartsWith("US.", StringComparison.Ordinal) && UsStateAbbreviations.TryGetValue(code[3..], out var abbreviation))
            {
                AddName(abbreviation, id, NameFlags.None);
            }

            if (kind == PlaceKind.Admin1 && AustralianStateAbbreviations.TryGetValue(code, out var australian))
            {
                // "NSW" and "Qld" as Australian news writes them; "NSW" is written in capitals and counts only so.
                AddName(australian, id, australian == "NSW" ? NameFlags.Code : NameFlags.None);
            }

            if (name.StartsWith("State of ", StringComparison.Ordinal))
            {
                AddName(name["State of ".Length..], id, NameFlags.Weak);
            }
        }
    }

    /// <summary>
    /// Countries from world-countries (names in English, French, Arabic and the other translations it carries,
    /// demonyms in English and French) with Natural Earth 1:50m polygons from world-atlas (TopoJSON, matched on
    /// the ISO 3166-1 numeric code, else on the name).
    /// </summary>
    public void ReadCountries(string countriesPath, string atlasPath)
    {
        var shapes = TopoJson.ReadCountries(atlasPath);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(countriesPath));
        foreach (var c in doc.RootElement.EnumerateArray().OrderBy(c => c.GetProperty("cca2").GetString(), StringComparer.Ordinal))
        {
            var iso2 = c.GetProperty("cca2").GetString()!;
            var iso3 = c.GetProperty("cca3").GetString()!;
            var numeric = c.GetProperty("ccn3").GetString() ?? "";
            var common = c.GetProperty("name").GetProperty("common").GetString()!;
            var shape = shapes.FirstOrDefault(s => s.Id == numeric && numeric.Length > 0)
                ?? shapes.FirstOrDefault(s => string.Equals(s.Name, common, StringComparison.OrdinalIgnoreCase));
            var latlng = c.GetProperty("latlng").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var (lat, lon) = (latlng[0], latlng[1]);
            if (shape is { Polygons.Count: > 0 })
            {
                // The nominal point (CIA World Factbook style, whole degrees) is kept unless the mainland's
                // centroid lies within 300 km of it, which is then the better point (United States: Kansas).
                var (clat, clon) = LargestCentroid(shape.Polygons);
                if (new GeoPoint(lat, lon).DistanceKmTo(new GeoPoint(clat, clon)) < 300)
                {
                    (lat, lon) = (clat, clon);
                }
            }
            var id = _places.Count;
            var population = _places.Where(p => p.Kind == PlaceKind.City && p.Country == iso2).Sum(p => p.Population);
            _places.Add(new PlaceRow(0, common, lat, lon, population, PlaceKind.Country, "PCLI", iso2) { Admin1Code = "" });
            _countryIndex[iso2] = (short)_countries.Count;
            _countries.Add(new CountryRow(iso2, iso3, id, shape?.Polygons ?? []));

            AddName(common, id, NameFlags.Preferred);
            var official = c.GetProperty("name").GetProperty("official").GetString()!;
            AddName(official, id, NameFlags.Preferred);
            if (official.LastIndexOf(" of ", StringComparison.Ordinal) is var of and > 0)
            {
                // "United States of America" → "America", "Islamic Republic of Iran" → "Iran".
                var tail = official[(of + 4)..];
                AddName(tail.StartsWith("the ", StringComparison.Ordinal) ? tail[4..] : tail, id, NameFlags.None);
            }
            if (shape is not null)
            {
                AddName(shape.Name, id, NameFlags.Preferred);
            }

            foreach (var native in c.GetProperty("name").GetProperty("native").EnumerateObject())
            {
                AddName(native.Value.GetProperty("common").GetString()!, id, NameFlags.None);
            }

            foreach (var t in c.GetProperty("translations").EnumerateObject())
            {
                var flags = t.Name is "fra" or "ara" ? NameFlags.Preferred : NameFlags.None;
                AddName(t.Value.GetProperty("common").GetString()!, id, flags);
                AddName(t.Value.GetProperty("official").GetString()!, id, flags);
            }

            foreach (var alt in c.GetProperty("altSpellings").EnumerateArray().Select(e => e.GetString()!))
            {
                if (alt.Length <= 3 && alt.All(char.IsUpper))
                {
                    // ISO-like codes ("US", "UK", "UAE") and their dotted form ("U.S.") count only in capitals.
                    AddName(alt, id, NameFlags.Code);
                    AddName(string.Join('.', alt.ToCharArray()) + ".", id, NameFlags.Code);
                }
                else if (!alt.Contains(','))
                {
                    AddName(alt, id, NameFlags.None);
                }
            }

            if (c.TryGetProperty("demonyms", out var demonyms))
            {
                foreach (var lang in demonyms.EnumerateObject())
                {
                    foreach (var demonym in new[] { lang.Value.GetProperty("f").GetString()!, lang.Value.GetProperty("m").GetString()! })
                    {
                        AddName(demonym, id, NameFlags.Demonym);
                        if (lang.Name == "eng" && (demonym.EndsWith('n') || demonym.EndsWith('i')))
                        {
                            // The people: "Americans", "Israelis", "Palestinians".
                            AddName(demonym + "s", id, NameFlags.Demonym);
                        }
                    }
                }
            }
        }

    }

    /// <summary>Links every place to its country and first-level region; run once all sources are read.</summary>
    public void LinkPlaces()
    {
        for (var i = 0; i < _places.Count; i++)
        {
            var p = _places[i];
            p.CountryIndex = _countryIndex.TryGetValue(p.Country, out var ci) ? ci : (short)-1;
            p.Admin1Place = p.Kind is PlaceKind.City or PlaceKind.Admin2 && _admin1Place.TryGetValue(p.Admin1Code, out var a1) ? a1 : -1;
            if (p.Kind == PlaceKind.Admin1)
            {
                p.Admin1Place = i;
            }
        }
    }

    public void Write(Stream stream)
    {
        // Words sorted ordinally get dense ids; names are grouped by first word, longest first, so that the
        // reader builds its first-word table without sorting.
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in _names.Keys)
        {
            words.UnionWith(key.Split(' '));
        }

        var wordIds = words.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i, StringComparer.Ordinal);
        var names = _names
            .Select(n => (Words: n.Key.Split(' ').Select(w => wordIds[w]).ToArray(), Links: n.Value))
            .OrderBy(n => n.Words[0]).ThenByDescending(n => n.Words.Length).ThenBy(n => n.Words, WordsComparer.Instance)
            .ToList();

        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(GazetteerFormat.Magic);
        w.Write(GazetteerFormat.Version);
        w.Write(GazetteerFormat.Attribution);
        w.Write(_places.Count);
        foreach (var p in _places)
        {
            w.Write(p.GeonameId);
            w.Write((float)p.Lat);
            w.Write((float)p.Lon);
            w.Write7BitEncodedInt64(p.Population);
            w.Write((byte)p.Kind);
            w.Write(p.FeatureCode);
            w.Write(p.CountryIndex);
            w.Write(p.Admin1Place);
            w.Write(p.Name);
        }

        w.Write(_countries.Count);
        foreach (var c in _countries)
        {
            w.Write(c.Iso2);
            w.Write(c.Iso3);
            w.Write(c.PlaceId);
            w.Write(c.Polygons.Count);
            foreach (var polygon in c.Polygons)
            {
                w.Write(polygon.Count);
                foreach (var ring in polygon)
                {
                    w.Write(ring.Count);
                    foreach (var (x, y) in ring)
                    {
                        w.Write((float)x);
                        w.Write((float)y);
                    }
                }
            }
        }

        w.Write(_regionMembers.Count);
        foreach (var (place, members) in _regionMembers.OrderBy(r => r.Key))
        {
            w.Write(place);
            w.Write(members.Count);
            foreach (var member in members)
            {
                w.Write(member);
            }
        }

        w.Write(words.Count);
        foreach (var word in words)
        {
            w.Write(word);
        }

        w.Write(names.Count);
        foreach (var (nameWords, links) in names)
        {
            w.Write((byte)nameWords.Length);
            foreach (var id in nameWords)
            {
                w.Write7BitEncodedInt(id);
            }

            w.Write7BitEncodedInt(links.Count);
            foreach (var (place, flags) in links.OrderBy(l => l.Key))
            {
                w.Write7BitEncodedInt(place);
                w.Write(flags);
            }
        }
    }

    private void AddName(string name, int place, NameFlags flags)
    {
        if (name.Length < 2 || name.Any(GeoText.IsUnspacedScript) || name.Contains("http", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var key = GeoText.FoldName(name);
        var wordCount = key.Count(ch => ch == ' ') + 1;
        if (key.Length < 2 || wordCount > GazetteerFormat.MaxNameWords || key.All(char.IsDigit))
        {
            return;
        }

        if (!_names.TryGetValue(key, out var links))
        {
            _names[key] = links = [];
        }

        // A place named twice under one key keeps the strongest reading: preferred beats plain, plain beats weak.
        links[place] = links.TryGetValue(place, out var old) ? Merge(old, (byte)flags) : (byte)flags;
    }

    private static byte Merge(byte a, byte b)
    {
        var preferred = (a | b) & (byte)NameFlags.Preferred;
        var weak = a & b & (byte)NameFlags.Weak;
        var code = a & b & (byte)NameFlags.Code;
        var demonym = a & b & (byte)NameFlags.Demonym;
        return (byte)(preferred | weak | code | demonym);
    }

    private static void Add(Dictionary<string, List<int>> map, string key, int id)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(id);
    }

    private static double Percentile(double[] sorted, double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];

    private static (double Lat, double Lon) LargestCentroid(List<List<List<(double X, double Y)>>> polygons)
    {
        var best = polygons.MaxBy(p => Math.Abs(RingArea(p[0])))!;
        var ring = best[0];
        double a = 0, cx = 0, cy = 0;
        for (var i = 0; i < ring.Count - 1; i++)
        {
            var cross = ring[i].X * ring[i + 1].Y - ring[i + 1].X * ring[i].Y;
            a += cross;
            cx += (ring[i].X + ring[i + 1].X) * cross;
            cy += (ring[i].Y + ring[i + 1].Y) * cross;
        }

        var (lat, lon) = Math.Abs(a) < 1e-12 ? (ring[0].Y, ring[0].X) : (cy / (3 * a), cx / (3 * a));
        return (lat, lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon);
    }

    private static double RingArea(List<(double X, double Y)> ring)
    {
        double a = 0;
        for (var i = 0; i < ring.Count - 1; i++)
        {
            a += ring[i].X * ring[i + 1].Y - ring[i + 1].X * ring[i].Y;
        }

        return a / 2;
    }
}
