using NgoMonitor.Core.Matching.Rules;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching.Rules;

public class RuleParserTests
{
    [Theory]
    [InlineData("near without number", "hospital NEAR bombed", 10, "NEAR needs a number")]
    [InlineData("near with slash only", "clinic AND hospital NEAR/ x", 21, "NEAR needs a number")]
    [InlineData("near out of range", "a1 NEAR/0 b1", 4, "NEAR distance must be between 1 and 50")]
    [InlineData("unclosed quote", "hospital AND \"health worker", 14, "Unclosed quote")]
    [InlineData("unclosed paren", "(hospital OR clinic", 1, "Missing ')'")]
    [InlineData("stray close paren", "hospital)", 9, "Unexpected ')'")]
    [InlineData("and at end", "hospital AND", 10, "AND needs a term after it")]
    [InlineData("or at start", "OR hospital", 1, "OR needs a term before it")]
    [InlineData("unknown field", "titel:hospital", 1, "Unknown field 'titel'")]
    [InlineData("wildcard inside word", "hos*pital", 4, "may only end a word")]
    [InlineData("short prefix", "ho*", 1, "at least 3 letters")]
    [InlineData("wildcard in phrase", "\"health work*\"", 1, "inside a quoted phrase")]
    [InlineData("only negation", "NOT film", 1, "would match every item")]
    [InlineData("and in near", "(a1 AND b1) NEAR/3 c1", 2, "NEAR joins words")]
    [InlineData("empty", "   ", 1, "empty")]
    [InlineData("empty parens", "hospital ()", 10, "Empty parentheses")]
    [InlineData("punctuation only", "hospital !!!", 10, "has no letters or digits")]
    public void Parse_InvalidRule_ReportsColumnAndReason(string label, string query, int column, string reason)
    {
        var e = Assert.Throws<RuleSyntaxException>(() => RuleParser.Parse(query));

        Assert.True(column == e.Column, label + ": column " + e.Column + " in " + e.Message);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.EndsWith(", at column " + column, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NearWithoutNumber_ReportsColumnInReadableMessage()
    {
        var e = Assert.Throws<RuleSyntaxException>(() => RuleParser.Parse("hospital AND NEAR x"));

        Assert.Equal("NEAR needs a number, as in NEAR/5, at column 14", e.Message);
        Assert.Equal(13, e.Position);
    }

    [Fact]
    public void Validate_ValidRule_ReturnsNoErrors()
    {
        Assert.Empty(RuleParser.Validate("title:(hospital* OR clinic) AND (bombed OR \"set on fire\") NOT film"));
    }

    [Fact]
    public void Validate_InvalidRule_ReturnsErrorWithColumn()
    {
        var errors = RuleParser.Validate("hospital NEAR/x shelled");

        var error = Assert.Single(errors);
        Assert.Equal(10, error.Column);
    }

    [Fact]
    public void Parse_Precedence_OrBindsLooserThanAndWhichIsLooserThanNear()
    {
        var root = RuleParser.Parse("a1 b1 NEAR/2 c1 OR NOT d1 e1");

        var or = Assert.IsType<OrNode>(root);
        var left = Assert.IsType<AndNode>(or.Operands[0]);
        Assert.IsType<TermNode>(left.Operands[0]);
        Assert.IsType<NearNode>(left.Operands[1]);
        var right = Assert.IsType<AndNode>(or.Operands[1]);
        Assert.IsType<NotNode>(right.Operands[0]);
    }

    [Fact]
    public void Parse_FieldScope_AppliesToEveryTermInTheGroup()
    {
        var root = RuleParser.Parse("title:(hospital OR \"health centre\") clinic");

        var and = Assert.IsType<AndNode>(root);
        var group = Assert.IsType<OrNode>(and.Operands[0]);
        Assert.All(group.Operands, t => Assert.Equal(RuleField.Title, Assert.IsType<TermNode>(t).Field));
        Assert.Equal(RuleField.Any, Assert.IsType<TermNode>(and.Operands[1]).Field);
    }

    [Theory]
    [InlineData("word", "hospital", TermKind.Word, "hospital")]
    [InlineData("phrase", "\"health worker\"", TermKind.Phrase, "health worker")]
    [InlineData("prefix", "evacuat*", TermKind.Prefix, "evacuat")]
    [InlineData("hyphenated word is a phrase", "health-care", TermKind.Phrase, "health-care")]
    [InlineData("lower-case operator words are terms", "and", TermKind.Word, "and")]
    [InlineData("time is not a field", "10:30", TermKind.Phrase, "10:30")]
    public void Parse_Term_HasKindAndText(string label, string query, TermKind kind, string text)
    {
        var term = Assert.IsType<TermNode>(RuleParser.Parse(query));

        Assert.True(kind == term.Kind, label);
        Assert.Equal(text, term.Text);
    }

    [Fact]
    public void Compile_InvalidRule_ExceptionNamesRule()
    {
        var rules = new[]
        {
            new RuleDefinition("w1/0", "hospital", "health", NgoMonitor.Core.Matching.Severity.Severe),
            new RuleDefinition("w1/1", "hospital NEAR shelled", "health", NgoMonitor.Core.Matching.Severity.Severe),
        };

        var e = Assert.Throws<RuleSyntaxException>(() => CompiledRuleSet.Compile(rules));

        Assert.Equal("w1/1", e.RuleId);
        Assert.StartsWith("Rule 'w1/1': NEAR needs a number", e.Message, StringComparison.Ordinal);
    }
}
