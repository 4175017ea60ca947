using NgoMonitor.Core.Matching.Rules;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching.Rules;

public class TokenAutomatonTests
{
    /// <summary>Every (end position, atom) where a pattern ends in <paramref name="sequence"/>, read through the
    /// automaton as the matcher reads it: a step per symbol, the symbol's one-word patterns, then the phrases ending
    /// at the state.</summary>
    private static List<(int End, int Atom, int Depth)> Scan(TokenAutomaton automaton, int[] sequence)
    {
        var found = new List<(int, int, int)>();
        var state = 0;
        for (var position = 0; position < sequence.Length; position++)
        {
            var symbol = sequence[position];
            state = automaton.Step(state, symbol);
            if (symbol < 0)
            {
                continue;
            }

            foreach (var atom in automaton.WordAtoms(symbol))
            {
                found.Add((position, atom, 1));
            }

            for (var node = automaton.FirstPhraseOutput(state, symbol); node != 0; node = automaton.NextPhraseOutput(node))
            {
                foreach (var atom in automaton.Outputs(node))
                {
                    found.Add((position, atom, automaton.Depth(node)));
                }
            }
        }

        return found;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Build_RandomOverlappingPatterns_FindsEveryOccurrenceANaiveScanFinds(int seed)
    {
        // A small alphabet and short patterns, so that patterns share prefixes and end inside one another (the
        // failure and output links), with repeated patterns (two atoms at one node) and symbols no pattern uses (-1).
        var random = new Random(seed);
        const int Symbols = 5;
        var patterns = Enumerable.Range(0, 60).Select(_ => Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(Symbols)).ToArray()).ToList();
        patterns.Add(patterns[3]);
        var builder = new TokenAutomaton.Builder(patterns.Sum(p => p.Length) + 1);
        var automata = new List<TokenAutomaton>();
        // The same builder twice: what the first automaton left in its working arrays must not leak into the second.
        for (var round = 0; round < 2; round++)
        {
            builder.Start(Symbols);
            for (var atom = 0; atom < patterns.Count; atom++)
            {
                builder.Add(patterns[atom], atom);
            }

            automata.Add(builder.Build(new Dictionary<string, int>(), []));
        }

        var sequence = Enumerable.Range(0, 400).Select(_ => random.Next(-1, Symbols)).ToArray();
        var expected = new List<(int End, int Atom, int Depth)>();
        for (var end = 0; end < sequence.Length; end++)
        {
            for (var atom = 0; atom < patterns.Count; atom++)
            {
                var pattern = patterns[atom];
                if (end + 1 >= pattern.Length && sequence.AsSpan(end + 1 - pattern.Length, pattern.Length).SequenceEqual(pattern))
                {
                    expected.Add((end, atom, pattern.Length));
                }
            }
        }

        foreach (var automaton in automata)
        {
            Assert.Equal(expected.Order(), Scan(automaton, sequence).Order());
            Assert.Equal(patterns.Max(p => p.Length), automaton.MaxDepth);
        }

        Assert.True(expected.Count > 200, "occurrences: " + expected.Count);
    }

    [Fact]
    public void Build_PatternsEndingAtOneNode_GivesTheirAtomsInTheOrderAdded()
    {
        var builder = new TokenAutomaton.Builder(8);
        builder.Start(3);
        builder.Add([0, 1], 7);
        builder.Add([2], 4);
        builder.Add([0, 1], 2);
        var automaton = builder.Build(new Dictionary<string, int>(), []);

        var state = automaton.Step(automaton.Step(0, 0), 1);

        Assert.Equal([7, 2], automaton.Outputs(automaton.FirstPhraseOutput(state, 1)).ToArray());
    }
}
