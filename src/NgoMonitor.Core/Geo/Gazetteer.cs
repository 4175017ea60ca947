using System.IO.Compression;
using NetTopologySuite.Geometries;

namespace NgoMonitor.Core.Geo;

/// <summary>
/// The place index the geoparser looks names up in: GeoNames cities500 places, first- and second-level regions,
/// and countries with their Natural Earth polygons. Loaded once from the index file made by
/// NgoMonitor.GazetteerBuilder (see <see cref="GazetteerFormat"/>) and immutable after that, so one instance is
/// shared by all threads. Places are held in parallel arrays, not objects, to stay well under the 300 MB.
/// </summary>
public sealed class Gazetteer
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    private readonly int[] _geonameId;
    private readonly float[] _lat;
    private readonly float[] _lon;
    private readonly long[] _population;
    private readonly PlaceKind[] _kind;
    private readonly string[] _featureCode;
    private readonly short[] _country;
    private readonly int[] _admin1;
    private readonly string[] _name;
    private readonly string[] _countryIso2;
    private readonly string[] _countryIso3;
    private readonly int[] _countryPlace;
    private readonly float[][][][] _countryPolygons;
    private readonly Dictionary<string, short> _countryByIso;
    private readonly Dictionary<int, string[]> _regionMembers;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _words;

    // Names: word ids in _nameWords[_nameWordStart[n].._nameWordStart[n+1]], links in _links[_linkStart[n].._linkStart[n+1]]
    // as (place << 4 | flags); the names starting with word w are _byFirstWord[w].._byFirstWord[w+1], longest first.
    private readonly int[] _nameWordStart;
    private readonly int[] _nameWords;
    private readonly int[] _linkStart;
    private readonly int[] _links;
    private readonly int[] _byFirstWord;

    private Gazetteer(BinaryReader r)
    {
        if (r.ReadString() != GazetteerFormat.Magic || r.ReadInt32() != GazetteerFormat.Version)
        {
            throw new InvalidDataException("Not a Monitor gazetteer index of version " + GazetteerFormat.Version + "; rebuild it with NgoMonitor.GazetteerBuilder.");
        }

        Attribution = r.ReadString();
        var n = r.ReadInt32();
        _geonameId = new int[n];
        _lat = new float[n];
        _lon = new float[n];
        _population = new long[n];
        _kind = new PlaceKind[n];
        _featureCode = new string[n];
        _country = new short[n];
        _admin1 = new int[n];
        _name = new string[n];
        var featureCodes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            _geonameId[i] = r.ReadInt32();
            _lat[i] = r.ReadSingle();
            _lon[i] = r.ReadSingle();
            _population[i] = r.Read7BitEncodedInt64();
            _kind[i] = (PlaceKind)r.ReadByte();
            var code = r.ReadString();
            _featureCode[i] = featureCodes.TryGetValue(code, out var interned) ? interned : featureCodes[code] = code;
            _country[i] = r.ReadInt16();
            _admin1[i] = r.ReadInt32();
            _name[i] = r.ReadString();
        }

        var countries = r.ReadInt32();
        _countryIso2 = new string[countries];
        _countryIso3 = new string[countries];
        _countryPlace = new int[countries];
        _countryPolygons = new float[countries][][][];
        _countryByIso = new Dictionary<string, short>(StringComparer.OrdinalIgnoreCase);
        for (short c = 0; c < countries; c++)
        {
            _countryIso2[c] = r.ReadString();
            _countryIso3[c] = r.ReadString();
            _countryPlace[c] = r.ReadInt32();
            _countryByIso[_countryIso2[c]] = c;
            _countryByIso[_countryIso3[c]] = c;
            var polygons = new float[r.ReadInt32()][][];
            for (var p = 0; p < polygons.Length; p++)
            {
                polygons[p] = new float[r.ReadInt32()][];
                for (var ring = 0; ring < polygons[p].Length; ring++)
                {
                    var points = new float[r.ReadInt32() * 2];
                    for (var k = 0; k < points.Length; k++)
                    {
                        points[k] = r.ReadSingle();
                    }

                    polygons[p][ring] = points;
                }
            }

            _countryPolygons[c] = polygons;
        }

        var regions = r.ReadInt32();
        _regionMembers = new Dictionary<int, string[]>(regions);
        for (var k = 0; k < regions; k++)
        {
            var place = r.ReadInt32();
            var members = new string[r.ReadInt32()];
            for (var m = 0; m < members.Length; m++)
            {
                members[m] = r.ReadString();
            }

            _regionMembers[place] = members;
        }

        var wordCount = r.ReadInt32();
        var words = new Dictionary<string, int>(wordCount, StringComparer.Ordinal);
        for (var w = 0; w < wordCount; w++)
        {
            words[r.ReadString()] = w;
        }

        _words = words.GetAlternateLookup<ReadOnlySpan<char>>();
        WordCount = wordCount;

        var names = r.ReadInt32();
        NameCount = names;
        _nameWordStart = new int[names + 1];
        _linkStart = new int[names + 1];
        _byFirstWord = new int[wordCount + 1];
        var nameWords = new List<int>(names * 2);
        var links = new List<int>(names * 2);
        var firstWordCounts = new int[wordCount + 1];
        for (var i = 0; i < names; i++)
        {
            _nameWordStart[i] = nameWords.Count;
            var length = r.ReadByte();
            for (var k = 0; k < length; k++)
            {
                nameWords.Add(r.Read7BitEncodedInt());
            }

            firstWordCounts[nameWords[_nameWordStart[i]]]++;
            _linkStart[i] = links.Count;
            var linkCount = r.Read7BitEncodedInt();
            for (var k = 0; k < linkCount; k++)
            {
                var place = r.Read7BitEncodedInt();
                links.Add(place << 4 | r.ReadByte());
            }
        }

        _nameWordStart[names] = nameWords.Count;
        _linkStart[names] = links.Count;
        _nameWords = [.. nameWords];
        _links = [.. links];
        for (var w = 0; w < wordCount; w++)
        {
            _byFirstWord[w + 1] = _byFirstWord[w] + firstWordCounts[w];
        }
    }

    /// <summary>Places (cities, regions and countries) in the index.</summary>
    public int Count => _lat.Length;

    public int NameCount { get; }

    public int WordCount { get; }

    /// <summary>The data sources and licences, for the README and the admin console's about page.</summary>
    public string Attribution { get; }

    public IReadOnlyList<string> CountryCodes => _countryIso2;

    /// <summary>Reads an index as written by NgoMonitor.GazetteerBuilder (the Brotli-compressed bytes of gazetteer.bin.br).</summary>
    public static Gazetteer Load(Stream compressedIndex)
    {
        using var brotli = new BrotliStream(compressedIndex, CompressionMode.Decompress, leaveOpen: true);
        using var buffered = new BufferedStream(brotli, 1 << 16);
        using var reader = new BinaryReader(buffered, System.Text.Encoding.UTF8);
        return new Gazetteer(reader);
    }

    /// <summary>Loads the index file from a path (the host's default is <see cref="DefaultPath"/>).</summary>
    public static Gazetteer Load(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Load(file);
    }

    /// <summary>Where the build copies the index: Geo/Data/gazetteer.bin.br beside the application's assemblies.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Geo", "Data", GazetteerFormat.FileName);

    public int GeonameId(int place) => _geonameId[place];

    public GeoPoint PointOf(int place) => new(_lat[place], _lon[place]);

    public double Lat(int place) => _lat[place];

    public double Lon(int place) => _lon[place];

    public long Population(int place) => _population[place];

    public PlaceKind Kind(int place) => _kind[place];

    public string FeatureCode(int place) => _featureCode[place];

    public string NameOf(int place) => _name[place];

    /// <summary>Index of the place's country in <see cref="CountryCodes"/>, or -1.</summary>
    public int CountryIndex(int place) => _country[place];

    public string CountryCode(int place) => _country[place] >= 0 ? _countryIso2[_country[place]] : "";

    /// <summary>The first-level region the place lies in (itself for a region), or -1.</summary>
    public int Admin1Of(int place) => _admin1[place];

    /// <summary>The place id of a country by ISO 3166-1 alpha-2 or alpha-3 code, or -1.</summary>
    public int CountryPlace(string isoCode) => _countryByIso.TryGetValue(isoCode, out var c) ? _countryPlace[c] : -1;

    /// <summary>Country index by ISO code, or -1.</summary>
    public int CountryIndexOf(string isoCode) => _countryByIso.TryGetValue(isoCode, out var c) ? c : -1;

    /// <summary>The place as the <see cref="IPlaceFinder"/> port's record.</summary>
    public Place ToPlace(int place) => new(_name[place], PointOf(place), CountryCode(place), _population[place], [])
    {
        GeonameId = _geonameId[place],
        Kind = _kind[place],
        FeatureCode = _featureCode[place],
    };

    /// <summary>The country's Natural Earth 1:50m outline (lon/lat, SRID 4326), or null when the index has none.</summary>
    public MultiPolygon? CountryGeometry(string isoCode)
    {
        if (!_countryByIso.TryGetValue(isoCode, out var c) || _countryPolygons[c].Length == 0)
        {
            return null;
        }

        var polygons = _countryPolygons[c].Select(rings =>
        {
            var linear = rings.Select(ring =>
            {
                var coords = new Coordinate[ring.Length / 2];
                for (var k = 0; k < coords.Length; k++)
                {
                    coords[k] = new Coordinate(ring[2 * k], ring[2 * k + 1]);
                }

                coords[^1] = coords[0].Copy();
                return Wgs84.CreateLinearRing(coords);
            }).ToArray();
            return Wgs84.CreatePolygon(linear[0], linear[1..]);
        }).ToArray();
        return Wgs84.CreateMultiPolygon(polygons);
    }

    /// <summary>The ISO codes of the countries a <see cref="PlaceKind.Region"/> is made of ("Sahel": BF, CM, ...);
    /// empty for other places and for regions not defined by whole countries.</summary>
    public IReadOnlyList<string> RegionMembers(int place) => _regionMembers.TryGetValue(place, out var members) ? members : [];

    /// <summary>A region's outline: the union of its member countries' outlines, or null when it has none (a sea,
    /// "West Coast"). Usable as a polygon fence for a regional watchlist.</summary>
    public MultiPolygon? RegionGeometry(int place)
    {
        var parts = RegionMembers(place).Select(CountryGeometry).OfType<MultiPolygon>().SelectMany(m => m.Geometries.Cast<Polygon>()).ToArray();
        return parts.Length == 0 ? null : Wgs84.CreateMultiPolygon(parts);
    }

    /// <summary>The id of a folded word, or -1 when no name in the index contains it.</summary>
    public int WordId(ReadOnlySpan<char> folded) => _words.TryGetValue(folded, out var id) ? id : -1;

    /// <summary>The names whose first word is <paramref name="firstWord"/>, longest first: a range of name ids.</summary>
    public (int Start, int End) NamesStartingWith(int firstWord) => (_byFirstWord[firstWord], _byFirstWord[firstWord + 1]);

    public ReadOnlySpan<int> NameWords(int name) => _nameWords.AsSpan(_nameWordStart[name], _nameWordStart[name + 1] - _nameWordStart[name]);

    /// <summary>The places a name refers to, each as (place id &lt;&lt; 4 | <see cref="NameFlags"/>).</summary>
    public ReadOnlySpan<int> NameLinks(int name) => _links.AsSpan(_linkStart[name], _linkStart[name + 1] - _linkStart[name]);

    /// <summary>All places whose name folds to the same words as <paramref name="name"/> (for tests and tools).</summary>
    public IReadOnlyList<int> Lookup(string name)
    {
        var t = GeoText.Tokenise(name);
        if (t.Tokens.Count == 0)
        {
            return [];
        }

        Span<int> ids = stackalloc int[t.Tokens.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = WordId(t.FoldedOf(i));
            if (ids[i] < 0)
            {
                return [];
            }
        }

        var (start, end) = NamesStartingWith(ids[0]);
        for (var n = start; n < end; n++)
        {
            if (NameWords(n).SequenceEqual(ids))
            {
                var links = NameLinks(n);
                var result = new int[links.Length];
                for (var k = 0; k < links.Length; k++)
                {
                    result[k] = links[k] >> 4;
                }

                return result;
            }
        }

        return [];
    }
}
