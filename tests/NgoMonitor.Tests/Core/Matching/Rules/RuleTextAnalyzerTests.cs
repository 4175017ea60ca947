using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Matching.Rules;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching.Rules;

public class RuleTextAnalyzerTests
{
    private static bool Matches(string query, string text, string? language) =>
        CompiledRuleSet.Compile([new RuleDefinition("r", query, "test", Severity.Minor)])
            .Match(new MatchDocument("", text, language)).Count == 1;

    [Theory]
    [InlineData("ar: singular", "مستشفى", "قصف مستشفى في المدينة", "ar")]
    [InlineData("ar: definite plural", "مستشفى", "قصف المستشفيات في المدينة", "ar")]
    [InlineData("ar: with conjunction and article", "مستشفى", "والمستشفى تعرض للقصف", "ar")]
    [InlineData("ar: alef with hamza folded", "اسعاف", "سيارة إسعاف", "ar")]
    [InlineData("ar: taa marbuta and alef maqsura", "سياره", "سيارة", "ar")]
    [InlineData("ar: harakat and tatweel removed", "قصف", "قَصْـــف", "ar")]
    [InlineData("ar: detected", "مستشفى", "قصف المستشفيات في المدينة", null)]
    [InlineData("ar: rule word in english item", "مستشفى", "Sign reads المستشفى at the gate", "en")]
    [InlineData("fr: plural in -aux", "hôpital", "Deux hôpitaux bombardés", "fr")]
    [InlineData("fr: rule without accents", "hopital", "L'hôpital a été bombardé", "fr")]
    [InlineData("fr: elision", "hôpital", "l'hôpital", "fr")]
    [InlineData("fr: detected", "bombardé", "Les hôpitaux de la ville ont été bombardés par l'armée", null)]
    [InlineData("en: inflections", "attack", "Clinics attacked twice", "en")]
    [InlineData("en: ligature and full width via NFKC", "fire", "ﬁre at the ｃｌｉｎｉｃ", "en")]
    [InlineData("tr: suffixes", "hastane", "Hastaneler bombalandı", "tr")]
    [InlineData("tr: dotted capital I", "istanbul", "İSTANBUL'da saldırı", "tr")]
    [InlineData("tr: detected", "hastane", "Bu sabah hastaneye bir saldırı düzenlendi ve çok sayıda kişi yaralandı", null)]
    public void Match_LanguageVariants_MeetRuleTerm(string label, string query, string text, string? language)
    {
        Assert.True(Matches(query, text, language), label);
    }

    [Theory]
    [InlineData("ar: different word", "مستشفى", "مدرسة", "ar")]
    [InlineData("fr: different word", "hôpital", "hôtel", "fr")]
    [InlineData("en: different word", "shell", "shelter", "en")]
    public void Match_DifferentWords_DoNotMeet(string label, string query, string text, string? language)
    {
        Assert.False(Matches(query, text, language), label);
    }

    [Fact]
    public void Analyze_Tokens_KeepOffsetsIntoOriginalText()
    {
        const string text = "L'HÔPITAL, bombardé";

        var tokens = RuleTextAnalyzer.Analyze(text, "fr");

        Assert.Equal(["l", "hopital", "bombard"], tokens.Select(t => t.Key));
        Assert.Equal(["L", "HÔPITAL", "bombardé"], tokens.Select(t => text.Substring(t.Start, t.Length)));
        Assert.Equal([0, 1, 2], tokens.Select(t => t.Position));
    }

    [Theory]
    [InlineData("declared region subtag", "fr-FR", "x", "", "fr")]
    [InlineData("declared unsupported", "es", "x", "", "und")]
    [InlineData("arabic script", null, "قصف مستشفى", "", "ar")]
    [InlineData("french stopwords", null, "Les forces de sécurité ont fermé la frontière", "", "fr")]
    [InlineData("english stopwords", null, "The border was closed by the army", "", "en")]
    [InlineData("turkish", null, "Sınır kapısı bugün kapatıldı ve geçişler durdu", "", "tr")]
    [InlineData("latin without signal", null, "Hospital shelled", "", "en")]
    [InlineData("no latin or arabic", null, "Больница", "", "und")]
    [InlineData("upper-case stopwords", null, "THE BORDER WAS CLOSED BY THE ARMY", "", "en")]
    [InlineData("french stopwords, ascii sample", null, "Les forces de la police et des gardes sont dans la ville", "", "fr")]
    [InlineData("turkish capital letters", null, "ŞİDDETLİ ÇATIŞMA: SINIR KAPISI KAPATILDI", "", "tr")]
    [InlineData("ascii title outweighs a shorter arabic body", null, "Hospital shelled in the north of the city overnight", "قصف مستشفى", "en")]
    [InlineData("arabic body outweighs a shorter ascii title", null, "Gaza", "قصف مستشفى في شمال المدينة", "ar")]
    public void Resolve_Item_PicksLanguage(string label, string? declared, string title, string body, string expected)
    {
        Assert.True(expected == LanguageDetector.Resolve(declared, title, body), label + ": " + LanguageDetector.Resolve(declared, title, body));
    }

    [Fact]
    public void IsWordChar_AsciiTable_AgreesWithUnicodeLettersAndDigits()
    {
        for (var c = '\0'; c < 128; c++)
        {
            Assert.True(char.IsLetterOrDigit(c) == RuleTextAnalyzer.IsWordChar(c), "character " + (int)c);
        }
    }

    [Fact]
    public void LatinChainKeys_EveryPackWordAndHardCases_EqualEachChainsOwnAnalysis()
    {
        var words = RulePacks.All().SelectMany(p => p.Rules).SelectMany(r => RuleTextAnalyzer.Words(r.Query).Select(w => r.Query.Substring(w.Start, w.Length)))
            .Concat(["İstanbul", "Iğdır", "ISTANBUL", "Hôpital", "ŒUVRE", "Straße", "ﬁre", "Ⅰ", "2024", "المستشفيات", "Kızılay", "évacués", "NGO"])
            .Distinct()
            .ToList();
        var chains = new[] { AnalysisChain.English, AnalysisChain.French, AnalysisChain.Turkish, AnalysisChain.Neutral };
        var keys = new string[chains.Length];

        foreach (var word in words)
        {
            RuleTextAnalyzer.LatinChainKeys(word, keys);
            Assert.Equal(chains.Select(c => RuleTextAnalyzer.AnalyzeWord(word, c).Key), keys);
        }

        Assert.True(words.Count > 200, "pack words: " + words.Count);
    }

    /// <summary>Rule-pack words in lower case, hard cases, and words in the style of the benchmark's synthetic
    /// vocabulary (syllables of a consonant and a vowel, most ending on a consonant).</summary>
    private static List<string> StemmerInputs()
    {
        var random = new Random(20261201);
        var syllables = "bdfgklmnprstvz".SelectMany(c => "aeiou".Select(v => string.Concat(c, v))).ToArray();
        var synthetic = Enumerable.Range(0, 5_000).Select(_ =>
            string.Concat(Enumerable.Range(0, random.Next(2, 5)).Select(_ => syllables[random.Next(syllables.Length)]))
            + (random.Next(3) > 0 ? "kmnrt"[random.Next(5)].ToString() : ""));
        return RulePacks.All().SelectMany(p => p.Rules)
            .SelectMany(r => RuleTextAnalyzer.Words(r.Query).Select(w => r.Query.Substring(w.Start, w.Length).ToLowerInvariant()))
            .Concat(["istanbul", "ığdır", "hôpital", "œuvre", "straße", "kızılay", "évacués", "ngo", "a", "gidiyorlardı", "kitapçıklarımızdakilerden"])
            .Concat(synthetic)
            .Distinct()
            .ToList();
    }

    [Fact]
    public void Snowball_ThroughSharedBuffer_EqualsStemmerStringApi()
    {
        var words = StemmerInputs();
        var stemmers = new Lucene.Net.Tartarus.Snowball.SnowballProgram[]
        {
            new Lucene.Net.Tartarus.Snowball.Ext.EnglishStemmer(),
            new Lucene.Net.Tartarus.Snowball.Ext.TurkishStemmer(),
        };
        foreach (var stemmer in stemmers)
        {
            var plain = (Lucene.Net.Tartarus.Snowball.SnowballProgram)Activator.CreateInstance(stemmer.GetType())!;
            foreach (var word in words)
            {
                plain.SetCurrent(word);
                plain.Stem();
                Assert.Equal(plain.Current, RuleTextAnalyzer.Snowball(stemmer, word));
            }
        }

        Assert.True(words.Count > 5_000, "words: " + words.Count);
    }

    [Fact]
    public void StemFrench_ThroughSharedBuffer_EqualsStemmerOnOwnArray()
    {
        var stemmer = new Lucene.Net.Analysis.Fr.FrenchLightStemmer();
        foreach (var word in StemmerInputs())
        {
            var buffer = word.ToCharArray();
            Assert.Equal(new string(buffer, 0, stemmer.Stem(buffer, buffer.Length)), RuleTextAnalyzer.StemFrench(word));
        }
    }

    [Fact]
    public void Fold_EveryPackWordAndHardCases_EqualsFoldedFormOfEachChain()
    {
        var words = RulePacks.All().SelectMany(p => p.Rules).SelectMany(r => RuleTextAnalyzer.Words(r.Query).Select(w => r.Query.Substring(w.Start, w.Length)))
            .Concat(["İstanbul", "Iğdır", "ISTANBUL", "Hôpital", "ŒUVRE", "Straße", "ﬁre", "Ⅰ", "2024", "المستشفيات", "والمستشفى", "Kızılay", "évacués", "NGO"])
            .Distinct();
        foreach (var word in words)
        {
            Assert.Equal(RuleTextAnalyzer.AnalyzeWord(word, AnalysisChain.English).Folded, RuleTextAnalyzer.Fold(word));
            Assert.Equal(RuleTextAnalyzer.AnalyzeWord(word, AnalysisChain.Neutral).Folded, RuleTextAnalyzer.Fold(word));
        }
    }
}
