using static NgoMonitor.Core.Geo.Parsing.GeoWords;

namespace NgoMonitor.Core.Geo.Parsing;

/// <summary>The recogniser's test for a name given to a facility: "a medical centre called Amani", "a clinic named
/// Hope", "un centre de santé dénommé Espoir", "مستشفى يدعى الأمل". The name after the naming word is the facility's
/// own, however many towns share it; "a village called Kiwanja" stays the village, villages not being facilities.</summary>
internal static partial class RecognitionRules
{
    // How many words may stand between the facility word and the naming word ("a medical centre in the area called").
    private const int FacilityWordReach = 4;

    /// <summary>True when a naming word ("called", "known as", "dénommé", "du nom de", "يدعى") stands right before
    /// token <paramref name="i"/> and a facility or organisation word a few words before that.</summary>
    internal static bool IsNameGivenToFacility(GeoTokens tokens, int i)
    {
        var k = i - 1;
        if (k < 0)
        {
            return false;
        }

        int naming;
        if (NamingWordLookup.Contains(tokens.FoldedOf(k)))
        {
            naming = k;
        }
        else if (k >= 1 && tokens.FoldedOf(k) is "as" && tokens.FoldedOf(k - 1) is "known")
        {
            naming = k - 1;
        }
        else if (k >= 2 && tokens.FoldedOf(k) is "de" && tokens.FoldedOf(k - 1) is "nom" && tokens.FoldedOf(k - 2) is "du")
        {
            naming = k - 2;
        }
        else
        {
            return false;
        }

        for (var j = naming - 1; j >= Math.Max(0, naming - FacilityWordReach); j--)
        {
            if (NamedFacilityWordLookup.Contains(tokens.FoldedOf(j)))
            {
                return true;
            }
        }

        return false;
    }
}
