using NgoMonitor.Core.Matching.Rules;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching.Rules;

public class RuleClausesTests
{
    // Atom n has selectivity n: higher atoms are rarer.
    private static RuleClauses Clauses() => new(atom => atom);

    [Fact]
    public void Best_FewestAtomsThenRarest_FirstOfEquals()
    {
        var clauses = Clauses();
        clauses.Add(3);
        clauses.Add(9);
        clauses.Add(9);
        clauses.Add(1);

        Assert.Equal(1, clauses.Best());
        Assert.Equal(2, clauses.Best(skip: 1));
        Assert.Equal(3, clauses.Best(from: 3));
        Assert.Equal(-1, clauses.Best(from: 4));
    }

    [Fact]
    public void ReplaceWithUnion_BestOfEachOperand_OneConditionWithoutRepeats()
    {
        var clauses = Clauses();
        clauses.Add(5);
        var from = clauses.Count;
        clauses.Add(2);
        clauses.Add(8);
        clauses.Add(8);
        clauses.Add(4);

        clauses.ReplaceWithUnion(from, [2, 3, 4]);

        Assert.Equal(2, clauses.Count);
        Assert.Equal([5], clauses[0].ToArray());
        Assert.Equal([8, 4], clauses[1].ToArray());
    }

    [Fact]
    public void Best_MaxLength_SkipsLongerConditions()
    {
        var clauses = Clauses();
        clauses.Add(1);
        clauses.Add(2);
        clauses.Add(3);
        clauses.ReplaceWithUnion(1, [1, 2]); // [2, 3]: a two-atom condition
        clauses.Add(4);
        clauses.Add(5);
        clauses.Add(6);
        clauses.ReplaceWithUnion(2, [2, 3, 4]); // [4, 5, 6]

        Assert.Equal(1, clauses.Best(maxLength: 2, skip: 0));
        Assert.Equal(-1, clauses.Best(from: 2, maxLength: 2));
        Assert.Equal(2, clauses.Best(from: 2));
    }

    [Fact]
    public void Clauses_OrWithANegatedOperand_AddsNoCondition()
    {
        var clauses = Clauses();
        new AndExpr([new AtomExpr(1, RuleField.Any), new OrExpr([new AtomExpr(2, RuleField.Any), new NotExpr(new AtomExpr(3, RuleField.Any))])]).Clauses(clauses);

        Assert.Equal(1, clauses.Count);
        Assert.Equal([1], clauses[0].ToArray());
    }
}
