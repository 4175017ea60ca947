using System.Globalization;
using System.Text;
using NgoMonitor.Core.Geo;

namespace NgoMonitor.Adapters.Storage;

/// <summary>
/// A feed's recent places (<see cref="Core.Feeds.FeedState.RecentPlaces"/>) as one Table string property: items
/// separated by ';', an item's points by ' ', a point as "lat,lon" to two decimals (about a kilometre, far finer than
/// the learner's 30-120 km). Fifty items of at most ten points stay under 8,000 characters, within a property's
/// 32,768. Text that does not read whole reads as no tally: it is only a cache of what the feed's next items teach again.
/// </summary>
public static class RecentPlacesText
{
    public static string? Write(IReadOnlyList<IReadOnlyList<GeoPoint>> items)
    {
        if (items.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                text.Append(';');
            }

            for (var j = 0; j < items[i].Count; j++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{(j > 0 ? " " : "")}{items[i][j].Lat:0.##},{items[i][j].Lon:0.##}");
            }
        }

        return text.ToString();
    }

    public static IReadOnlyList<IReadOnlyList<GeoPoint>>? Read(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var items = new List<IReadOnlyList<GeoPoint>>();
        foreach (var item in text.Split(';'))
        {
            var points = new List<GeoPoint>();
            foreach (var pair in item.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var comma = pair.IndexOf(',', StringComparison.Ordinal);
                if (comma < 0
                    || !double.TryParse(pair.AsSpan(0, comma), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                    || !double.TryParse(pair.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                    || !new GeoPoint(lat, lon).IsValid)
                {
                    return null;
                }

                points.Add(new GeoPoint(lat, lon));
            }

            items.Add(points);
        }

        return items;
    }
}
