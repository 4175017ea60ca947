using NgoMonitor.Core.Geo;

namespace NgoMonitor.Host.Admin;

/// <summary>
/// The map's gazetteer routes (reads, for admins and viewers): <c>GET /api/places?q=goma</c> searches Monitor's own
/// gazetteer (towns, districts, regions, countries, camps, crossings; <see cref="PlaceSearch"/>), so a fence is drawn
/// where the geoparser will place items; <c>GET /api/places/labels?west=…&amp;south=…&amp;east=…&amp;north=…</c>
/// gives the places to label in the map's view.
/// </summary>
public static class PlacesApi
{
    public const int MaxQueryLength = 100;
    public const int MaxResults = 50;
    public const int MaxLabels = 300;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/places", Search);
        api.MapGet("/places/labels", Labels);
    }

    private static IResult Search(IPlaceSearch places, string? q, string? country, int? top)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > MaxQueryLength || q.Any(char.IsControl))
        {
            return AdminRequests.Invalid("q", $"is required: 1-{MaxQueryLength} characters of a place name");
        }

        if (country is not null && (country.Length != 2 || !country.All(char.IsAsciiLetter)))
        {
            return AdminRequests.Invalid("country", "must be an ISO 3166-1 alpha-2 code such as CD");
        }

        if (top is < 1 or > MaxResults)
        {
            return AdminRequests.Invalid("top", $"must be 1-{MaxResults}");
        }

        return TypedResults.Ok(places.Search(q.Trim(), country, top ?? 10));
    }

    private static IResult Labels(IPlaceSearch places, double? west, double? south, double? east, double? north, int? top)
    {
        var errors = new Dictionary<string, string[]>();
        Check(errors, "west", west, -540, 540);
        Check(errors, "east", east, -540, 540);
        Check(errors, "south", south, -90, 90);
        Check(errors, "north", north, -90, 90);
        if (top is < 1 or > MaxLabels)
        {
            errors["top"] = [$"must be 1-{MaxLabels}"];
        }

        if (errors.Count == 0 && south > north)
        {
            errors["south"] = ["must not be north of north"];
        }

        if (errors.Count > 0)
        {
            return AdminRequests.Invalid(errors);
        }

        // A view wider than the world labels the whole world; longitudes beyond ±180 (a panned world copy) wrap.
        var (w, e) = east - west >= 360 ? (-180, 180) : (Wrap(west!.Value), Wrap(east!.Value));
        return TypedResults.Ok(places.InView(w, south!.Value, e, north!.Value, top ?? 60));
    }

    private static void Check(Dictionary<string, string[]> errors, string name, double? value, double min, double max)
    {
        if (value is not { } v || !double.IsFinite(v) || v < min || v > max)
        {
            errors[name] = [$"is required: a number from {min} to {max}"];
        }
    }

    private static double Wrap(double lon) => ((lon + 180) % 360 + 360) % 360 - 180;
}
