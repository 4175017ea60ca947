using System.Numerics;

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
///    match. A triggered rule whose required terms (those every match needs: both sides of AND and NEAR) did not
///    all occur is dropped by array lookups alone; AND, OR, NOT, NEAR/n and field scopes are then applied to the
///    occurrences of the rest;
/// 5. each matching rule is reported, in compile order, with every occurrence of its non-negated terms.
/// The cost of steps 2 and 3 grows with the item's length, not with the number of rules; step 4 grows with the
/// number of rules triggered by the item's words. Immutable after <see cref="Compile"/>: safe to share across threads;
/// recompile by building a new set and swapping the reference (<see cref="RuleSetHolder"/>).
/// </summary>
public sealed class CompiledRuleSet
{
    private static readonly AnalysisChain[] LatinChains =
        [AnalysisChain.English, AnalysisChain.French, AnalysisChain.Turkish, AnalysisChain.Neutral];

    private readonly CompiledRule[] _rules;
    private readonly string[] _atomDisplay;
    private readonly IntRows _rulesByAtom;
    private readonly IntRows _requiredByRule;
    private readonly TokenAutomaton[] _automata;
    private readonly PrefixTrie _prefixes;
    private readonly WordCache[] _wordCache;

    private CompiledRuleSet(CompiledRule[] rules, string[] atomDisplay, IntRows rulesByAtom, IntRows requiredByRule,
        TokenAutomaton[] automata, PrefixTrie prefixes)
    {
        _rules = rules;
        _atomDisplay = atomDisplay;
        _rulesByAtom = rulesByAtom;
        _requiredByRule = requiredByRule;
        _automata = automata;
        _prefixes = prefixes;
        _wordCache = LatinChains.Select(_ => new WordCache()).ToArray();
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
        var atoms = new List<(AtomExpr Atom, bool Negated)>();
        var required = new List<int>();
        var requiredByRule = new IntRows.Builder();
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
            atoms.Clear();
            expr.Atoms(atoms, negated: false);
            // Index the rule under a small set of atoms one of which must occur; with no such set (NOT-heavy rules)
            // under all of its atoms, which is always safe because the parser refuses rules true with none present.
            var trigger = expr.Trigger(builder.Selectivity) ?? atoms.Select(a => a.Atom.Atom).Distinct().ToArray();
            required.Clear();
            expr.Required(required);
            requiredByRule.Add(required);
            compiled.Add(new CompiledRule(rule, expr, PositiveAtoms(atoms), trigger));
        }

        // Atom -> the rules it triggers, in compile order.
        var rulesByAtom = new IntRows.Builder();
        var triggered = new List<int>[builder.AtomCount];
        for (var r = 0; r < compiled.Count; r++)
        {
            foreach (var atom in compiled[r].Trigger)
            {
                (triggered[atom] ??= []).Add(r);
            }
        }

        foreach (var list in triggered)
        {
            rulesByAtom.Add(list ?? []);
        }

        return new CompiledRuleSet([.. compiled], builder.AtomDisplays(), rulesByAtom.Build(), requiredByRule.Build(),
            builder.BuildAutomata(), builder.Prefixes);
    }

    private static AtomExpr[] PositiveAtoms(List<(AtomExpr Atom, bool Negated)> atoms)
    {
        var positive = new List<AtomExpr>(atoms.Count);
        foreach (var (atom, negated) in atoms)
        {
            if (!negated)
            {
                positive.Add(atom);
            }
        }

        return [.. positive];
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
        var state = MatchState.Rent(_atomDisplay.Length, _rules.Length);
        Scan(doc.Title, RuleField.Title, chain, state);
        Scan(doc.Body, RuleField.Body, chain, state);
        if (state.IsEmpty)
        {
            return [];
        }

        // Triggered rules as a bit set over rule indexes: duplicates vanish, and reading the bits in order gives
        // compile order without sorting.
        var candidates = state.RuleBits(_rules.Length);
        foreach (var atom in state.Found)
        {
            foreach (var r in _rulesByAtom[atom])
            {
                candidates[r >> 6] |= 1UL << r;
            }
        }

        var hits = new List<RuleHit>();
        for (var w = 0; w < candidates.Length; w++)
        {
            for (var bits = candidates[w]; bits != 0; bits &= bits - 1)
            {
                var r = (w << 6) + BitOperations.TrailingZeroCount(bits);
                if (!RequiredTermsOccurred(r, state))
                {
                    continue;
                }

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
        }

        return hits;
    }

    /// <summary>False when a term rule <paramref name="r"/> cannot match without is absent: most triggered rules stop
    /// here, reading only flat arrays and the state's bit set (evaluating them touches the rule objects, scattered
    /// in memory: cache misses were most of matching time at 10,000 rules).</summary>
    private bool RequiredTermsOccurred(int r, MatchState state)
    {
        foreach (var atom in _requiredByRule[r])
        {
            if (!state.Occurred(atom))
            {
                return false;
            }
        }

        return true;
    }

    private List<TermHit> Explain(CompiledRule rule, MatchState state)
    {
        var terms = new List<TermHit>();
        foreach (var atom in rule.PositiveAtoms)
        {
            if (state.Occurrences(atom.Atom) is not { } list)
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

        // Title before body, then by position, then by term; equal hits end up adjacent and are kept once. A sort
        // in place, because LINQ's Distinct and OrderBy chain was a tenth of matching time at 10,000 rules.
        terms.Sort(CompareHits);
        var kept = 0;
        for (var i = 0; i < terms.Count; i++)
        {
            if (kept == 0 || terms[i] != terms[kept - 1])
            {
                terms[kept++] = terms[i];
            }
        }

        terms.RemoveRange(kept, terms.Count - kept);
        return terms;
    }

    private static int CompareHits(TermHit a, TermHit b)
    {
        var byField = (a.Field == "title" ? 0 : 1).CompareTo(b.Field == "title" ? 0 : 1);
        if (byField != 0)
        {
            return byField;
        }

        var byStart = a.Start.CompareTo(b.Start);
        if (byStart != 0)
        {
            return byStart;
        }

        var byTerm = string.CompareOrdinal(a.Term, b.Term);
        return byTerm != 0 ? byTerm : a.Length.CompareTo(b.Length);
    }

    private void Scan(string text, RuleField field, int chain, MatchState state)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var automaton = _automata[chain];
        var cache = _wordCache[chain];
        // Word start offsets of the last words, for the start of a phrase that ends at the current word.
        // A ring indexed with a mask, not %: MaxPhraseWords is a power of two, and a division per word showed.
        const int Ring = RuleParser.MaxPhraseWords - 1;
        Span<int> starts = stackalloc int[RuleParser.MaxPhraseWords];
        var automatonState = 0;
        var position = 0;
        var i = 0;
        while (RuleTextAnalyzer.NextWord(text, ref i, out var start))
        {
            var word = text.AsSpan(start, i - start);
            var info = word.Length > RuleTextAnalyzer.MaxWordLength ? UnknownWord : Lookup(cache, word, chain);
            starts[position & Ring] = start;
            automatonState = automaton.Step(automatonState, info.Symbol);
            for (var node = automaton.FirstOutput(automatonState); node != 0; node = automaton.NextOutput(node))
            {
                var first = position - automaton.Depth(node) + 1;
                var occurrence = new Occurrence(field, first, position, starts[first & Ring], i);
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

    private static readonly WordCache.Entry UnknownWord = new("", 0, -1, []);

    /// <summary>The symbol and prefix atoms of an item word, analysed once per set and chain, then cached.</summary>
    private WordCache.Entry Lookup(WordCache cache, ReadOnlySpan<char> word, int chain)
    {
        var hash = WordCache.Hash(word);
        if (cache.Find(word, hash) is { } cached)
        {
            return cached;
        }

        var (key, folded) = RuleTextAnalyzer.AnalyzeWord(word, (AnalysisChain)chain);
        var entry = new WordCache.Entry(word.ToString(), hash, _automata[chain].SymbolOf(key), _prefixes.IsEmpty ? [] : _prefixes.Match(folded));
        cache.Add(entry);
        return entry;
    }

    private sealed record CompiledRule(RuleDefinition Definition, RuleExpr Expr, AtomExpr[] PositiveAtoms, int[] Trigger);

    /// <summary>Numbers distinct terms and analyses each with every Latin chain (Arabic words take the Arabic chain).</summary>
    private sealed class SetBuilder
    {
        // Atoms by identity: a word and a one-word phrase are the same atom; a prefix or exact word is not.
        private readonly Dictionary<(TermKind Kind, string Text), int> _atoms = [];
        private readonly List<string> _display = [];
        private readonly List<(TermKind Kind, string Text)> _kinds = [];

        // Word and phrase atoms as sequences of numbered distinct words: each distinct word is then analysed once
        // per chain, however many terms share it.
        private readonly Dictionary<string, int> _wordIds = new(StringComparer.Ordinal);
        private readonly List<string> _words = [];
        private readonly List<(int Atom, int[] Words)> _wordAtoms = [];

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
            var identity = (term.Kind == TermKind.Phrase ? TermKind.Word : term.Kind, term.Text);
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

            var words = new List<int>();
            foreach (var (start, length) in RuleTextAnalyzer.Words(term.Text))
            {
                var word = length == term.Text.Length ? term.Text : term.Text.Substring(start, length);
                if (!_wordIds.TryGetValue(word, out var id))
                {
                    id = _words.Count;
                    _wordIds.Add(word, id);
                    _words.Add(word);
                }

                words.Add(id);
            }

            _wordAtoms.Add((atom, [.. words]));
            return atom;
        }

        /// <summary>Analyses every word and phrase term once per language chain and builds that chain's automaton.
        /// Sequential on purpose: compile time is budgeted in CPU time, and a parallel build only hides it.</summary>
        public TokenAutomaton[] BuildAutomata()
        {
            var automata = new TokenAutomaton[LatinChains.Length];
            var symbolOfWord = new int[LatinChains.Length][];
            var path = new int[RuleParser.MaxPhraseWords];
            for (var c = 0; c < LatinChains.Length; c++)
            {
                // Number the distinct keys of the rule words in this chain, in word order.
                var symbols = new Dictionary<string, int>(StringComparer.Ordinal);
                symbolOfWord[c] = new int[_words.Count];
                for (var w = 0; w < _words.Count; w++)
                {
                    var key = RuleTextAnalyzer.AnalyzeWord(_words[w], LatinChains[c]).Key;
                    if (!symbols.TryGetValue(key, out var symbol))
                    {
                        symbols.Add(key, symbol = symbols.Count);
                    }

                    symbolOfWord[c][w] = symbol;
                }

                // Chains that group the rule words alike (usual: stemming rarely merges two words of the same rule
                // set) get identical numbering, hence the same trie: share it, only the key table differs.
                var same = Array.FindIndex(symbolOfWord, 0, c, earlier => earlier.AsSpan().SequenceEqual(symbolOfWord[c]));
                if (same >= 0)
                {
                    automata[c] = automata[same].WithSymbols(symbols);
                    continue;
                }

                var builder = new TokenAutomaton.Builder(symbols.Count);
                foreach (var (atom, words) in _wordAtoms)
                {
                    for (var i = 0; i < words.Length; i++)
                    {
                        path[i] = symbolOfWord[c][words[i]];
                    }

                    builder.Add(path.AsSpan(0, words.Length), atom);
                }

                automata[c] = builder.Build(symbols);
            }

            return automata;
        }
    }
}

/// <summary>Rows of ints in two flat arrays, row r being <c>items[start[r]..start[r + 1]]</c>: one allocation instead of
/// one array per row, and rows read in order lie side by side in memory.</summary>
internal sealed class IntRows
{
    private readonly int[] _start;
    private readonly int[] _items;

    private IntRows(int[] start, int[] items)
    {
        _start = start;
        _items = items;
    }

    public ReadOnlySpan<int> this[int row] => _items.AsSpan(_start[row], _start[row + 1] - _start[row]);

    internal sealed class Builder
    {
        private readonly List<int> _start = [0];
        private readonly List<int> _items = [];

        public void Add(List<int> row)
        {
            _items.AddRange(row);
            _start.Add(_items.Count);
        }

        public IntRows Build() => new([.. _start], [.. _items]);
    }
}
