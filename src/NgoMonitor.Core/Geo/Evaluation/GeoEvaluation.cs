using System.Globalization;
using System.Text.Json;
using NgoMonitor.Core.Hashing;

namespace NgoMonitor.Core.Geo.Evaluation;

/// <summary>Resolution metrics over a set of toponyms (Gritta et al. 2018, "What's missing in geographical parsing?").</summary>
/// <param name="Count">Toponyms scored.</param>
/// <param name="Unresolved">Toponyms with no candidate (scored at the maximum error, 20,039 km).</param>
/// <param name="Within161Km">Share of toponyms resolved within 161 km (100 miles) of the gold point.</param>
/// <param name="AucLogError">Area under the curve of sorted ln(1 + error km), scaled by ln(20,039): 0 best, 1 worst.</param>
/// <param name="MeanKm">Mean error in km.</param>
/// <param name="MedianKm">Median error in km.</param>
public sealed record ResolutionMetrics(int Count, int Unresolved, double Within161Km, double AucLogError, double MeanKm, double MedianKm)
{
    /// <summary>Half the Earth's circumference: the largest possible great-circle error.</summary>
    public const double MaxErrorKm = 20039;

    public static ResolutionMetrics From(IReadOnlyList<double> errorsKm, int unresolved)
    {
        if (errorsKm.Count == 0)
        {
            return new ResolutionMetrics(0, unresolved, 0, 0, 0, 0);
        }

        var sorted = errorsKm.Order().ToArray();
        var logs = sorted.Select(e => Math.Log(1 + e)).ToArray();
        double area = 0;
        for (var i = 1; i < logs.Length; i++)
        {
            area += (logs[i - 1] + logs[i]) / 2;
        }

        var auc = logs.Length == 1 ? logs[0] / Math.Log(MaxErrorKm) : area / ((logs.Length - 1) * Math.Log(MaxErrorKm));
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return new ResolutionMetrics(sorted.Length, unresolved, sorted.Count(e => e <= 161) / (double)sorted.Length, auc, sorted.Average(), median);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n={Count} within161km={Within161Km:P1} AUC={AucLogError:0.000} mean={MeanKm:0}km median={MedianKm:0.0}km unresolved={Unresolved}");
}

/// <summary>Recognition metrics: exact span match of predicted and gold toponyms.</summary>
public sealed record RecognitionMetrics(int Predicted, int Gold, int Matched)
{
    public double Precision => Predicted == 0 ? 0 : Matched / (double)Predicted;

    public double Recall => Gold == 0 ? 0 : Matched / (double)Gold;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"P={Precision:0.000} R={Recall:0.000} F1={F1:0.000} (predicted {Predicted}, gold {Gold}, matched {Matched})");
}

/// <summary>Bodies of the `eval-geo` and `eval-geo-events` verbs. They may read ../shared corpora; tests never do.</summary>
public static class GeoEvaluation
{
    /// <summary>
    /// Scores the geoparser on an LGL-format file (lines with "text" and gold "toponyms" whose start/end are
    /// code-point offsets and lat/lon the gold point): resolution given gold spans on the whole file and on its last
    /// 30% (Mordecai 3's test split), and end-to-end recognition P/R/F1 with resolution of the matched spans.
    /// </summary>
    /// <param name="half">"A" or "B" keeps only the documents of that half (<see cref="HalfOf"/>); null keeps all.</param>
    /// <param name="areasByIdentity">Score a country, continent or region by identity: right when the gold point lies
    /// inside the resolved area's outline (GeoVirus's gold points for areas are Wikipedia's, not GeoNames').</param>
    /// <param name="feedAreas">Give each article its feed's home area learned from the other articles of its url's
    /// host (<see cref="FeedAreaEvaluation"/>).</param>
    public static LglReport RunLgl(string lglPath, Geoparser parser, TextWriter output, TextWriter? errors = null, string? half = null, bool areasByIdentity = false, bool feedAreas = true)
    {
        var lines = File.ReadLines(lglPath).Where(l => l.Length > 0).ToList();
        var docs = lines.Where(l => half is null || HalfOf(l) == half).ToList();
        var contexts = feedAreas ? FeedAreaEvaluation.LeaveOneOut(lines, parser) : [];
        var areas = new AreaScorer(parser.Gazetteer, areasByIdentity);
        var testFrom = (int)Math.Floor(docs.Count * 0.7);
        var goldErrors = new List<double>();
        var testErrors = new List<double>();
        var e2eErrors = new List<double>();
        int unresolved = 0, testUnresolved = 0, predicted = 0, gold = 0, matched = 0, predictedWithDemonyms = 0, matchedWithDemonyms = 0;
        for (var d = 0; d < docs.Count; d++)
        {
            using var json = JsonDocument.Parse(docs[d]);
            var text = json.RootElement.GetProperty("text").GetString()!;
            var context = json.RootElement.TryGetProperty("id", out var id) ? contexts.GetValueOrDefault(id.ToString()) ?? GeoContext.None : GeoContext.None;
            var golds = json.RootElement.GetProperty("toponyms").EnumerateArray().Select(t => (
                Start: GeoText.Utf16Index(text, t.GetProperty("start").GetInt32()),
                End: GeoText.Utf16Index(text, t.GetProperty("end").GetInt32()),
                Point: new GeoPoint(t.GetProperty("lat").GetDouble(), t.GetProperty("lon").GetDouble()),
                Name: t.GetProperty("name").GetString()!)).ToList();

            var resolved = parser.ResolveSpans(text, golds.Select(g => (g.Start, g.End)).ToList(), context);
            for (var i = 0; i < golds.Count; i++)
            {
                var isTest = d >= testFrom;
                if (resolved[i].PlaceId < 0)
                {
                    unresolved++;
                    testUnresolved += isTest ? 1 : 0;
                    goldErrors.Add(ResolutionMetrics.MaxErrorKm);
                    if (isTest)
                    {
                        testErrors.Add(ResolutionMetrics.MaxErrorKm);
                    }

                    errors?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"UNRESOLVED\t{golds[i].Name}\t{golds[i].Point}"));
                    continue;
                }

                var place = parser.Gazetteer.PointOf(resolved[i].PlaceId);
                var error = areas.ErrorKm(resolved[i].PlaceId, golds[i].Point);
                goldErrors.Add(error);
                if (isTest)
                {
                    testErrors.Add(error);
                }

                if (error > 161)
                {
                    errors?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"WRONG\t{golds[i].Name}\t{error:0}km\tgot {parser.Gazetteer.NameOf(resolved[i].PlaceId)} {parser.Gazetteer.Kind(resolved[i].PlaceId)} {parser.Gazetteer.CountryCode(resolved[i].PlaceId)} {place}\tgold {golds[i].Point}"));
                }
            }

            var withDemonyms = parser.FindPlaces(text, context);
            var found = GeoparseCommand.Toponyms(withDemonyms).ToList();
            predicted += found.Count;
            gold += golds.Count;
            var goldBySpan = golds.GroupBy(g => (g.Start, g.End)).ToDictionary(g => g.Key, g => g.First());
            predictedWithDemonyms += withDemonyms.Count;
            matchedWithDemonyms += withDemonyms.Count(m => goldBySpan.ContainsKey((m.Start, m.Start + m.Length)));
            foreach (var m in found)
            {
                if (goldBySpan.TryGetValue((m.Start, m.Start + m.Length), out var g))
                {
                    matched++;
                    e2eErrors.Add(areas.ErrorKm(m.Place, g.Point));
                }
                else
                {
                    errors?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SPURIOUS\t{m.Surface}\t{m.Place.Name} {m.Place.Kind} {m.Place.CountryCode}\t{Around(text, m.Start, m.Length)}"));
                }
            }

            if (errors is not null)
            {
                var foundSpans = found.Select(m => (m.Start, m.Start + m.Length)).ToHashSet();
                foreach (var g in golds.Where(g => !foundSpans.Contains((g.Start, g.End))))
                {
                    errors.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MISSED\t{g.Name}\t{g.Point}\t{Around(text, g.Start, g.End - g.Start)}"));
                }
            }
        }

        var report = new LglReport(
            ResolutionMetrics.From(goldErrors, unresolved),
            ResolutionMetrics.From(testErrors, testUnresolved),
            new RecognitionMetrics(predicted, gold, matched),
            ResolutionMetrics.From(e2eErrors, 0))
        {
            RecognitionWithDemonyms = new RecognitionMetrics(predictedWithDemonyms, gold, matchedWithDemonyms),
        };
        output.WriteLine(lglPath + (half is null ? "" : ", half " + half) + ": " + docs.Count + " articles" + (areasByIdentity ? " (areas scored by identity)" : "")
            + (feedAreas ? ", " + docs.Count(d => contexts.GetValueOrDefault(IdOf(d))?.Home is not null) + " with a feed home area learned from the feed's other articles" : ", no feed home areas"));
        output.WriteLine("given gold spans, all:            " + report.GoldSpans);
        output.WriteLine("given gold spans, last 30% (test): " + report.GoldSpansTestSplit);
        output.WriteLine("end to end recognition:          " + report.Recognition);
        output.WriteLine("  counting demonyms as toponyms: " + report.RecognitionWithDemonyms);
        output.WriteLine("end to end, matched spans:       " + report.EndToEnd);
        return report;
    }

    /// <summary>
    /// Geofence matching on real text: for each incident, the place Monitor resolves from "notes" (the most specific
    /// mention: a named place over a demonym, a reference point or a transfer's destination, city over district over
    /// region over country, then the most confident, then the first) against the
    /// incident's true point. Run twice: without context, and with the incident's country as the feed's declared
    /// country (what a country-specific feed gives).
    /// </summary>
    public static EventsReport RunEvents(string eventsPath, Geoparser parser, TextWriter output, string? half = null, TextWriter? errors = null)
    {
        var rows = File.ReadLines(eventsPath).Where(l => l.Length > 0).Where(l => half is null || HalfOf(l) == half).ToList();
        output.WriteLine(eventsPath + (half is null ? "" : ", half " + half) + ": " + rows.Count + " incidents");
        var results = new List<EventsLine>();
        foreach (var withCountry in new[] { false, true })
        {
            int total = 0, found = 0, within25 = 0, within50 = 0, countryRight = 0, specific = 0, specific25 = 0, specific50 = 0;
            var distances = new List<double>();
            foreach (var line in rows)
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                if (root.GetProperty("lat").ValueKind != JsonValueKind.Number || root.GetProperty("notes").GetString() is not { } notes)
                {
                    continue;
                }

                total++;
                var truth = new GeoPoint(root.GetProperty("lat").GetDouble(), root.GetProperty("lon").GetDouble());
                var iso3 = root.TryGetProperty("country_iso3", out var c) ? c.GetString() : null;
                var mentions = parser.FindPlaces(notes, withCountry ? new GeoContext(iso3) : GeoContext.None);
                var best = mentions
                    .OrderBy(m => m.IsDemonym || m.IsReferencePoint || m.IsDestination)
                    .ThenByDescending(m => Specificity(m.Place.Kind))
                    .ThenByDescending(m => m.Confidence)
                    .ThenBy(m => m.Start)
                    .FirstOrDefault();
                if (best is null)
                {
                    continue;
                }

                found++;
                var distance = best.Place.Point.DistanceKmTo(truth);
                distances.Add(distance);
                within25 += distance <= 25 ? 1 : 0;
                within50 += distance <= 50 ? 1 : 0;
                if (!best.IsDemonym && best.Place.Kind is PlaceKind.City or PlaceKind.Admin2)
                {
                    specific++;
                    specific25 += distance <= 25 ? 1 : 0;
                    if (distance > 25 && !withCountry)
                    {
                        errors?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FAR\t{best.Surface}\t{best.Place.Name} {best.Place.CountryCode} {best.Place.FeatureCode}\t{distance:0}km\t{truth}\t{notes.ReplaceLineEndings(" ")}"));
                    }
                    specific50 += distance <= 50 ? 1 : 0;
                }

                countryRight += iso3 is not null && parser.Gazetteer.CountryIndexOf(iso3) == parser.Gazetteer.CountryIndexOf(best.Place.CountryCode) ? 1 : 0;
            }

            var result = new EventsLine(withCountry, total, found, within25, within50, countryRight, distances.Count == 0 ? 0 : distances.Order().ElementAt(distances.Count / 2))
            {
                TownOrDistrict = specific,
                TownOrDistrictWithin25Km = specific25,
                TownOrDistrictWithin50Km = specific50,
            };
            results.Add(result);
            output.WriteLine(result);
        }

        return new EventsReport(results[0], results[1]);
    }

    /// <summary>The text around a span, on one line, for error listings.</summary>
    private static string Around(string text, int start, int length)
    {
        var from = Math.Max(0, start - 40);
        var to = Math.Min(text.Length, start + length + 40);
        return (text[from..start] + "[" + text.Substring(start, length) + "]" + text[(start + length)..to]).ReplaceLineEndings(" ");
    }

    private static int Specificity(PlaceKind kind) => kind switch
    {
        PlaceKind.City => 3,
        PlaceKind.Admin2 => 2,
        PlaceKind.Admin1 => 1,
        PlaceKind.Country => 0,
        _ => -1,
    };

    private static string IdOf(string jsonLine)
    {
        using var json = JsonDocument.Parse(jsonLine);
        return json.RootElement.TryGetProperty("id", out var p) ? p.ToString() : jsonLine;
    }

    /// <summary>The fixed half ("A" dev, "B" check) of a corpus line, by FNV-1a of its "id": the same on every run
    /// and machine, independent of the file's order.</summary>
    public static string HalfOf(string jsonLine) => Fnv1a.Hash32(IdOf(jsonLine)) % 2 == 0 ? "A" : "B";
}

/// <param name="Recognition">Toponyms as the geoparse verb prints them: demonyms left out.</param>
public sealed record LglReport(ResolutionMetrics GoldSpans, ResolutionMetrics GoldSpansTestSplit, RecognitionMetrics Recognition, ResolutionMetrics EndToEnd)
{
    /// <summary>Recognition with demonyms ("American", "Russian") counted as toponyms, as LGL's gold marks most of them.</summary>
    public RecognitionMetrics RecognitionWithDemonyms { get; init; } = new(0, 0, 0);
}

public sealed record EventsLine(bool WithDeclaredCountry, int Incidents, int WithPlace, int Within25Km, int Within50Km, int RightCountry, double MedianKm)
{
    /// <summary>Incidents whose resolved place is a town or district (not a country, region or demonym).</summary>
    public int TownOrDistrict { get; init; }

    public int TownOrDistrictWithin25Km { get; init; }

    public int TownOrDistrictWithin50Km { get; init; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(WithDeclaredCountry ? "with declared country" : "no context           ")}: incidents={Incidents} with a place={WithPlace} ({WithPlace / (double)Incidents:P1}) " +
        $"within 25 km={Within25Km / (double)Incidents:P1} within 50 km={Within50Km / (double)Incidents:P1} " +
        $"(of those with a place: {Within25Km / (double)Math.Max(1, WithPlace):P1} / {Within50Km / (double)Math.Max(1, WithPlace):P1}) right country={RightCountry / (double)Math.Max(1, WithPlace):P1} median={MedianKm:0}km; " +
        $"town or district named: {TownOrDistrict} ({TownOrDistrict / (double)Incidents:P1}), of which within 25 km {TownOrDistrictWithin25Km / (double)Math.Max(1, TownOrDistrict):P1}, within 50 km {TownOrDistrictWithin50Km / (double)Math.Max(1, TownOrDistrict):P1}");
}

public sealed record EventsReport(EventsLine NoContext, EventsLine WithCountry);
