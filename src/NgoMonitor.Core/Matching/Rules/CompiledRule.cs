namespace NgoMonitor.Core.Matching.Rules;

/// <summary>A rule as the matcher evaluates it: its definition, its expression over numbered terms, and the distinct
/// terms outside NOT with the fields they are looked for in (what a hit explains).</summary>
internal sealed record CompiledRule(RuleDefinition Definition, RuleExpr Expr, (int Atom, RuleField Fields)[] PositiveAtoms);
