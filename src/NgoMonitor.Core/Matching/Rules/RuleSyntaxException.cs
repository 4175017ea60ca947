namespace NgoMonitor.Core.Matching.Rules;

/// <summary>A problem in a rule's text: where (0-based <see cref="Position"/>, 1-based <see cref="Column"/>) and what.</summary>
public sealed record RuleSyntaxError(int Position, string Reason)
{
    public int Column => Position + 1;

    /// <summary>The readable form shown in the admin editor, e.g. "NEAR needs a number, at column 14".</summary>
    public string Message => Reason + ", at column " + Column.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Thrown when a rule does not parse; <see cref="RuleId"/> names the rule when compiling a set.</summary>
public sealed class RuleSyntaxException : Exception
{
    public RuleSyntaxException(RuleSyntaxError error, string? ruleId = null)
        : base(ruleId is null ? error.Message : "Rule '" + ruleId + "': " + error.Message)
    {
        Error = error;
        RuleId = ruleId;
    }

    public RuleSyntaxError Error { get; }

    public string? RuleId { get; }

    public int Position => Error.Position;

    public int Column => Error.Column;

    public string Reason => Error.Reason;
}
