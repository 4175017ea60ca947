using System.Globalization;
using System.Text.Json;

namespace NgoMonitor.Core.Geo.Evaluation;

/// <summary>
/// How far the placement an alert would state lies from where an incident really happened, per placement method and
/// confidence band, on incident descriptions with a coded point (Insecurity Insight "Attacks on Health Care": "notes",
/// "lat"/"lon", "geo_precision"). Answers two questions: is a High-band town (the only placement allowed to say
/// "&lt;1 km" and to raise severity for closeness) where the incident was; and, where the text names several places,
/// does <see cref="PlacementChooser"/> pick the right one more often than the most confident mention. Scored only
/// against points coded to 25 km or better ("(1)"/"(2)"), since a district- or country-coded point says nothing about
/// a town's distance.
/// </summary>
public static class PlacementEvaluation
{
    public static void Run(string eventsPath, IPlaceFinder places, TextWriter output)
    {
        var byPlacement = new Dictionary<(PlacementMethod, PlacementBand), List<double>>();
        var overclaimed = new Dictionary<string, (int HighTown, int All)>(StringComparer.Ordinal);
        int multi = 0, chooserRight = 0, confidentRight = 0, scored = 0, unplaced = 0;
        foreach (var line in File.ReadLines(eventsPath).Where(l => l.Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.GetProperty("lat").ValueKind != JsonValueKind.Number || root.GetProperty("notes").GetString() is not { } notes)
            {
                continue;
            }

            var precision = root.TryGetProperty("geo_precision", out var p) ? p.GetString() ?? "" : "";
            var mentions = places.FindPlaces(notes);
            var ranked = PlacementChooser.Rank(notes, 0, mentions);
            var chosen = ranked.Count > 0 ? ranked[0] : null;
            var (highTown, all) = overclaimed.GetValueOrDefault(precision);
            overclaimed[precision] = (highTown + (chosen?.Placement.SupportsCloseRange == true ? 1 : 0), all + 1);
            if (!precision.StartsWith("(1)", StringComparison.Ordinal) && !precision.StartsWith("(2)", StringComparison.Ordinal))
            {
                continue;
            }

            scored++;
            if (chosen is null)
            {
                unplaced++;
                continue;
            }

            var truth = new GeoPoint(root.GetProperty("lat").GetDouble(), root.GetProperty("lon").GetDouble());
            var key = (chosen.Placement.Method, chosen.Placement.Band);
            if (!byPlacement.TryGetValue(key, out var distances))
            {
                byPlacement[key] = distances = [];
            }

            distances.Add(chosen.Place.Point.DistanceKmTo(truth));
            if (ranked.Count > 1)
            {
                multi++;
                chooserRight += chosen.Place.Point.DistanceKmTo(truth) <= 25 ? 1 : 0;
                confidentRight += mentions.MaxBy(m => m.Confidence)!.Place.Point.DistanceKmTo(truth) <= 25 ? 1 : 0;
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"incidents coded to 25 km or better: {scored}, no place found: {unplaced}"));
        output.WriteLine("method      band    n     within 5 km  within 25 km  median km");
        foreach (var ((method, band), distances) in byPlacement.OrderBy(x => x.Key.Item1).ThenByDescending(x => x.Key.Item2))
        {
            var sorted = distances.Order().ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{method,-11} {band,-6} {sorted.Count,5}  {sorted.Count(d => d <= 5) / (double)sorted.Count,10:P1}  {sorted.Count(d => d <= 25) / (double)sorted.Count,11:P1}  {sorted[sorted.Count / 2],9:0.0}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"naming two or more places: {multi}; chosen place within 25 km: chooser {chooserRight / (double)Math.Max(1, multi):P1}, most confident mention {confidentRight / (double)Math.Max(1, multi):P1}"));
        output.WriteLine("placed as a High-band town (may say <1 km, may raise severity), by the data's own geo_precision:");
        foreach (var (precision, (highTown, all)) in overclaimed.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {precision,-45} {highTown,5} of {all,5} ({highTown / (double)Math.Max(1, all):P1})"));
        }
    }
}
