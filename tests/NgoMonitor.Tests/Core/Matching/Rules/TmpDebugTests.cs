using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Matching.Rules;
using Xunit;
using Xunit.Abstractions;

namespace NgoMonitor.Tests.Core.Matching.Rules;

public class TmpDebugTests(ITestOutputHelper output)
{
    [Fact]
    public void Debug()
    {
        var q = RulePacks.Get("health-care").Rules[0].Query;
        var near = q[..q.LastIndexOf(" NOT ", StringComparison.Ordinal)];
        var set = CompiledRuleSet.Compile([new RuleDefinition("r", q, "c", Severity.Minor), new RuleDefinition("n", near, "c", Severity.Minor), new RuleDefinition("x", q[(q.LastIndexOf(" NOT ", StringComparison.Ordinal) + 5)..], "c", Severity.Minor)]);
        var ast = RuleParser.Parse(q);
        output.WriteLine(ast.GetType().Name);
        var hits = set.Match(new MatchDocument("", "December 2023: The vicinity of a hospital was hit by Israeli airstrikes, injuring an unspecified number including journalists.", null));
        foreach (var h in hits) output.WriteLine(h.RuleId + " " + string.Join(",", h.Terms));
        Assert.Equal(2, hits.Count);
    }
}
