using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Matching.Rules;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching.Rules;

/// <summary>
/// A rule written for one language applies to items that may be in it; a rule without a language (an admin's keyword
/// list) applies to every item. The French rule below is written the natural French way, and "UN personnel … abducted"
/// reads as French "un personnel" to it: only the item's language keeps it off English news.
/// </summary>
public sealed class CompiledRuleSetLanguageTests
{
    private const string FrenchQuery = "(personnel OR employé* OR agent*) NEAR/8 (enlev* OR abduct* OR kidnapp*)";

    private static readonly CompiledRuleSet Rules = CompiledRuleSet.Compile(
    [
        new RuleDefinition("fr", FrenchQuery, "kidnapping", Severity.Severe, "fr"),
        new RuleDefinition("en", "(staff OR personnel) NEAR/8 (abducted OR kidnapped) NOT \"security forces\"", "kidnapping", Severity.Severe, "en"),
        new RuleDefinition("ar", "موظف NEAR/8 اختطاف", "kidnapping", Severity.Severe, "ar"),
        new RuleDefinition("admin", "Kidal", "watch", Severity.Minor),
    ]);

    private static List<string> Fired(string title, string body, string? declared) =>
        [.. Rules.Match(new MatchDocument(title, body, declared)).Select(h => h.RuleId)];

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    public void Match_EnglishItem_FiresNoFrenchRule(string? declared)
    {
        var fired = Fired("", "Two UN personnel were abducted by security forces on the road to Kidal on Tuesday, the mission said.", declared);

        Assert.Equal(["admin"], fired);
    }

    [Fact]
    public void Match_EnglishItem_WouldFireTheFrenchRuleWithoutItsLanguage()
    {
        var everyLanguage = CompiledRuleSet.Compile([new RuleDefinition("fr", FrenchQuery, "kidnapping", Severity.Severe)]);

        Assert.Single(everyLanguage.Match(new MatchDocument("", "Two UN personnel were abducted by security forces on the road to Kidal on Tuesday, the mission said.", "en")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("fr")]
    public void Match_FrenchItem_FiresTheFrenchRule(string? declared)
    {
        var fired = Fired("", "Un employé de l'ONU a été enlevé par des hommes armés sur la route de Kidal.", declared);

        Assert.Equal(["fr", "admin"], fired);
    }

    [Fact]
    public void Match_FrenchItemInAnEnglishFeed_FiresTheFrenchRule()
    {
        var fired = Fired("Kidal : un employé de l'ONU enlevé", "Un employé de l'ONU a été enlevé mardi par des hommes armés près de la ville.", "en");

        Assert.Equal(["fr", "admin"], fired);
    }

    [Fact]
    public void Match_UndeclaredShortMixedTitle_FiresTheRulesOfEveryLatinLanguage()
    {
        // One word of each language and no sentence: nothing settles it, so neither language's rules are kept away.
        var fired = Fired("UN staff abducted, agents enlevés à Kidal", "", null);

        Assert.Equal(["fr", "en", "admin"], fired);
    }

    [Fact]
    public void Match_DeclaredShortTitle_FiresTheDeclaredLanguagesRules()
    {
        Assert.Equal(["en", "admin"], Fired("UN staff abducted in Kidal", "", "en"));
        Assert.Equal(["fr", "admin"], Fired("Agents enlevés à Kidal", "", "fr"));
    }

    [Theory]
    [InlineData("english", "Aid convoy attacked near Kidal, the mission said in a statement.", "en")]
    [InlineData("french", "Un convoi humanitaire a été attaqué près de Kidal, selon la mission.", "fr")]
    [InlineData("arabic", "هجوم على قافلة إنسانية قرب Kidal", "ar")]
    [InlineData("undeclared title", "Kidal", null)]
    public void Match_RuleWithoutLanguage_AppliesToEveryLanguage(string label, string text, string? declared)
    {
        Assert.True(Fired("", text, declared).Contains("admin"), label);
    }

    [Fact]
    public void Match_ArabicItem_FiresTheArabicRule()
    {
        Assert.Equal(["ar"], Fired("", "اختطاف موظف في منظمة إنسانية", null));
    }

    [Fact]
    public void Match_Hit_CarriesTheRulesLanguage()
    {
        var hits = Rules.Match(new MatchDocument("", "Un employé de l'ONU a été enlevé par des hommes armés sur la route de Kidal.", null));

        Assert.Equal(new (string, string?)[] { ("fr", "fr"), ("admin", null) }, hits.Select(h => (h.RuleId, h.Lang)));
    }
}
