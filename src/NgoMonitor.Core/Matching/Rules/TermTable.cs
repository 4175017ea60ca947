using System.Runtime.InteropServices;

namespace NgoMonitor.Core.Matching.Rules;

/// <summary>Numbers distinct terms and analyses each with every Latin chain (Arabic words take the Arabic chain).</summary>
internal sealed class TermTable
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
    public TermTable(int rules)
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
        var chains = CompiledRuleSet.LatinChains.Length;
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
