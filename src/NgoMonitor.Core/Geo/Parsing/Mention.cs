namespace NgoMonitor.Core.Geo.Parsing;

/// <summary>A name recognised in a text: its span, candidate places (gazetteer links) and the resolution chosen.</summary>
internal sealed class Mention(int start, int length, int firstToken, int endToken, double recognition)
{
    public int Start { get; } = start;

    public int Length { get; } = length;

    public int FirstToken { get; } = firstToken;

    public int EndToken { get; } = endToken;

    public double Recognition { get; } = recognition;

    public required int[] Links { get; set; }

    public double[] Scores { get; set; } = [];

    public int Best { get; set; } = -1;

    public double Resolution { get; set; }

    public Mention? Qualifier { get; set; }

    public bool IsDemonym { get; init; }

    /// <summary>"Isfahan province" or "Amara city": the kind of place a word next to the name says it is.</summary>
    public AreaHint AreaHint { get; init; }

    /// <summary>A dateline ("WASHINGTON (Reuters) –", "GOMA, DR Congo —"): where the story was filed, a city.</summary>
    public bool IsDateline { get; init; }

    /// <summary>The name opens an organisation's or facility's name ("Bhamo General Hospital", "Obo Prison").</summary>
    public bool OpensOrganisationName { get; init; }

    /// <summary>A capital standing for its government ("Washington said", "Moscow denied").</summary>
    public bool IsGovernment { get; init; }

    /// <summary>Per reading, true for a town or county named like a world city or a country (resolution step 5);
    /// empty when the name is neither.</summary>
    public bool[] LocalOnly { get; set; } = [];

    /// <summary>Mentions with the same candidate list are the same name (the index stores one list per name).</summary>
    public int NameKey => Links.Length == 0 ? -1 : HashCode.Combine(Links.Length, Links[0], Links[^1]);

    /// <summary>A demonym when every reading was one, or when the chosen reading is ("Canadian" is also a Texas
    /// town, but read as Canada it is the demonym).</summary>
    public Toponym ToToponym(string text) =>
        new(Start, Length, text.Substring(Start, Length), Best < 0 ? -1 : Links[Best] >> 4, Recognition * Resolution)
        {
            IsDemonym = ReadsAsDemonym,
            IsLocalNamesake = Best >= 0 && LocalOnly.Length == Links.Length && LocalOnly[Best],
            Namesakes = Best >= 0 && LocalOnly.Length == Links.Length && !LocalOnly[Best] ? NamesakePlaces() : [],
        };

    /// <summary>The places of the local-only readings, without repeats (a place may be linked by several spellings).</summary>
    private List<int> NamesakePlaces()
    {
        var places = new List<int>();
        for (var k = 0; k < Links.Length; k++)
        {
            if (LocalOnly[k] && !places.Contains(Links[k] >> 4))
            {
                places.Add(Links[k] >> 4);
            }
        }

        return places;
    }

    /// <summary>Whether the name is a demonym as read (see <see cref="ToToponym"/>).</summary>
    public bool ReadsAsDemonym => IsDemonym || (Best >= 0 && ((NameFlags)(Links[Best] & 15) & NameFlags.Demonym) != 0);
}
