using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NgoMonitor.Core.Matching.Rules;

/// <summary>
/// All watchlist rules compiled into one matcher. Semantics and order, per item:
/// 1. the item's language is the declared one, else detected (<see cref="LanguageDetector"/>);
/// 2. title and body are tokenised and analysed (<see cref="RuleTextAnalyzer"/>) in that language; word positions
///    restart at 0 in each field, so phrases and NEAR never span title and body;
/// 3. one pass per field finds every occurrence of every rule term: each distinct item word is analysed once and
///    cached with the terms it ends by itself (one-word, prefix and exact (=word) terms, found through a character
///    trie; see <see cref="WordCache"/>), and phrase words also step a word-level Aho-Corasick automaton
///    (<see cref="TokenAutomaton"/>) that finds the phrases; each rule term was analysed with the same chain as the
///    item, so "hospitals" in a rule meets "hospital" in an English item and "مستشفى" meets "المستشفيات";
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
    private readonly FlatRows<TriggerEntry> _triggers;
    private readonly FlatRows<int> _conditionsByRule;
    private readonly TokenAutomaton[] _automata;
    private readonly PrefixTrie _prefixes;
    private readonly WordCache[] _wordCache;


    private CompiledRuleSet(CompiledRule[] rules, string[] atomDisplay, FlatRows<TriggerEntry> triggers, FlatRows<int> conditionsByRule,
        TokenAutomaton[] automata, PrefixTrie prefixes)
    {
        _rules = rules;
        _atomDisplay = atomDisplay;
        _triggers = triggers;
        _conditionsByRule = conditionsByRule;
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
        // Sized for the rule count when it is known: grown tables of 10,000 rules are copied several times over, on the
        // large object heap (whose garbage only a full collection reclaims).
        var expected = rules.TryGetNonEnumeratedCount(out var count) ? count : 0;
        var builder = new SetBuilder(expected);
        var ids = new HashSet<string>(expected, StringComparer.Ordinal);
        var compiled = new List<CompiledRule>(expected);
        var atoms = new List<(AtomExpr Atom, bool Negated)>();
        var clauses = new RuleClauses(builder.Selectivity);
        var conditions = new List<int>();
        var conditionsByRule = new FlatRows<int>.Builder(expected);
        var triggers = new List<(int Atom, TriggerEntry Entry)>(expected);
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
            clauses.Clear();
            expr.Clauses(clauses);
            var index = compiled.Count;
            compiled.Add(new CompiledRule(rule, expr, PositiveAtoms(atoms)));

            // Index the rule under its most selective condition; with none (NOT-heavy rules) under all of its atoms,
            // which is always safe because the parser refuses rules true with none present.
            var trigger = clauses.Best();
            if (trigger < 0)
            {
                IndexUnderAllAtoms(index, atoms, triggers);
                conditionsByRule.Add([]);
                continue;
            }

            // The other conditions, each stored as its length then its atoms. The most selective one of one or two
            // terms also goes beside the rule in the trigger index (its partner), so that most triggered rules are
            // dropped by a bit test or two while reading the index in order, before their conditions are read.
            var partner = clauses.Best(maxLength: 2, skip: trigger);
            conditions.Clear();
            for (var clause = 0; clause < clauses.Count; clause++)
            {
                if (clause != trigger && clause != partner)
                {
                    conditions.Add(clauses[clause].Length);
                    conditions.AddRange(clauses[clause]);
                }
            }

            conditionsByRule.Add(conditions);
            var entry = partner < 0
                ? new TriggerEntry(index, MatchState.Always, MatchState.Never)
                : new TriggerEntry(index, clauses[partner][0], clauses[partner] is [_, var second] ? second : MatchState.Never);
            foreach (var atom in clauses[trigger])
            {
                triggers.Add((atom, entry));
            }
        }

        return new CompiledRuleSet([.. compiled], builder.AtomDisplays(), FlatRows<TriggerEntry>.Group(builder.AtomCount, triggers),
            conditionsByRule.Build(), builder.BuildAutomata(), builder.Prefixes);
    }

    /// <summary>Indexes rule <paramref name="index"/> under each of its distinct atoms, in order of first use. (A rule
    /// has few atoms: a scan of the earlier ones finds repeats without the set and arrays Distinct made per rule.)</summary>
    private static void IndexUnderAllAtoms(int index, List<(AtomExpr Atom, bool Negated)> atoms, List<(int Atom, TriggerEntry Entry)> triggers)
    {
        var entry = new TriggerEntry(index, MatchState.Always, MatchState.Never);
        for (var i = 0; i < atoms.Count; i++)
        {
            var atom = atoms[i].Atom.Atom;
            var seen = false;
            for (var j = 0; j < i && !seen; j++)
            {
                seen = atoms[j].Atom.Atom == atom;
            }

            if (!seen)
            {
                triggers.Add((atom, entry));
            }
        }
    }

    /// <summary>The distinct atoms of a rule outside NOT, each with the fields any of its uses looks in: what a hit
    /// explains.</summary>
    private static (int Atom, RuleField Fields)[] PositiveAtoms(List<(AtomExpr Atom, bool Negated)> atoms)
    {
        // Gathered on the stack and copied once: a list per rule and a lambda per atom (a closure and a delegate each)
        // were a tenth of what compiling allocated.
        Span<(int Atom, RuleField Fields)> positive = atoms.Count <= 32 ? stackalloc (int, RuleField)[atoms.Count] : new (int, RuleField)[atoms.Count];
        var count = 0;
        foreach (var (atom, negated) in atoms)
        {
            if (negated)
            {
                continue;
            }

            var at = 0;
            while (at < count && positive[at].Atom != atom.Atom)
            {
                at++;
            }

            if (at == count)
            {
                positive[count++] = (atom.Atom, atom.Field);
            }
            else
            {
                positive[at].Fields |= atom.Field;
            }
        }

        return positive[..count].ToArray();
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

        // Triggered rules whose partner term occurred, as a bit set over rule indexes: duplicates vanish, and reading
        // the bits in order gives compile order without sorting.
        var candidates = state.RuleBits(_rules.Length);
        foreach (var atom in state.Found)
        {
            // Without branches: whether a partner occurred is a coin toss the processor cannot predict.
            foreach (var trigger in _triggers[atom])
            {
                candidates[trigger.Rule >> 6] |= (state.OccurredBit(trigger.Partner) | state.OccurredBit(trigger.OrPartner)) << trigger.Rule;
            }
        }

        var hits = new List<RuleHit>();
        for (var w = 0; w < candidates.Length; w++)
        {
            var word = candidates[w];
            if (word == 0)
            {
                continue;
            }

            candidates[w] = 0;
            for (var bits = word; bits != 0; bits &= bits - 1)
            {
                var r = (w << 6) + BitOperations.TrailingZeroCount(bits);
                if (r >= _rules.Length || !ConditionsHold(r, state))
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

    // (r beyond the rule count: a bit left by a larger set's match that threw before reading it; a stale bit below
    // it only costs an evaluation, which decides exactly.)

    /// <summary>False when a condition of rule <paramref name="r"/> (a set of terms one of which every match needs)
    /// has no term that occurred: read from flat arrays and the state's bit set, without touching the rule tree
    /// (scattered in memory: cache misses were most of matching time at 10,000 rules).</summary>
    private bool ConditionsHold(int r, MatchState state)
    {
        if (_conditionsByRule.IsEmpty(r))
        {
            return true;
        }

        var conditions = _conditionsByRule[r];
        var i = 0;
        while (i < conditions.Length)
        {
            var end = i + 1 + conditions[i];
            var any = false;
            for (i++; i < end && !any; i++)
            {
                any = state.Occurred(conditions[i]);
            }

            if (!any)
            {
                return false;
            }

            i = end;
        }

        return true;
    }

    /// <summary>
    /// Every occurrence of the rule's terms outside NOT, title before body, then by position, then by term (ordinal)
    /// and length. Each term's occurrences are linked latest first, so they are already in order: a merge of a few
    /// sorted lists, latest first, then read backwards. A common term occurs dozens of times in an article, and
    /// collecting, sorting and deduplicating them was a third of matching at 10,000 rules.
    /// </summary>
    private List<TermHit> Explain(CompiledRule rule, MatchState state)
    {
        var atoms = rule.PositiveAtoms;
        Span<int> next = stackalloc int[atoms.Length];
        for (var k = 0; k < atoms.Length; k++)
        {
            next[k] = NextInFields(state, state.Latest(atoms[k].Atom), atoms[k].Fields);
        }

        var merged = state.Explained;
        merged.Clear();
        while (true)
        {
            var pick = -1;
            for (var k = 0; k < atoms.Length; k++)
            {
                if (next[k] != 0 && (pick < 0 || Later(state.At(next[k]), atoms[k].Atom, state.At(next[pick]), atoms[pick].Atom)))
                {
                    pick = k;
                }
            }

            if (pick < 0)
            {
                break;
            }

            merged.Add((state.At(next[pick]), atoms[pick].Atom));
            next[pick] = NextInFields(state, state.Previous(next[pick]), atoms[pick].Fields);
        }

        var terms = new List<TermHit>(merged.Count);
        for (var i = merged.Count - 1; i >= 0; i--)
        {
            var (o, atom) = merged[i];
            terms.Add(new TermHit(_atomDisplay[atom], o.Field == RuleField.Title ? "title" : "body", o.Start, o.End - o.Start));
        }

        return terms;
    }

    /// <summary>The first link from <paramref name="link"/> on (latest first) whose field is in <paramref name="fields"/>, or 0.</summary>
    private static int NextInFields(MatchState state, int link, RuleField fields)
    {
        while (link != 0 && (state.At(link).Field & fields) == 0)
        {
            link = state.Previous(link);
        }

        return link;
    }

    /// <summary>Whether occurrence <paramref name="a"/> of atom <paramref name="atomA"/> comes after <paramref name="b"/>
    /// of <paramref name="atomB"/> in explanation order (field, start, term, length).</summary>
    private bool Later(in Occurrence a, int atomA, in Occurrence b, int atomB)
    {
        if (a.Field != b.Field)
        {
            return a.Field > b.Field;
        }

        if (a.Start != b.Start)
        {
            return a.Start > b.Start;
        }

        var byTerm = string.CompareOrdinal(_atomDisplay[atomA], _atomDisplay[atomB]);
        return byTerm != 0 ? byTerm > 0 : a.End - a.Start > b.End - b.Start;
    }

    /// <summary>
    /// Finds every rule term in one field. Words are taken in batches: first a batch is split and keyed and each
    /// word's cache slot is requested from memory (<see cref="WordCache.Prefetch"/>), then the batch is looked up and
    /// matched, by which time its slots have arrived. Looking words up one by one as they were split waited on
    /// memory for each rare word in turn (the word cache is megabytes at 10,000 rules), and was the largest cost.
    /// </summary>
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
        // Inline arrays rather than stackalloc: a method with stackalloc is compiled once, without the profile-guided
        // recompilation the runtime gives hot loops.
        var startsRing = default(PhraseStarts);
        Span<int> starts = startsRing;
        var batchWords = default(WordBatch);
        Span<KeyedWord> batch = batchWords;
        var automatonState = 0;
        var position = 0;
        var i = 0;
        while (true)
        {
            var count = SplitAndKey(text, ref i, batch, cache);

            for (var b = 0; b < count; b++)
            {
                var (start, length, key) = batch[b];
                var end = start + length;
                var word = text.AsSpan(start, length);
                var symbol = -1;
                var inlineAtom = -1;
                ReadOnlySpan<int> atoms = default;
                if (length <= RuleTextAnalyzer.MaxWordLength && !cache.TryFind(word, key, out symbol, out inlineAtom, out atoms))
                {
                    (symbol, var analysed) = Analyse(word, chain);
                    cache.Add(word, key, symbol, analysed);
                    atoms = analysed;
                }

                starts[position & Ring] = start;
                if (symbol < 0)
                {
                    automatonState = 0; // a word in no phrase: the automaton is back at its root
                }
                else
                {
                    // Only phrases are read from the automaton: the word's one-word terms came with it from the cache.
                    automatonState = automaton.Step(automatonState, symbol);
                    for (var node = automaton.FirstPhraseOutput(automatonState, symbol); node != 0; node = automaton.NextPhraseOutput(node))
                    {
                        var first = position - automaton.Depth(node) + 1;
                        var occurrence = new Occurrence(field, first, position, starts[first & Ring], end);
                        foreach (var atom in automaton.Outputs(node))
                        {
                            state.Add(atom, occurrence);
                        }
                    }
                }

                if (inlineAtom >= 0 || !atoms.IsEmpty)
                {
                    var occurrence = new Occurrence(field, position, position, start, end);
                    if (inlineAtom >= 0)
                    {
                        state.Add(inlineAtom, occurrence);
                    }

                    foreach (var atom in atoms)
                    {
                        state.Add(atom, occurrence);
                    }
                }

                position++;
            }

            if (count < batch.Length)
            {
                return;
            }
        }
    }

    /// <summary>Splits the next words of <paramref name="text"/> from <paramref name="i"/> into <paramref name="batch"/>,
    /// keys each and requests its cache slot; returns how many (fewer than the batch holds at the end of the text).
    /// </summary>
    private static int SplitAndKey(string text, ref int i, Span<KeyedWord> batch, WordCache cache)
    {
        var count = 0;
        while (count < batch.Length && RuleTextAnalyzer.NextWord(text, ref i, out var start))
        {
            var length = i - start;
            var key = length <= RuleTextAnalyzer.MaxWordLength ? WordCache.KeyOf(text, start, length) : default;
            cache.Prefetch(key);
            batch[count++] = new KeyedWord(start, length, key);
        }

        return count;
    }

    /// <summary>Words per batch of <see cref="Scan"/>: enough that splitting a batch takes longer than fetching its
    /// slots from memory, few enough that the slots are all still in the core's cache when they are read.</summary>
    private const int BatchWords = 32;

    /// <summary>A word of the item being scanned, split and keyed ahead of its lookup.</summary>
    private readonly record struct KeyedWord(int Start, int Length, WordCache.Key Key);

    [InlineArray(BatchWords)]
    private struct WordBatch
    {
        private KeyedWord _first;
    }

    [InlineArray(RuleParser.MaxPhraseWords)]
    private struct PhraseStarts
    {
        private int _first;
    }

    /// <summary>
    /// An item word not yet cached, analysed in full: its automaton symbol, or -1 when the automaton need not see it
    /// (a word in no rule, or in no phrase), and the atoms the word adds by itself wherever it occurs: its one-word
    /// terms, and the prefix and exact terms it matches.
    /// </summary>
    private (int Symbol, int[] Atoms) Analyse(ReadOnlySpan<char> word, int chain)
    {
        var (key, folded) = RuleTextAnalyzer.AnalyzeWord(word, (AnalysisChain)chain);
        var automaton = _automata[chain];
        var symbol = automaton.SymbolOf(key);
        var prefixes = _prefixes.IsEmpty ? [] : _prefixes.Match(folded);
        return symbol < 0 ? (-1, prefixes)
            : (automaton.InPhrase(symbol) ? symbol : -1, [.. automaton.WordAtoms(symbol), .. prefixes]);
    }

    private sealed record CompiledRule(RuleDefinition Definition, RuleExpr Expr, (int Atom, RuleField Fields)[] PositiveAtoms);

    /// <summary>Numbers distinct terms and analyses each with every Latin chain (Arabic words take the Arabic chain).</summary>
    private sealed class SetBuilder
    {
        // Texts seen, each as a distinct rule word (its number, or -1) and as the text of a word or phrase term (its
        // atom, or -1): one table for both, since most terms are one word whose text is the word. A word and a
        // one-word phrase are the same atom; a prefix or exact word is not (those are in _otherAtoms).
        private readonly Dictionary<string, (int Word, int Atom)> _texts;
        private readonly Dictionary<string, (int Word, int Atom)>.AlternateLookup<ReadOnlySpan<char>> _textsBySpan;
        private readonly Dictionary<(TermKind Kind, string Text), int> _otherAtoms = [];
        private readonly List<string> _display;
        private readonly List<double> _selectivity;
        private readonly List<string> _words;

        // Word and phrase atoms as sequences of numbered distinct words (each distinct word is then analysed once per
        // chain, however many terms share it): the atom and where its words are in _atomWords.
        private readonly List<(int Atom, int Start, int Length)> _wordAtoms;
        private readonly List<int> _atomWords;

        /// <param name="rules">Rules expected (0: unknown). Every rule has a term, so tables of terms and words start
        /// that large: fewer copies as they grow.</param>
        public SetBuilder(int rules)
        {
            _texts = new(rules, StringComparer.Ordinal);
            _display = new(rules);
            _selectivity = new(rules);
            _words = new(rules);
            _wordAtoms = new(rules);
            _atomWords = new(rules);
            // One delegate for the whole compile (a method group converted per use allocates each time).
            Selectivity = atom => _selectivity[atom];
            _textsBySpan = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public PrefixTrie Prefixes { get; } = new();

        public int AtomCount => _display.Count;

        /// <summary>How rare an atom's matches are likely to be (higher: rarer); see <see cref="SelectivityOf"/>.</summary>
        public Func<int, double> Selectivity { get; }

        public string[] AtomDisplays() => [.. _display];

        public RuleExpr Convert(RuleNode node) => node switch
        {
            TermNode term => new AtomExpr(Atom(term), term.Field),
            AndNode and => new AndExpr(ConvertAll(and.Operands)),
            OrNode or => new OrExpr(ConvertAll(or.Operands)),
            NotNode not => new NotExpr(Convert(not.Operand)),
            NearNode near => new NearExpr(Convert(near.Left), Convert(near.Right), near.Distance),
            _ => throw new InvalidOperationException("Unknown rule node " + node.GetType().Name),
        };

        private RuleExpr[] ConvertAll(IReadOnlyList<RuleNode> nodes)
        {
            var converted = new RuleExpr[nodes.Count];
            for (var i = 0; i < converted.Length; i++)
            {
                converted[i] = Convert(nodes[i]);
            }

            return converted;
        }

        /// <summary>Phrases over words, long words over short ones (word length falls with frequency), prefixes least;
        /// an atom keeps the kind of the term that first made it.</summary>
        private static double SelectivityOf(TermNode term) => term.Kind switch
        {
            TermKind.Phrase => 100 + term.Text.Length,
            TermKind.Prefix => term.Text.Length / 4.0,
            _ => term.Text.Length,
        };

        private int NewAtom(TermNode term)
        {
            _display.Add(term.Display);
            _selectivity.Add(SelectivityOf(term));
            return _display.Count - 1;
        }

        private int Atom(TermNode term)
        {
            if (term.Kind is TermKind.Prefix or TermKind.Exact)
            {
                return PrefixOrExactAtom(term);
            }

            if (_texts.TryGetValue(term.Text, out var seen) && seen.Atom >= 0)
            {
                return seen.Atom;
            }

            // Words through the Words iterator, not NextWord: NextWord is the matcher's innermost loop, and calls from
            // here (30,000 short rule terms before the first item) skewed its profile-guided optimisation (matching
            // 10,000 rules measured 20% slower, and the same without dynamic PGO).
            var atom = NewAtom(term);
            var start = _atomWords.Count;
            foreach (var (wordStart, length) in RuleTextAnalyzer.Words(term.Text))
            {
                _atomWords.Add(WordNumber(term.Text, wordStart, length));
            }

            _wordAtoms.Add((atom, start, _atomWords.Count - start));
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_texts, term.Text, out var exists);
            entry = (exists ? entry.Word : -1, atom);
            return atom;
        }

        /// <summary>The number of the word at <paramref name="start"/> in <paramref name="text"/>, numbering it if new
        /// (its string is made only then).</summary>
        private int WordNumber(string text, int start, int length)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_textsBySpan, text.AsSpan(start, length), out var exists);
            if (!exists)
            {
                entry = (-1, -1);
            }

            if (entry.Word < 0)
            {
                entry.Word = _words.Count;
                _words.Add(length == text.Length ? text : text.Substring(start, length));
            }

            return entry.Word;
        }

        private int PrefixOrExactAtom(TermNode term)
        {
            if (_otherAtoms.TryGetValue((term.Kind, term.Text), out var atom))
            {
                return atom;
            }

            atom = NewAtom(term);
            _otherAtoms.Add((term.Kind, term.Text), atom);
            var (start, length) = RuleTextAnalyzer.Words(term.Text).First(); // not NextWord: see Atom
            var folded = RuleTextAnalyzer.Fold(term.Text.AsSpan(start, length));
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

        /// <summary>Analyses every word and phrase term once per language chain and builds that chain's automaton.
        /// Sequential on purpose: compile time is budgeted in CPU time, and a parallel build only hides it.</summary>
        public TokenAutomaton[] BuildAutomata()
        {
            // Each distinct rule word analysed once for all chains (case folding and diacritics shared), its key in
            // each chain numbered in one table for all chains: most words have the same key in several chains.
            var chains = LatinChains.Length;
            var keyIds = new Dictionary<string, int>(_words.Count * 2, StringComparer.Ordinal);
            var keyOfWord = new int[chains][];
            for (var c = 0; c < chains; c++)
            {
                keyOfWord[c] = new int[_words.Count];
            }

            Span<string> keys = new string[chains];
            for (var w = 0; w < _words.Count; w++)
            {
                RuleTextAnalyzer.LatinChainKeys(_words[w], keys);
                for (var c = 0; c < chains; c++)
                {
                    ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(keyIds, keys[c], out var exists);
                    if (!exists)
                    {
                        id = keyIds.Count - 1;
                    }

                    keyOfWord[c][w] = id;
                }
            }

            var automata = new TokenAutomaton[chains];
            var symbolOfWord = new int[chains][];
            var builder = new TokenAutomaton.Builder(_atomWords.Count + 1);
            Span<int> path = stackalloc int[RuleParser.MaxPhraseWords];
            for (var c = 0; c < chains; c++)
            {
                // Number the distinct keys of the rule words in this chain, in word order. Written over the chain's key
                // numbers (each read just before it is replaced, and not needed after): one array per chain, not two.
                var symbolOfKey = new int[keyIds.Count];
                symbolOfKey.AsSpan().Fill(-1);
                var symbolCount = 0;
                symbolOfWord[c] = keyOfWord[c];
                for (var w = 0; w < _words.Count; w++)
                {
                    ref var symbol = ref symbolOfKey[keyOfWord[c][w]];
                    if (symbol < 0)
                    {
                        symbol = symbolCount++;
                    }

                    symbolOfWord[c][w] = symbol;
                }

                // Chains that group the rule words alike (usual: stemming rarely merges two words of the same rule
                // set) get identical numbering, hence the same trie: share it, only the key table differs.
                var same = Array.FindIndex(symbolOfWord, 0, c, earlier => earlier.AsSpan().SequenceEqual(symbolOfWord[c]));
                if (same >= 0)
                {
                    automata[c] = automata[same].WithSymbols(symbolOfKey);
                    continue;
                }

                builder.Start(symbolCount);
                foreach (var (atom, start, length) in _wordAtoms)
                {
                    for (var i = 0; i < length; i++)
                    {
                        path[i] = symbolOfWord[c][_atomWords[start + i]];
                    }

                    builder.Add(path[..length], atom);
                }

                automata[c] = builder.Build(keyIds, symbolOfKey);
            }

            return automata;
        }
    }
}

/// <summary>Rows of values in two flat arrays, row r being <c>items[start[r]..start[r + 1]]</c>: one allocation instead of
/// one array per row, and rows read in order lie side by side in memory. A bit per row says whether it is empty,
/// without touching the arrays (small enough to stay in the core's cache).</summary>
internal sealed class FlatRows<T>
{
    private readonly int[] _start;
    private readonly T[] _items;
    private readonly ulong[] _nonEmpty;

    private FlatRows(int[] start, T[] items)
    {
        _start = start;
        _items = items;
        _nonEmpty = new ulong[(start.Length + 63) / 64];
        for (var row = 0; row + 1 < start.Length; row++)
        {
            if (start[row + 1] > start[row])
            {
                _nonEmpty[row >> 6] |= 1UL << row;
            }
        }
    }

    public ReadOnlySpan<T> this[int row] => _items.AsSpan(_start[row], _start[row + 1] - _start[row]);

    public bool IsEmpty(int row) => (_nonEmpty[row >> 6] & (1UL << row)) == 0;

    /// <summary>Rows of <paramref name="rowCount"/> from (row, item) pairs in any order; within a row, items keep
    /// the order they were added in.</summary>
    public static FlatRows<T> Group(int rowCount, List<(int Row, T Item)> added)
    {
        var start = new int[rowCount + 1];
        foreach (var (row, _) in added)
        {
            start[row + 1]++;
        }

        for (var r = 0; r < rowCount; r++)
        {
            start[r + 1] += start[r];
        }

        var next = start[..rowCount];
        var items = new T[added.Count];
        foreach (var (row, item) in added)
        {
            items[next[row]++] = item;
        }

        return new FlatRows<T>(start, items);
    }

    /// <summary>Builds rows in order, one <see cref="Add"/> per row.</summary>
    internal sealed class Builder
    {
        private readonly List<int> _start;
        private readonly List<T> _items = [];

        /// <param name="expectedRows">Rows expected (0: unknown), to size the table once.</param>
        public Builder(int expectedRows = 0)
        {
            _start = new List<int>(expectedRows + 1) { 0 };
        }

        public void Add(List<T> row)
        {
            _items.AddRange(row);
            _start.Add(_items.Count);
        }

        public FlatRows<T> Build() => new([.. _start], [.. _items]);
    }
}

/// <summary>An entry of the trigger index (for each atom, the rules indexed under it, read in sequence): the rule
/// and its partner condition, one or two terms one of which the rule also needs.</summary>
/// <param name="Rule">The rule's index.</param>
/// <param name="Partner">A term the rule also needs (<see cref="MatchState.Always"/>: none), or with
/// <paramref name="OrPartner"/> one of two.</param>
/// <param name="OrPartner">The other term of a two-term partner condition, or <see cref="MatchState.Never"/>.</param>
internal readonly record struct TriggerEntry(int Rule, int Partner, int OrPartner);
