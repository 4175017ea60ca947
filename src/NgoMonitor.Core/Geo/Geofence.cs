namespace NgoMonitor.Core.Geo;

/// <summary>
/// A protected area of a watchlist, as configured: a circle around an office, hospital or other site (centre + radius
/// in km). <see cref="NgoMonitor.Core.Matching.WatchlistMatcher"/> tests points against it through
/// <see cref="Fences.FenceIndex"/>, which also knows polygons, countries and corridors.
/// </summary>
public sealed record Geofence(string Name, GeoPoint Centre, double RadiusKm);
