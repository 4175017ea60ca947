using System.Collections.Concurrent;

namespace NgoMonitor.Core.Matching.Rules;

/// <summary>
/// All watchlist rules compiled into one matcher. Semantics and order, per item:
/// 1. the item's language is the declared one, else detected (<see cref="LanguageDetector"/>);
/// 2. title and body are tokenised and analysed (<see cref="RuleTextAnalyzer"/>) in that language; word positions
///    restart at 0 in each field, so phrases and NEAR never span title and body;
/// 3. one pass per field through a word-level Aho-Corasick automaton (<see cref="TokenAutomaton"/>) finds every
///    occurrence of every rule word and phrase, and a character trie finds prefix and exact (=word) terms; each
///    rule term was analysed with the same chain as the item, so "hospitals" in a rule meets "hospital" in an
///    English item and "مستشفى" meets "المستشفيات";
/// 4. only rules whose trigger occurred are evaluated: each rule is indexed under a small set of its terms one of
///    which must occur for it to be true (for AND the most selective operand, for OR all operands; see
///    <see cref="RuleExpr.Trigger"/>); the parser refuses rules true with no term present, so no other rule can
///    match. AND, OR, NOT, NEAR/n and field scopes are then applied to the occurrences;
/// 5. each matching rule is reported, in compile order, with every occurrence of its non-negated terms.
/// The cost of steps 2 and 3 grows with the item's length, not with the number of rules; step 4 grows with the
/// number of rules triggered by the item's words. Immutable after <see cref="Compile"/>: safe to share across threads;
/// recompile by building a new set and swapping the reference (<see cref="RuleSetHolder"/>).
/// </summary>
public sealed class CompiledRuleSet
{
    /// <summary>Distinct words cached per language; past this, new words are analysed on each sight.</summary>
    private const int TokenCacheLimit = 200_000;

    private static readonly AnalysisChain[] LatinChains =
        [AnalysisChain.English, AnalysisChain.French, AnalysisChain.Turkish, AnalysisChain.Neutral];

    private readonly CompiledRule[] _rules;
    private readonly string[] _atomDisplay;
    private readonly int[][] _rulesByAtom;
    private readonly TokenAutomaton[] _automata;
    private readonly PrefixTrie _prefixes;
    private readonly ConcurrentDictionary<string, TokenInfo>[] _tokenCache;
    private readonly int[] _cachedWords = new int[LatinChains.Length];

    private CompiledRuleSet(CompiledRule[] rules, string[] atomDisplay, int[][] rulesByAtom, TokenAutomaton[] automata, PrefixTrie prefixes)
    {
        _rules = rules;
        _atomDisplay = atomDisplay;
        _rulesByAtom = rulesByAtom;
        _automata = automata;
        _prefixes = prefixes;
        _tokenCache = LatinChains.Select(_ => new ConcurrentDictionary<string, TokenInfo>(StringComparer.Ordinal)).ToArray();
    }

    /// <summary>A set with no rules: matches nothing.</summary>
    public static CompiledRuleSet Empty { get; } = Compile([]);

    /// <summary>The rules, in compile order.</summary>
    public IReadOnlyList<RuleDefinition> Rules => _rules.Select(r => r.Definition).ToList();

    public int Count => _rules.Length;

    /// <summary>Number of distinct terms (words, phrases, prefixes) across all rules.</summary>
    public int TermCount => _atomDisplay.Length;

    /// <summary>
    /// Parses and compiles <paramref name="rules"/>. Throws <see cref="RuleSyntaxException"/> naming the first rule
    /// that does not parse, and <see cref="ArgumentException"/> for a repeated rule id.
    /// </summary>
    public static CompiledRuleSet Compile(IEnumerable<RuleDefinition> rules)
    {
        var builder = new SetBuilder();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var compiled = new List<CompiledRule>();
        foreach (var rule in rules)
        {
            if (!ids.Add(rule.Id))
            {
                throw new ArgumentException("Rule id '" + rule.Id + "' is used twice", nameof(rules));
            }

            RuleNode ast;
            try
            {
                ast = RuleParser.Parse(rule.Query);
            }
            catch (RuleSyntaxException e)
            {
                throw new RuleSyntaxException(e.Error, rule.Id);
            }

            var expr = builder.Convert(ast);
            var atoms = new List<(AtomExpr Atom, bool Negated)>();
            expr.Atoms(atoms, negated: false);
            // Index the rule under a small set of atoms one of which must occur; with no such set (NOT-heavy rules)
            // under all of its atoms, which is always safe because the parser refuses rules true with none present.
            var trigger = expr.Trigger(builder.Selectivity) ?? atoms.Select(a => a.Atom.Atom).Distinct().ToArray();
            compiled.Add(new CompiledRule(rule, expr, atoms.Where(a => !a.Negated).Select(a => a.Atom).ToArray(), trigger));
        }

        var rulesByAtom = new List<int>[builder.AtomCount];
        for (var r = 0; r < compiled.Count; r++)
        {
            foreach (var atom in compiled[r].Trigger)
            {
                (rulesByAtom[atom] ??= []).Add(r);
            }
        }

        return new CompiledRuleSet([.. compiled], builder.AtomDisplays(),
            rulesByAtom.Select(l => l?.ToArray() ?? []).ToArray(),
            builder.BuildAutomata(), builder.Prefixes);
    }

    /// <summary>The rules <paramref name="doc"/> matches, in compile order, each with its term occurrences.</summary>
    public IReadOnlyList<RuleHit> Match(MatchDocument doc)
    {
        if (_rules.Length == 0)
        {
            return [];
        }

        var language = LanguageDetector.Resolve(doc.Language, doc.Title, doc.Body);
        var chain = (int)RuleTextAnalyzer.ChainFor(language);
        var state = MatchState.Rent();
        Scan(doc.Title, RuleField.Title, chain, state);
        Scan(doc.Body, RuleField.Body, chain, state);
        if (state.IsEmpty)
        {
            return [];
        }

        var candidates = state.Candidates;
        foreach (var atom in state.ByAtom.Keys)
        {
            candidates.AddRange(_rulesByAtom[atom]);
        }

        candidates.Sort();
        var hits = new List<RuleHit>();
        var previous = -1;
        foreach (var r in candidates)
        {
            if (r == previous)
            {
                continue;
            }

            previous = r;
            var rule = _rules[r];
            if (rule.Expr.Evaluate(state))
            {
                hits.Add(new RuleHit(rule.Definition.Id, Explain(rule, state))
                {
                    Category = rule.Definition.Category,
                    Severity = rule.Definition.Severity,
                });
            }
        }

        return hits;
    }

    private List<TermHit> Explain(CompiledRule rule, MatchState state)
    {
        var terms = new List<TermHit>();
        foreach (var atom in rule.PositiveAtoms)
        {
            if (!state.ByAtom.TryGetValue(atom.Atom, out var list))
            {
                continue;
            }

            foreach (var o in list)
            {
                if ((o.Field & atom.Field) != 0)
                {
                    terms.Add(new TermHit(_atomDisplay[atom.Atom], o.Field == RuleField.Title ? "title" : "body", o.Start, o.End - o.Start));
                }
            }
        }

        return terms.Distinct().OrderBy(t => t.Field == "title" ? 0 : 1).ThenBy(t => t.Start).ThenBy(t => t.Term, StringComparer.Ordinal).ToList();
    }

    private void Scan(string text, RuleField field, int chain, MatchState state)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var automaton = _automata[chain];
        var cache = _tokenCache[chain].GetAlternateLookup<ReadOnlySpan<char>>();
        // Word start offsets of the last words, for the start of a phrase that ends at the current word.
        Span<int> starts = stackalloc int[RuleParser.MaxPhraseWords];
        var automatonState = 0;
        var position = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!RuleTextAnalyzer.IsWordChar(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && RuleTextAnalyzer.IsWordChar(text[i]))
            {
                i++;
            }

            var word = text.AsSpan(start, i - start);
            var info = word.Length > RuleTextAnalyzer.MaxWordLength ? TokenInfo.Unknown : Lookup(cache, word, chain);
            starts[position % starts.Length] = start;
            automatonState = automaton.Step(automatonState, info.Symbol);
            for (var node = automaton.FirstOutput(automatonState); node != 0; node = automaton.NextOutput(node))
            {
                var first = position - automaton.Depth(node) + 1;
                var occurrence = new Occurrence(field, first, position, starts[first % starts.Length], i);
                foreach (var atom in automaton.Outputs(node))
                {
                    state.Add(atom, occurrence);
                }
            }

            foreach (var atom in info.PrefixAtoms)
            {
                state.Add(atom, new Occurrence(field, position, position, start, i));
            }

            position++;
        }
    }

    private TokenInfo Lookup(ConcurrentDictionary<string, TokenInfo>.AlternateLookup<ReadOnlySpan<char>> cache, ReadOnlySpan<char> word, int chain)
    {
        if (cache.TryGetValue(word, out var info))
        {
            return info;
        }

        var (key, folded) = RuleTextAnalyzer.AnalyzeWord(word, (AnalysisChain)chain);
        info = new TokenInfo(_automata[chain].SymbolOf(key), _prefixes.IsEmpty ? [] : _prefixes.Match(folded));
        // Counted by hand: ConcurrentDictionary.Count takes every lock.
        if (Volatile.Read(ref _cachedWords[chain]) < TokenCacheLimit && cache.TryAdd(word, info))
        {
            Interlocked.Increment(ref _cachedWords[chain]);
        }

        return info;
    }

    private sealed record TokenInfo(int Symbol, int[] PrefixAtoms)
    {
        public static readonly TokenInfo Unknown = new(-1, []);
    }

    private sealed record CompiledRule(RuleDefinition Definition, RuleExpr Expr, AtomExpr[] PositiveAtoms, int[] Trigger);

    /// <summary>Numbers distinct terms and analyses each with every Latin chain (Arabic words take the Arabic chain).</summary>
    private sealed class SetBuilder
    {
        private readonly Dictionary<string, int> _atoms = new(StringComparer.Ordinal);
        private readonly List<string> _display = [];
        private readonly List<(TermKind Kind, string Text)> _kinds = [];
        private readonly List<(int Atom, string[] Words)> _wordAtoms = [];

        public PrefixTrie Prefixes { get; } = new();

        public int AtomCount => _display.Count;

        /// <summary>How rare an atom's matches are likely to be: phrases over words, long words over short ones
        /// (word length falls with frequency), prefixes least.</summary>
        public double Selectivity(int atom)
        {
            var (kind, text) = _kinds[atom];
            return kind switch
            {
                TermKind.Phrase => 100 + text.Length,
                TermKind.Prefix => text.Length / 4.0,
                _ => text.Length,
            };
        }

        public string[] AtomDisplays() => [.. _display];


        public RuleExpr Convert(RuleNode node) => node switch
        {
            TermNode term => new AtomExpr(Atom(term), term.Field),
            AndNode and => new AndExpr(and.Operands.Select(Convert).ToArray()),
            OrNode or => new OrExpr(or.Operands.Select(Convert).ToArray()),
            NotNode not => new NotExpr(Convert(not.Operand)),
            NearNode near => new NearExpr(Convert(near.Left), Convert(near.Right), near.Distance),
            _ => throw new InvalidOperationException("Unknown rule node " + node.GetType().Name),
        };

        private int Atom(TermNode term)
        {
            var identity = (term.Kind switch { TermKind.Prefix => "*", TermKind.Exact => "=", _ => "~" }) + term.Text;
            if (_atoms.TryGetValue(identity, out var atom))
            {
                return atom;
            }

            atom = _display.Count;
            _atoms.Add(identity, atom);
            _display.Add(term.Display);
            _kinds.Add((term.Kind, term.Text));
            if (term.Kind is TermKind.Prefix or TermKind.Exact)
            {
                var (start, length) = RuleTextAnalyzer.Words(term.Text).First();
                var folded = RuleTextAnalyzer.AnalyzeWord(term.Text.AsSpan(start, length), AnalysisChain.English).Folded;
                if (term.Kind == TermKind.Prefix)
                {
                    Prefixes.Add(folded, atom);
                }
                else
                {
                    Prefixes.AddExact(folded, atom);
                }

                return atom;
            }

            _wordAtoms.Add((atom, RuleTextAnalyzer.Words(term.Text).Select(w => term.Text.Substring(w.Start, w.Length)).ToArray()));
            return atom;
        }

        /// <summary>Analyses every word and phrase term once per language chain and builds that chain's automaton;
        /// the chains are independent, so they are built in parallel.</summary>
        public TokenAutomaton[] BuildAutomata()
        {
            var automata = new TokenAutomaton[LatinChains.Length];
            Parallel.For(0, LatinChains.Length, c =>
            {
                var builder = new TokenAutomaton.Builder();
                var keys = new Dictionary<string, string>(StringComparer.Ordinal);
                var symbols = new List<int>();
                foreach (var (atom, words) in _wordAtoms)
                {
                    symbols.Clear();
                    foreach (var word in words)
                    {
                        if (!keys.TryGetValue(word, out var key))
                        {
                            key = RuleTextAnalyzer.AnalyzeWord(word, LatinChains[c]).Key;
                            keys.Add(word, key);
                        }

                        symbols.Add(builder.Symbol(key));
                    }

                    builder.Add(symbols, atom);
                }

                automata[c] = builder.Build();
            });
            return automata;
        }
    }
}
