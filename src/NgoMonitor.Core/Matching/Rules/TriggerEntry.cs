namespace NgoMonitor.Core.Matching.Rules;

/// <summary>An entry of the trigger index (for each atom, the rules indexed under it, read in sequence): the rule
/// and its partner condition, one or two terms one of which the rule also needs.</summary>
/// <param name="Rule">The rule's index.</param>
/// <param name="Partner">A term the rule also needs (<see cref="MatchState.Always"/>: none), or with
/// <paramref name="OrPartner"/> one of two.</param>
/// <param name="OrPartner">The other term of a two-term partner condition, or <see cref="MatchState.Never"/>.</param>
internal readonly record struct TriggerEntry(int Rule, int Partner, int OrPartner);
