using NgoMonitor.Core.Matching.Rules;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching.Rules;

public sealed class LanguageDetectorTests
{
    private const LanguageSet LatinAndArabic = LanguageSet.Latin | LanguageSet.Arabic;

    [Theory]
    [InlineData("english sentence", null, "Two UN personnel were abducted by gunmen on the road to Kidal on Tuesday, the mission said.", "en", LanguageSet.English, LanguageBasis.Detected)]
    [InlineData("french sentence", null, "Deux agents de l'ONU ont été enlevés par des hommes armés sur la route de Kidal.", "fr", LanguageSet.French, LanguageBasis.Detected)]
    [InlineData("french item in an english feed", "en", "Deux agents de l'ONU ont été enlevés par des hommes armés sur la route de Kidal.", "fr", LanguageSet.French, LanguageBasis.Detected)]
    [InlineData("english item in a french feed", "fr-FR", "Two UN personnel were abducted by gunmen on the road to Kidal on Tuesday.", "en", LanguageSet.English, LanguageBasis.Detected)]
    [InlineData("short title, declared", "en", "UN personnel abducted in Kidal", "en", LanguageSet.English, LanguageBasis.Declared)]
    [InlineData("short title, undeclared: every Latin language", null, "UN personnel abducted in Kidal", "en", LanguageSet.Latin, LanguageBasis.Guessed)]
    [InlineData("short mixed title, undeclared", null, "Goma : hospital bombardé", "en", LanguageSet.Latin, LanguageBasis.Guessed)]
    [InlineData("french and english evenly mixed", null, "Les humanitaires de la MONUSCO: the convoy was attacked by the rebels", "en", LanguageSet.Latin, LanguageBasis.Guessed)]
    [InlineData("names only", null, "Médecins Sans Frontières, Bunia", "en", LanguageSet.Latin, LanguageBasis.Guessed)]
    [InlineData("declared language the stopwords do not know", "es", "Dos cooperantes secuestrados en la frontera", "und", LanguageSet.All, LanguageBasis.Declared)]
    [InlineData("arabic", null, "مسلحون يخطفون عاملي إغاثة قرب الحدود", "ar", LanguageSet.Arabic, LanguageBasis.Detected)]
    [InlineData("arabic with a latin acronym", null, "مسلحون يخطفون موظفا في منظمة MSF قرب الحدود", "ar", LatinAndArabic, LanguageBasis.Detected)]
    [InlineData("english sentence quoting arabic", null, "The banner read مستشفى and the crowd was dispersed by the police at the gate.", "en", LanguageSet.English | LanguageSet.Arabic, LanguageBasis.Detected)]
    [InlineData("no latin or arabic letters", null, "Больница", "und", LanguageSet.All, LanguageBasis.Guessed)]
    public void Read_Item_SettlesLanguageAndRuleScope(string label, string? declared, string text, string language, LanguageSet scope, LanguageBasis basis)
    {
        var read = LanguageDetector.Read(declared, text, "");

        Assert.True(new ItemLanguage(language, scope, basis) == read, label + ": " + read);
    }

    [Fact]
    public void Read_TitleAndBody_ReadsTheLeadTogether()
    {
        var read = LanguageDetector.Read(null, "Kidal : deux humanitaires enlevés", "Les deux employés de l'ONG ont été enlevés mardi par des hommes armés.");

        Assert.Equal(new ItemLanguage("fr", LanguageSet.French, LanguageBasis.Detected), read);
    }

    [Theory]
    [InlineData(null, LanguageSet.All)]
    [InlineData("", LanguageSet.All)]
    [InlineData("en", LanguageSet.English)]
    [InlineData("fr-CA", LanguageSet.French)]
    [InlineData("AR", LanguageSet.Arabic)]
    [InlineData("tr", LanguageSet.Turkish)]
    [InlineData("es", LanguageSet.Other)]
    public void Of_RuleLanguage_IsItsSet(string? language, LanguageSet expected)
    {
        Assert.Equal(expected, LanguageSets.Of(language));
    }
}
