using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace NgoMonitor.Core.Geo.Evaluation;

/// <summary>
/// Error of a resolution against a gold point. By default the great-circle distance between the points. With
/// areas scored by identity, a country, continent or macro-region is right (0 km) when the gold point lies inside its
/// outline (a region's is the union of its member countries'), else the distance: a corpus whose gold points for
/// areas are another source's reference point (GeoVirus uses Wikipedia's: the United States at 40, −100) is then
/// scored on which area was read, not on whose reference point is used.
/// </summary>
internal sealed class AreaScorer(Gazetteer gazetteer, bool byIdentity)
{
    private readonly Dictionary<int, IPreparedGeometry?> _outlines = [];

    public double ErrorKm(int place, GeoPoint gold)
    {
        var distance = gazetteer.PointOf(place).DistanceKmTo(gold);
        if (!byIdentity || distance <= 161 || gazetteer.Kind(place) is not (PlaceKind.Country or PlaceKind.Region))
        {
            return distance;
        }

        if (!_outlines.TryGetValue(place, out var outline))
        {
            Geometry? geometry = gazetteer.Kind(place) == PlaceKind.Country ? gazetteer.CountryGeometry(gazetteer.CountryCode(place)) : gazetteer.RegionGeometry(place);
            _outlines[place] = outline = geometry is null ? null : PreparedGeometryFactory.Prepare(geometry);
        }

        return outline is not null && outline.Covers(new Point(gold.Lon, gold.Lat)) ? 0 : distance;
    }

    public double ErrorKm(Place place, GeoPoint gold)
    {
        if (!byIdentity || place.Kind is not (PlaceKind.Country or PlaceKind.Region))
        {
            return place.Point.DistanceKmTo(gold);
        }

        var id = place.Kind == PlaceKind.Country ? gazetteer.CountryPlace(place.CountryCode) : RegionId(place);
        return id < 0 ? place.Point.DistanceKmTo(gold) : ErrorKm(id, gold);
    }

    private int RegionId(Place place)
    {
        foreach (var id in gazetteer.Lookup(place.Name))
        {
            if (gazetteer.Kind(id) == PlaceKind.Region && gazetteer.NameOf(id) == place.Name)
            {
                return id;
            }
        }

        return -1;
    }
}
