using System.Reflection;

namespace NgoMonitor.Core.Geo.Parsing;

/// <summary>
/// The word lists the recogniser's rules read, kept as data beside the code (Geo/Parsing/Words/*.txt, embedded in the
/// assembly like the rule packs): one entry per line, '#' starts a comment line. Entries are folded as the gazetteer
/// folds names (<see cref="GeoText.FoldName"/>) except the multi-word stop phrases, which are written folded.
/// </summary>
internal static class GeoWords
{
    /// <summary>English and French words, titles and newsroom terms that are also GeoNames place names.</summary>
    public static readonly HashSet<string> StopWords = Load("stop-words");

    /// <summary>Arabic function words that fold to Arabic spellings of foreign towns; never names.</summary>
    public static readonly HashSet<string> ArabicFunctionWords = Load("arabic-function-words", fold: true);

    /// <summary>Organisations and buildings whose names are also places ("red cross"): their words name nothing.</summary>
    public static readonly HashSet<string> StopPhrases = Load("stop-phrases");

    /// <summary>Words after a town's name that make an organisation's name yet still name the town ("Gainesville Police").</summary>
    public static readonly HashSet<string> OrganisationWords = Load("organisation-words");

    /// <summary>Words between a town's name and an organisation's word that still leave the town named ("Bhamo General Hospital").</summary>
    public static readonly HashSet<string> FacilityDescriptors = Load("facility-descriptors");

    /// <summary>Street type words after a name ("Monument Avenue"): a street's name, not the town's.</summary>
    public static readonly HashSet<string> StreetWords = Load("street-words");

    /// <summary>Capitalised words after a place's name that make an area named after it ("Swat Valley", "Hamilton Township").</summary>
    public static readonly HashSet<string> FeatureWords = Load("feature-words");

    /// <summary>Words after a capitalised name that make it a person's ("the Bush administration", "Bush Jr.").</summary>
    public static readonly HashSet<string> PersonWordsAfter = Load("person-words-after");

    /// <summary>Stop-words that are still places with a locative cue or a region after them ("Chad", "Nice").</summary>
    public static readonly HashSet<string> StopWordsThatArePlacesWithCue = Load("stop-words-places-with-cue");

    /// <summary>Feature type words a gold span may end with ("Neches River").</summary>
    public static readonly HashSet<string> TypeWords = Load("type-words");

    /// <summary>Administrative unit words next to a name ("Isfahan province", "territoire de Rutshuru").</summary>
    public static readonly HashSet<string> AreaWords = Load("area-words");

    /// <summary>Plural administrative unit words closing a list of names ("Jackson and Barrow counties").</summary>
    public static readonly HashSet<string> PluralAreaWords = Load("area-words-plural");

    /// <summary>Settlement words after a name ("Amara city", "Kutupalong camp").</summary>
    public static readonly HashSet<string> SettlementWords = Load("settlement-words");

    /// <summary>Words after an area word that make a facility of the area's seat ("District Hospital").</summary>
    public static readonly HashSet<string> AreaFacilityWords = Load("area-facility-words");

    /// <summary>Words that give a thing its name ("called", "dénommé", "يدعى").</summary>
    public static readonly HashSet<string> NamingWords = Load("naming-words", fold: true);

    /// <summary>Facilities and organisations given names of their own ("a medical centre called Amani").</summary>
    public static readonly HashSet<string> NamedFacilityWords = Load("named-facility-words", fold: true);

    /// <summary>Lower-case words allowed inside a name ("Stratford upon Avon", "Deir ez-Zor", "Port-au-Prince").</summary>
    public static readonly HashSet<string> Connectors = Load("connectors");

    /// <summary>Words before a name that mark it as a place ("in", "near", "à", "في").</summary>
    public static readonly HashSet<string> Locatives = Load("locatives");

    /// <summary>Titles before a person's name ("Gov.", "Mme").</summary>
    public static readonly HashSet<string> Titles = Load("titles");

    /// <summary>Determiners: capitalised before a name, a sentence's first word, not a given name ("A Rochester man").</summary>
    public static readonly HashSet<string> Determiners = Load("determiners");

    /// <summary>Verbs after a person's name ("Henry said").</summary>
    public static readonly HashSet<string> SpeechVerbs = Load("speech-verbs");

    /// <summary>Words after a place's name that make it a disease's or an agency's name ("Marburg virus", "Lassa fever").</summary>
    public static readonly HashSet<string> DiseaseWords = Load("disease-words");

    /// <summary>Words after a place's name that make it an armed group's or emergency service's name ("Katsina militia").</summary>
    public static readonly HashSet<string> GroupWordsAfter = Load("group-words-after");

    /// <summary>Folded phrases before a place's name that make it part of an armed group's name ("Islamic State in Khorasan").</summary>
    public static readonly HashSet<string> GroupWordsBefore = Load("group-words-before");

    // Span views of the word sets: the spotting rules test folded words in place, without a string per test.
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordsThatArePlacesWithCueLookup = StopWordsThatArePlacesWithCue.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> TypeWordLookup = TypeWords.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AreaWordLookup = AreaWords.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> PluralAreaWordLookup = PluralAreaWords.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SettlementWordLookup = SettlementWords.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NamingWordLookup = NamingWords.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NamedFacilityWordLookup = NamedFacilityWords.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AreaFacilityWordLookup = AreaFacilityWords.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ConnectorLookup = Connectors.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> LocativeLookup = Locatives.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> TitleLookup = Titles.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> DeterminerLookup = Determiners.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SpeechVerbLookup = SpeechVerbs.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ArabicFunctionWordLookup = ArabicFunctionWords.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> OrganisationWordLookup = OrganisationWords.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FacilityDescriptorLookup = FacilityDescriptors.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StreetWordLookup = StreetWords.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FeatureWordLookup = FeatureWords.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> PersonWordsAfterLookup = PersonWordsAfter.GetAlternateLookup<ReadOnlySpan<char>>();
    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> DiseaseWordLookup = DiseaseWords.GetAlternateLookup<ReadOnlySpan<char>>();

    public static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> GroupWordsAfterLookup = GroupWordsAfter.GetAlternateLookup<ReadOnlySpan<char>>();

    public static readonly int MaxConnectorLength = Connectors.Max(c => c.Length);

    private static HashSet<string> Load(string name, bool fold = false)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("NgoMonitor.GeoWords." + name + ".txt")
            ?? throw new InvalidOperationException("Missing embedded word list " + name);
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim();
            if (entry.Length > 0 && entry[0] != '#')
            {
                set.Add(fold ? GeoText.FoldName(entry) : entry);
            }
        }

        return set;
    }
}
