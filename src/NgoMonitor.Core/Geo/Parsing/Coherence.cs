namespace NgoMonitor.Core.Geo.Parsing;

/// <summary>How candidate readings of the names of one text support each other (resolution step 3 of
/// <see cref="Geoparser"/>), and the score arithmetic the resolver shares.</summary>
internal static class Coherence
{
    internal const int MaxCandidatesInContext = 8;

    internal const int MaxCandidatesScored = 16;

    internal static int Specificity(PlaceKind kind) => kind switch
    {
        PlaceKind.City => 3,
        PlaceKind.Admin2 => 2,
        PlaceKind.Admin1 => 1,
        PlaceKind.Country => 0,
        _ => -1,
    };

    /// <summary>What <see cref="Compatibility"/> reads of a place, copied once per text out of the gazetteer's arrays.
    /// <paramref name="LocalOnly"/>: a town or county read by a name that also names a country (resolution step 5).</summary>
    internal readonly record struct Candidate(int Place, PlaceKind Kind, int Admin1, double Lat, double Lon, bool LocalOnly);

    /// <summary>
    /// How much two candidate places of the same country support each other: nested regions, same region, same
    /// country, nearness (places in different countries never fit: the caller pairs only places of one country).
    /// <para>
    /// When either is a town or county named like a country (resolution step 5), only what places it locally counts:
    /// its own first-level region named (2.5) and a town or county named within <see cref="LocalEvidenceKm"/>, without
    /// the 0.5 any two places of one country get. The country named and places farther away do not: a text about
    /// Syria's neighbours that names US senators' states and cities is not about Lebanon, Ohio, while "a Palestine
    /// man" beside "the Anderson County sheriff" is the Texas town. Symmetric, as the fit matrix in Resolve needs.
    /// </para>
    /// </summary>
    internal static double Compatibility(in Candidate a, in Candidate b)
    {
        if (a.Place == b.Place)
        {
            return 0;
        }

        var local = a.LocalOnly || b.LocalOnly;
        var sameCountry = local ? 0 : 0.5;
        if (a.Kind == PlaceKind.Country || b.Kind == PlaceKind.Country)
        {
            return local ? 0 : 1.0;
        }

        var sameAdmin1 = a.Admin1 == b.Admin1 && a.Admin1 >= 0;
        if (a.Kind == PlaceKind.Admin1 || b.Kind == PlaceKind.Admin1)
        {
            return sameAdmin1 ? 2.5 : sameCountry;
        }

        if (SurelyBeyondCloseness(a, b))
        {
            // What the line below gives for any distance of 1,000 km or more, without the cosine.
            return local ? 0 : sameCountry + (sameAdmin1 ? 1.0 : 0);
        }

        var d = FastDistanceKm(a.Lat, a.Lon, b.Lat, b.Lon);
        return local && d > LocalEvidenceKm ? 0 : sameCountry + (sameAdmin1 ? 1.0 : 0) + 2.0 * Closeness(d);
    }

    /// <summary>
    /// True when <see cref="FastDistanceKm"/> is surely 1,000 km or more, where <see cref="Closeness"/> is 0: half the
    /// pairs of a text's readings in one large country are that far apart, and the bound is cheaper than the cosine.
    /// It bounds each leg of the distance from below: the latitude gap, and the longitude gap times a lower bound of the
    /// cosine of the mean latitude (cos x ≥ 1 − x²/2, and the mean is no farther from the equator than the farther of
    /// the two). 9.01° × 111.195 km is 1,001.9 km, far more room than rounding needs.
    /// </summary>
    private static bool SurelyBeyondCloseness(in Candidate a, in Candidate b)
    {
        const double minDegrees = 9.01;
        if (Math.Abs(a.Lat - b.Lat) >= minDegrees)
        {
            return true;
        }

        var dLon = Math.Abs(a.Lon - b.Lon);
        if (dLon > 180)
        {
            dLon = 360 - dLon;
        }

        var farther = Math.Max(Math.Abs(a.Lat), Math.Abs(b.Lat)) * (Math.PI / 180);
        return dLon * (1 - farther * farther / 2) >= minDegrees;
    }

    /// <summary>How far a named town or county still places a town named like a country (resolution step 5): about
    /// the reach of a local paper or a county's neighbours.</summary>
    internal const double LocalEvidenceKm = 100;

    /// <summary>1 at 0 km, falling with the log of the distance to 0 at 1,000 km.</summary>
    internal static double Closeness(double km) => km >= 1000 ? 0 : Math.Max(0, 1 - Math.Log10(1 + km) / 3);

    /// <summary>Equirectangular approximation: within 1% of the haversine below 1,000 km, which is all closeness needs.</summary>
    internal static double FastDistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double kmPerDegree = 111.195;
        var dLon = Math.Abs(lon1 - lon2);
        if (dLon > 180)
        {
            dLon = 360 - dLon;
        }

        var x = dLon * Math.Cos((lat1 + lat2) * (Math.PI / 360));
        var y = lat1 - lat2;
        return kmPerDegree * Math.Sqrt(x * x + y * y);
    }

    internal static int[] TopCandidates(double[] scores, int max)
    {
        var order = new int[scores.Length];
        for (var k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        if (scores.Length <= max)
        {
            return order;
        }

        // Highest scores first, ties in list order (what a stable sort gives): an insertion into the first max
        // slots, as names have few more readings than max and a sort with a comparison delegate costs more.
        var count = 0;
        for (var k = 0; k < scores.Length; k++)
        {
            if (count == max && !Before(scores, k, order[max - 1]))
            {
                continue;
            }

            var at = count < max ? count++ : max - 1;
            while (at > 0 && Before(scores, k, order[at - 1]))
            {
                order[at] = order[at - 1];
                at--;
            }

            order[at] = k;
        }

        return order[..max];
    }

    private static bool Before(double[] scores, int x, int y) => scores[x] != scores[y] ? scores[x].CompareTo(scores[y]) > 0 : x < y;

    /// <summary>exp(score − best score) over the subset: 1 for the current favourite, near 0 for unlikely readings.</summary>
    internal static void RelativeLikelihood(double[] scores, int[] subset, Span<double> result)
    {
        var max = double.MinValue;
        foreach (var k in subset)
        {
            max = Math.Max(max, scores[k]);
        }

        for (var t = 0; t < subset.Length; t++)
        {
            result[t] = Math.Exp(scores[subset[t]] - max);
        }
    }

    /// <summary>How well a reading fits another name's reading <see cref="Slot"/> (name × MaxCandidatesInContext +
    /// its rank among that name's readings); only fits above 0 are kept.</summary>
    internal readonly record struct Fit(int Slot, float Value);

    internal static int ArgMax(double[] scores)
    {
        var best = -1;
        for (var k = 0; k < scores.Length; k++)
        {
            if (best < 0 || scores[k] > scores[best])
            {
                best = k;
            }
        }

        return best;
    }

    internal static double Softmax(double[] scores, int index)
    {
        var max = scores[index];
        double sum = 0;
        foreach (var s in scores)
        {
            sum += Math.Exp(s - max);
        }

        return 1 / sum;
    }
}
