namespace NgoMonitor.Core.Matching.Rules;

/// <summary>Fields a term may be scoped to; <see cref="Any"/> is title or body.</summary>
[Flags]
public enum RuleField
{
    Title = 1,
    Body = 2,
    Any = Title | Body,
}

/// <summary>A parsed rule: a tree of these. <see cref="Position"/> is where the node starts in the rule text.</summary>
public abstract record RuleNode(int Position);

/// <summary>
/// A word, a "quoted phrase" (words in order, adjacent), a prefix (<c>evacuat*</c>) or an exact word (<c>=medic</c>), scoped to
/// <see cref="Field"/>. <see cref="Text"/> is as written, without quotes or the star.
/// </summary>
public sealed record TermNode(string Text, TermKind Kind, RuleField Field, int Position) : RuleNode(Position)
{
    /// <summary>The term as shown in explanations: phrases without quotes, prefixes with their star.</summary>
    public string Display => Kind switch { TermKind.Prefix => Text + "*", TermKind.Exact => "=" + Text, _ => Text };
}

public enum TermKind
{
    Word,
    Phrase,
    Prefix,

    /// <summary>One word in its folded form, not stemmed (<c>=medic</c> matches "medic", not "medical").</summary>
    Exact,
}

public sealed record AndNode(IReadOnlyList<RuleNode> Operands, int Position) : RuleNode(Position);

public sealed record OrNode(IReadOnlyList<RuleNode> Operands, int Position) : RuleNode(Position);

public sealed record NotNode(RuleNode Operand, int Position) : RuleNode(Position);

/// <summary>Both sides occur in the same field with at most <see cref="Distance"/> word steps between them, either order.</summary>
public sealed record NearNode(RuleNode Left, RuleNode Right, int Distance, int Position) : RuleNode(Position);
