using static NgoMonitor.Core.Geo.Parsing.Coherence;

namespace NgoMonitor.Core.Geo.Parsing;

/// <summary>The feed's home area (<see cref="GeoContext.Home"/>) in resolution step 4.</summary>
internal sealed partial class ToponymResolver
{
    /// <summary>
    /// What a town or county in the feed's home area gains: as much as a word saying what the name is ("Amara
    /// city"), enough to outweigh a world city's prior ("Dublin" in a Dublin, Ohio paper), less than a comma
    /// qualifier (+8), so "Dublin, Ireland" in the same paper is still Ireland's.
    /// </summary>
    internal const double HomeBonus = 6;

    /// <summary><see cref="HomeBonus"/> within the area's radius, falling linearly to 0 at twice the radius.</summary>
    private double HomeAreaBonus(FeedHomeArea home, int place)
    {
        var d = FastDistanceKm(_gazetteer.Lat(place), _gazetteer.Lon(place), home.Centre.Lat, home.Centre.Lon);
        var r = home.RadiusKm;
        return d <= r ? HomeBonus : d >= 2 * r ? 0 : HomeBonus * (2 - d / r);
    }
}
