namespace NgoMonitor.Core.Matching.Rules;

/// <summary>Checks on a parsed rule beyond its grammar (see <see cref="RuleParser"/>).</summary>
internal static class RuleSemantics
{
    /// <summary>Refuses a parsed rule that parses but cannot work: NEAR over AND or NOT, or a rule true when none of
    /// its terms occurs.</summary>
    public static void Check(RuleNode root)
    {
        CheckNear(root);
        // A rule true when no term occurs would alert on every item ("NOT film"): refuse it.
        if (MatchesNothingPresent(root))
        {
            throw new RuleSyntaxException(new RuleSyntaxError(root.Position,
                "This rule would match every item: it needs a term that must occur, NOT alone is not enough"));
        }
    }

    // The checks below walk operands by index: foreach or LINQ over IReadOnlyList boxes an enumerator per group, and
    // parsing 10,000 rules is part of compiling them (budgeted at 200 ms).
    private static bool MatchesNothingPresent(RuleNode node)
    {
        switch (node)
        {
            case AndNode a:
                for (var i = 0; i < a.Operands.Count; i++)
                {
                    if (!MatchesNothingPresent(a.Operands[i]))
                    {
                        return false;
                    }
                }

                return true;
            case OrNode o:
                for (var i = 0; i < o.Operands.Count; i++)
                {
                    if (MatchesNothingPresent(o.Operands[i]))
                    {
                        return true;
                    }
                }

                return false;
            case NotNode n:
                return !MatchesNothingPresent(n.Operand);
            default:
                return false; // a term or NEAR needs its terms
        }
    }

    private static void CheckNear(RuleNode node)
    {
        switch (node)
        {
            case NearNode near:
                if (!IsPositional(near.Left) || !IsPositional(near.Right))
                {
                    var side = IsPositional(near.Left) ? near.Right : near.Left;
                    throw new RuleSyntaxException(new RuleSyntaxError(side.Position,
                        "NEAR joins words, phrases, prefixes or OR groups of them, not AND or NOT"));
                }

                CheckNear(near.Left);
                CheckNear(near.Right);
                break;
            case AndNode a:
                for (var i = 0; i < a.Operands.Count; i++)
                {
                    CheckNear(a.Operands[i]);
                }

                break;
            case OrNode o:
                for (var i = 0; i < o.Operands.Count; i++)
                {
                    CheckNear(o.Operands[i]);
                }

                break;
            case NotNode n:
                CheckNear(n.Operand);
                break;
        }
    }

    /// <summary>Whether <paramref name="node"/> has word spans NEAR can measure: a term, NEAR, or OR of them.</summary>
    public static bool IsPositional(RuleNode node)
    {
        if (node is OrNode o)
        {
            for (var i = 0; i < o.Operands.Count; i++)
            {
                if (!IsPositional(o.Operands[i]))
                {
                    return false;
                }
            }

            return true;
        }

        return node is TermNode or NearNode;
    }
}
