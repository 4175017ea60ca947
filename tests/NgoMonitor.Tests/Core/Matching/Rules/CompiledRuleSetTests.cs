using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Matching.Rules;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching.Rules;

public class CompiledRuleSetTests
{
    private static bool Matches(string query, string title, string body = "", string? language = "en")
    {
        var set = CompiledRuleSet.Compile([new RuleDefinition("r", query, "test", Severity.Minor)]);
        return set.Match(new MatchDocument(title, body, language)).Count == 1;
    }

    [Theory]
    [InlineData("and: both", "hospital AND shelled", "Hospital shelled overnight", true)]
    [InlineData("and: one missing", "hospital AND shelled", "Hospital opens new wing", false)]
    [InlineData("juxtaposition is and", "hospital shelled", "Shelling hits the city hospital", true)]
    [InlineData("or: either", "clinic OR hospital", "Clinic looted", true)]
    [InlineData("or: neither", "clinic OR hospital", "School looted", false)]
    [InlineData("not: excluded term present", "kidnapping NOT film", "A film about a kidnapping", false)]
    [InlineData("not: excluded term absent", "kidnapping NOT film", "Kidnapping of two aid workers", true)]
    [InlineData("phrase: words in order", "\"health worker\"", "Health workers detained", true)]
    [InlineData("phrase: words apart", "\"health worker\"", "Health ministry says worker detained", false)]
    [InlineData("phrase: wrong order", "\"health worker\"", "Worker health survey", false)]
    [InlineData("prefix: longer word", "evacuat*", "Patients evacuated from ward", true)]
    [InlineData("prefix: other word", "evacuat*", "Evening news", false)]
    [InlineData("near: within distance", "hospital NEAR/3 bombed", "hospital was reportedly bombed", true)]
    [InlineData("near: either order", "hospital NEAR/3 bombed", "bombed: the main hospital", true)]
    [InlineData("near: too far", "hospital NEAR/3 bombed", "hospital staff said the town was bombed", false)]
    [InlineData("near: with or group", "(hospital OR clinic) NEAR/2 (looted OR seized)", "armed men seized the clinic", true)]
    [InlineData("near: chained", "armed NEAR/2 men NEAR/3 clinic", "armed men seized the clinic", true)]
    [InlineData("stemming: plural rule, singular text", "hospitals", "A hospital", true)]
    [InlineData("stemming: verb forms", "shell", "The town was shelled", true)]
    [InlineData("case and accents folded", "CAFE", "Café bombed", true)]
    [InlineData("exact: same form", "=medic AND killed", "A medic was killed", true)]
    [InlineData("exact: stem-equal form refused", "=medic AND killed", "A medical examiner was killed", false)]
    [InlineData("exact: stemmed term would match", "medic AND killed", "A medical examiner was killed", true)]
    [InlineData("hyphen in rule matches space in text", "health-care", "health care workers", true)]
    public void Match_Operators_FollowRuleSemantics(string label, string query, string title, bool expected)
    {
        Assert.True(expected == Matches(query, title), label);
    }

    [Fact]
    public void Match_FieldScope_OnlyLooksInThatField()
    {
        Assert.True(Matches("title:hospital", "Hospital shelled", "nothing"));
        Assert.False(Matches("title:hospital", "Town shelled", "The hospital was hit."));
        Assert.True(Matches("body:hospital", "Town shelled", "The hospital was hit."));
    }

    [Fact]
    public void Match_PhraseAndNear_DoNotSpanTitleAndBody()
    {
        Assert.False(Matches("\"city hospital\"", "Shelling in the city", "Hospital staff fled"));
        Assert.False(Matches("city NEAR/1 hospital", "Shelling in the city", "Hospital staff fled"));
    }

    [Fact]
    public void Match_Hit_ExplainsTermsWithOffsetsIntoOriginalText()
    {
        var set = CompiledRuleSet.Compile([new RuleDefinition("w/0", "(hospital* OR \"health workers\") AND shelled NOT film", "health-care", Severity.Severe)]);
        const string body = "Two health workers were hurt when the hospital was shelled.";

        var hit = Assert.Single(set.Match(new MatchDocument("Overnight", body, null)));

        Assert.Equal("w/0", hit.RuleId);
        Assert.Equal("health-care", hit.Category);
        Assert.Equal(Severity.Severe, hit.Severity);
        Assert.Equal(
            ["health workers=health workers", "hospital*=hospital", "shelled=shelled"],
            hit.Terms.Select(t => $"{t.Term}={body.Substring(t.Start, t.Length)}").OrderBy(s => s, StringComparer.Ordinal));
        Assert.All(hit.Terms, t => Assert.Equal("body", t.Field));
    }

    [Fact]
    public void Match_ManyRules_ReportsEachMatchingRuleInCompileOrder()
    {
        var set = CompiledRuleSet.Compile(
        [
            new RuleDefinition("a", "clinic", "c", Severity.Minor),
            new RuleDefinition("b", "curfew", "c", Severity.Minor),
            new RuleDefinition("c", "\"curfew imposed\"", "c", Severity.Minor),
            new RuleDefinition("d", "clinic NOT curfew", "c", Severity.Minor),
        ]);

        var hits = set.Match(new MatchDocument("Curfew imposed after clinic attack", "", "en"));

        Assert.Equal(["a", "b", "c"], hits.Select(h => h.RuleId));
    }

    [Fact]
    public void Match_OverlappingPhrases_AllFound()
    {
        var set = CompiledRuleSet.Compile(
        [
            new RuleDefinition("long", "\"al shifa hospital\"", "c", Severity.Minor),
            new RuleDefinition("short", "\"shifa hospital\"", "c", Severity.Minor),
            new RuleDefinition("near-miss", "\"al shifa clinic\"", "c", Severity.Minor),
        ]);

        var hits = set.Match(new MatchDocument("Raid on al-Shifa hospital", "", "en"));

        Assert.Equal(["long", "short"], hits.Select(h => h.RuleId));
    }

    [Fact]
    public void Match_PhraseAcrossWordBatches_FoundWithItsOffsets()
    {
        // The scan splits and keys words in batches of 32 before looking them up; a phrase may start in one batch and
        // end in the next, and the last word of the text may end a batch.
        var set = CompiledRuleSet.Compile([new RuleDefinition("p", "\"al shifa hospital\"", "c", Severity.Minor)]);
        for (var filler = 25; filler <= 70; filler++)
        {
            var body = string.Concat(Enumerable.Repeat("word ", filler)) + "al-Shifa hospital";

            var hit = Assert.Single(set.Match(new MatchDocument("", body, "en")));

            var term = Assert.Single(hit.Terms);
            Assert.Equal("al-Shifa hospital", body.Substring(term.Start, term.Length));
        }
    }

    [Theory]
    [InlineData("NOT (NOT hospital)", "Hospital shelled", true)]
    [InlineData("NOT (NOT hospital)", "Clinic shelled", false)]
    [InlineData("NOT (NOT (hospital OR clinic)) AND NOT film", "Clinic shelled", true)]
    public void Match_RuleWithoutACondition_IsIndexedUnderItsTerms(string query, string title, bool expected)
    {
        // A term every match needs cannot be read from these rules (a NOT needs nothing), so they are indexed under
        // all of their terms, with no partner condition to test.
        Assert.Equal(expected, Matches(query, title));
    }

    [Fact]
    public void Compile_DuplicateId_Throws()
    {
        Assert.Throws<ArgumentException>(() => CompiledRuleSet.Compile(
        [
            new RuleDefinition("a", "clinic", "c", Severity.Minor),
            new RuleDefinition("a", "curfew", "c", Severity.Minor),
        ]));
    }

    [Fact]
    public void Match_ConcurrentCallers_GetSameAnswers()
    {
        var set = CompiledRuleSet.Compile([new RuleDefinition("a", "hospital NEAR/3 (bombed OR shelled)", "c", Severity.Minor)]);
        var docs = Enumerable.Range(0, 200)
            .Select(i => new MatchDocument("Item " + i, i % 2 == 0 ? "the hospital word" + i + " was shelled" : "quiet day " + i, null))
            .ToArray();

        var counts = docs.AsParallel().Select(d => set.Match(d).Count).ToArray();

        Assert.Equal(docs.Select((_, i) => i % 2 == 0 ? 1 : 0), counts);
    }
}
