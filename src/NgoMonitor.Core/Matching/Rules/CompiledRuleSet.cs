using System.Numerics;
using System.Runtime.CompilerServices;

namespace NgoMonitor.Core.Matching.Rules;

/// <summary>
/// All watchlist rules compiled into one matcher. Semantics and order, per item:
/// 1. the item's language and the languages whose rules apply to it are read from the declared language and the text
///    (<see cref="LanguageDetector.Read"/>): a rule written for one language (<see cref="RuleDefinition.Lang"/>) applies
///    only to items that may be in it, a rule with none to every item;
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
///    all occur, or that is written for a language the item is not in, is dropped by array lookups alone; AND, OR,
///    NOT, NEAR/n and field scopes are then applied to the occurrences of the rest;
/// 5. each matching rule is reported, in compile order, with every occurrence of its non-negated terms.
/// The cost of steps 2 and 3 grows with the item's length, not with the number of rules; step 4 grows with the
/// number of rules triggered by the item's words. Immutable after <see cref="Compile"/>: safe to share across threads;
/// a changed rule list is compiled into a new set that replaces the old one whole (the poll pipeline keys its
/// matcher by the watchlists' fingerprint).
/// </summary>
public sealed class CompiledRuleSet
{
    /// <summary>The chains Latin-script text is analysed with; a set holds one automaton and word cache per chain.</summary>
    internal static readonly AnalysisChain[] LatinChains =
        [AnalysisChain.English, AnalysisChain.French, AnalysisChain.Turkish, AnalysisChain.Neutral];

    private readonly CompiledRule[] _rules;
    private readonly LanguageSet[] _scopes;
    private readonly string[] _atomDisplay;
    private readonly FlatRows<TriggerEntry> _triggers;
    private readonly FlatRows<int> _conditionsByRule;
    private readonly TokenAutomaton[] _automata;
    private readonly PrefixTrie _prefixes;
    private readonly WordCache[] _wordCache;

    /// <summary>A set from the parts <see cref="RuleSetCompiler"/> built.</summary>
    internal CompiledRuleSet(CompiledRule[] rules, LanguageSet[] scopes, string[] atomDisplay, FlatRows<TriggerEntry> triggers, FlatRows<int> conditionsByRule,
        TokenAutomaton[] automata, PrefixTrie prefixes)
    {
        _rules = rules;
        _scopes = scopes;
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
    public static CompiledRuleSet Compile(IEnumerable<RuleDefinition> rules) => RuleSetCompiler.Compile(rules);

    /// <summary>The rules <paramref name="doc"/> matches, in compile order, each with its term occurrences.</summary>
    public IReadOnlyList<RuleHit> Match(MatchDocument doc) =>
        _rules.Length == 0 ? [] : Match(doc, LanguageDetector.Read(doc.Language, doc.Title, doc.Body));

    /// <summary>The rules <paramref name="doc"/> matches, its language already read by the caller
    /// (<see cref="LanguageDetector.Read"/> of <paramref name="doc"/>'s declared language and text), which needs it for
    /// more than the rules.</summary>
    public IReadOnlyList<RuleHit> Match(MatchDocument doc, ItemLanguage language)
    {
        if (_rules.Length == 0)
        {
            return [];
        }

        var scope = language.Scope;
        var chain = (int)RuleTextAnalyzer.ChainFor(language.Language);
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
                if (r >= _rules.Length || (_scopes[r] & scope) == 0 || !ConditionsHold(r, state))
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
                        Lang = rule.Definition.Lang,
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
}
