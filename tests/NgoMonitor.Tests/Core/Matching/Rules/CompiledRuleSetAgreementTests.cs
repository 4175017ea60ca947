using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Matching.Rules;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching.Rules;

/// <summary>
/// The compiled set skips most rules for an item (trigger index, partner terms, conditions on the occurrence bits).
/// These tests hold it to a naive reading of the same parsed rules, evaluated one by one over the item's words, on
/// random rules and items from a small vocabulary, so that every shortcut is exercised with matches it must not drop.
/// </summary>
public class CompiledRuleSetAgreementTests
{
    // A few words share a stem ("roads") or a three-letter prefix ("shipment"), so stems and prefixes are exercised.
    private static readonly string[] Vocabulary =
        ["road", "roads", "town", "camp", "fire", "bank", "banker", "gold", "port", "milk", "ship", "shipment", "dust", "wall"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Match_ManyRandomRulesInOneSet_FindsExactlyTheRulesANaiveReadingFinds(int seed)
    {
        var random = new Random(seed);
        var rules = Enumerable.Range(0, 400).Select(i => new RuleDefinition("r" + i, Rule(random, 3), "test", Severity.Minor)).ToList();
        var set = CompiledRuleSet.Compile(rules);
        var parsed = rules.Select(r => RuleParser.Parse(r.Query)).ToList();
        var matchesSeen = 0;

        for (var item = 0; item < 300; item++)
        {
            var doc = new MatchDocument(Words(random, 4), Words(random, 14), "en");
            var naive = new NaiveReading(doc);
            var expected = rules.Where((_, i) => naive.Holds(parsed[i])).Select(r => r.Id).ToList();

            var actual = set.Match(doc).Select(h => h.RuleId).ToList();

            Assert.Equal(expected, actual);
            matchesSeen += actual.Count;
        }

        Assert.True(matchesSeen > 1_000, "the random rules should match often enough to test something; matched " + matchesSeen);
    }

    private static string Words(Random random, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));

    private static string Word(Random random) => Vocabulary[random.Next(Vocabulary.Length)];

    /// <summary>A random rule: terms, phrases, prefixes and title-scoped terms under AND, OR, NOT and NEAR.</summary>
    private static string Rule(Random random, int depth)
    {
        if (depth == 0 || random.Next(4) == 0)
        {
            return Positional(random);
        }

        return random.Next(4) switch
        {
            0 => "(" + Rule(random, depth - 1) + " AND " + Rule(random, depth - 1) + ")",
            1 => "(" + Rule(random, depth - 1) + " OR " + Rule(random, depth - 1) + ")",
            2 => "(" + Rule(random, depth - 1) + " NOT " + Term(random) + ")",
            _ => "(" + Positional(random) + " NEAR/" + random.Next(1, 4) + " " + Positional(random) + ")",
        };
    }

    private static string Positional(Random random) =>
        random.Next(3) == 0 ? "(" + Term(random) + " OR " + Term(random) + ")" : Term(random);

    private static string Term(Random random) => random.Next(10) switch
    {
        0 => "\"" + Word(random) + " " + Word(random) + "\"",
        1 => Word(random)[..3] + "*",
        2 => "title:" + Word(random),
        3 => "=" + Word(random),
        _ => Word(random),
    };

    /// <summary>The rule language read literally: every node evaluated over the item's words, no index.</summary>
    private sealed class NaiveReading(MatchDocument doc)
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<AnalyzedToken>> Terms = new();

        private readonly Dictionary<RuleField, IReadOnlyList<AnalyzedToken>> _fields = new()
        {
            [RuleField.Title] = RuleTextAnalyzer.Analyze(doc.Title, "en"),
            [RuleField.Body] = RuleTextAnalyzer.Analyze(doc.Body, "en"),
        };

        public bool Holds(RuleNode node) => node switch
        {
            AndNode and => and.Operands.All(Holds),
            OrNode or => or.Operands.Any(Holds),
            NotNode not => !Holds(not.Operand),
            _ => _fields.Keys.Any(field => Spans(node, field).Count > 0),
        };

        private List<(int First, int Last)> Spans(RuleNode node, RuleField field)
        {
            var tokens = _fields[field];
            switch (node)
            {
                case TermNode term when (term.Field & field) == 0:
                    return [];
                case TermNode term:
                    var words = Terms.GetOrAdd(term.Text, text => RuleTextAnalyzer.Analyze(text, "en"));
                    return Enumerable.Range(0, tokens.Count - words.Count + 1)
                        .Where(at => words.Select((w, k) => Same(term.Kind, w, tokens[at + k])).All(same => same))
                        .Select(at => (at, at + words.Count - 1))
                        .ToList();
                case OrNode or:
                    return or.Operands.SelectMany(o => Spans(o, field)).ToList();
                case NearNode near:
                    return (from a in Spans(near.Left, field)
                            from b in Spans(near.Right, field)
                            where Gap(a, b) <= near.Distance
                            select (Math.Min(a.First, b.First), Math.Max(a.Last, b.Last))).ToList();
                default:
                    throw new InvalidOperationException("not positional: " + node);
            }
        }

        private static bool Same(TermKind kind, AnalyzedToken word, AnalyzedToken token) => kind switch
        {
            TermKind.Prefix => token.Folded.StartsWith(word.Folded, StringComparison.Ordinal),
            TermKind.Exact => token.Folded == word.Folded,
            _ => token.Key == word.Key,
        };

        private static int Gap((int First, int Last) a, (int First, int Last) b) =>
            b.First > a.Last ? b.First - a.Last : a.First > b.Last ? a.First - b.Last : 0;
    }
}
