namespace NgoMonitor.Core.Matching.Rules;

/// <summary>
/// Aho-Corasick over words rather than characters: the alphabet is the set of rule word keys (each numbered as a
/// symbol), the patterns are word sequences (one word for a term, several for a phrase). Scanning an item costs one
/// transition per word however many patterns there are; words that occur in no rule reset to the root.
/// Built once, then read-only, so one instance is shared by all threads.
/// </summary>
internal sealed class TokenAutomaton
{
    private readonly Dictionary<string, int> _symbols;
    private readonly int[] _rootNext;
    private readonly Dictionary<long, int> _next;

    // Everything about a node in one struct, and all output atoms in one array: scanning touches a node's fields
    // together, and separate arrays (one int[] of atoms per node) cost a cache miss each at 10,000 rules.
    private readonly Node[] _nodes;
    private readonly int[] _outputAtoms;

    private readonly bool[] _inPhrase;

    private TokenAutomaton(Dictionary<string, int> symbols, int[] rootNext, Dictionary<long, int> next, Node[] nodes, int[] outputAtoms, bool[] inPhrase)
    {
        _symbols = symbols;
        _rootNext = rootNext;
        _next = next;
        _nodes = nodes;
        _outputAtoms = outputAtoms;
        _inPhrase = inPhrase;
    }

    public int MaxDepth { get; private init; }

    /// <summary>This automaton with another word key table: for a language chain that groups the rule words into
    /// the same symbols (so the trie is the same) but through different keys (its own stems).</summary>
    public TokenAutomaton WithSymbols(Dictionary<string, int> symbols) =>
        new(symbols, _rootNext, _next, _nodes, _outputAtoms, _inPhrase) { MaxDepth = MaxDepth };

    /// <summary>Whether <paramref name="symbol"/> is a word of some phrase. A word in no phrase only ever ends its
    /// own one-word terms (<see cref="WordAtoms"/>) and leaves the automaton at the root, so the matcher adds those
    /// terms without stepping the automaton (fewer memory reads per rule word).</summary>
    public bool InPhrase(int symbol) => _inPhrase[symbol];

    /// <summary>The atoms of the one-word terms of <paramref name="symbol"/>.</summary>
    public ReadOnlySpan<int> WordAtoms(int symbol) => _rootNext[symbol] == 0 ? default : Outputs(_rootNext[symbol]);

    /// <summary>The symbol of a word key, or -1 when no rule uses the word.</summary>
    public int SymbolOf(string key) => _symbols.TryGetValue(key, out var symbol) ? symbol : -1;

    /// <summary>The state after reading <paramref name="symbol"/> (-1: a word no rule uses) in <paramref name="state"/>.</summary>
    public int Step(int state, int symbol)
    {
        if (symbol < 0)
        {
            return 0;
        }

        while (state != 0)
        {
            // Most states end a one-word term and have no children: skip the edge lookup for them.
            ref readonly var node = ref _nodes[state];
            if (node.HasChildren && _next.TryGetValue(Edge(state, symbol), out var target))
            {
                return target;
            }

            state = node.Fail;
        }

        return _rootNext[symbol];
    }

    /// <summary>
    /// The first node at or below <paramref name="state"/> (by suffix), reached by reading <paramref name="symbol"/>,
    /// where a phrase (a pattern of two words or more) ends, or 0. One-word terms are left out: the matcher takes a
    /// word's one-word terms with the word (<see cref="WordAtoms"/>), so a phrase word read from the root, the usual
    /// case, needs no read of the node (a cache miss at 10,000 rules).
    /// </summary>
    public int FirstPhraseOutput(int state, int symbol)
    {
        if (state == _rootNext[symbol])
        {
            return 0; // one word deep: only one-word terms end here
        }

        var node = _nodes[state].HasOutputs ? state : _nodes[state].OutputLink;
        return node != 0 && _nodes[node].Depth > 1 ? node : 0;
    }

    /// <summary>The next node after <paramref name="node"/> (a shorter suffix) where a phrase ends, or 0.</summary>
    public int NextPhraseOutput(int node)
    {
        var next = _nodes[node].OutputLink;
        return next != 0 && _nodes[next].Depth > 1 ? next : 0;
    }

    /// <summary>The atoms ending at an output node.</summary>
    public ReadOnlySpan<int> Outputs(int node) => _outputAtoms.AsSpan(_nodes[node].OutputStart, _nodes[node].OutputCount);

    /// <summary>Length in words of the patterns ending at <paramref name="node"/>.</summary>
    public int Depth(int node) => _nodes[node].Depth;

    private static long Edge(int node, int symbol) => ((long)node << 32) | (uint)symbol;

    /// <param name="Fail">Failure link: the longest proper suffix of this node's word sequence that is a trie path.</param>
    /// <param name="OutputLink">The nearest node along failure links where patterns end, or 0.</param>
    /// <param name="Depth">Words from the root.</param>
    /// <param name="OutputStart">Where this node's atoms start in the shared output array.</param>
    /// <param name="OutputCount">How many patterns end here.</param>
    /// <param name="HasChildren">False for leaves, which most nodes are: no edge lookup needed.</param>
    private readonly record struct Node(int Fail, int OutputLink, int Depth, int OutputStart, int OutputCount, bool HasChildren)
    {
        public bool HasOutputs => OutputCount > 0;
    }

    /// <summary>Builds the automaton over symbols 0 to symbolCount - 1; the caller numbers word keys as symbols.</summary>
    internal sealed class Builder(int symbolCount)
    {

        // The root's edges in an array by symbol (most terms are one word: root edges are most edges), the others in
        // one dictionary keyed by (node, symbol), and each node's children as a list (null for leaves); a dictionary
        // per node made compiling 10,000 rules allocate hundreds of thousands of small tables.
        private readonly int[] _rootChild = new int[symbolCount];
        private readonly bool[] _inPhrase = new bool[symbolCount];
        private readonly Dictionary<long, int> _edges = [];
        private readonly List<List<(int Symbol, int Child)>?> _children = [null];
        private readonly List<List<int>?> _outputs = [null];
        private readonly List<int> _depth = [0];

        public void Add(ReadOnlySpan<int> symbols, int atom)
        {
            var node = 0;
            foreach (var symbol in symbols)
            {
                _inPhrase[symbol] |= symbols.Length > 1;
                var child = Child(node, symbol);
                if (child == 0)
                {
                    child = _children.Count;
                    _children.Add(null);
                    _outputs.Add(null);
                    _depth.Add(_depth[node] + 1);
                    if (node == 0)
                    {
                        _rootChild[symbol] = child;
                    }
                    else
                    {
                        _edges.Add(Edge(node, symbol), child);
                    }

                    (_children[node] ??= []).Add((symbol, child));
                }

                node = child;
            }

            (_outputs[node] ??= []).Add(atom);
        }

        /// <summary>The child of <paramref name="node"/> along <paramref name="symbol"/>, or 0 (the root is never a child).</summary>
        private int Child(int node, int symbol) => node == 0 ? _rootChild[symbol] : _edges.GetValueOrDefault(Edge(node, symbol));

        /// <summary>The automaton; <paramref name="symbols"/> maps each word key to its symbol.</summary>
        public TokenAutomaton Build(Dictionary<string, int> symbols)
        {
            var count = _children.Count;
            var fail = new int[count];
            var outputLink = new int[count];
            var hasChildren = new bool[count];
            var queue = new Queue<int>();
            foreach (var (_, child) in _children[0] ?? [])
            {
                queue.Enqueue(child);
            }

            // Breadth first, so a node's failure target (a shorter sequence) is final before its children need it.
            while (queue.Count > 0)
            {
                var node = queue.Dequeue();
                if (_children[node] is not { } children)
                {
                    continue;
                }

                hasChildren[node] = true;
                foreach (var (symbol, child) in children)
                {
                    // Failure: the longest proper suffix of child's word sequence that is also a trie path.
                    var f = fail[node];
                    while (f != 0 && Child(f, symbol) == 0)
                    {
                        f = fail[f];
                    }

                    var target = Child(f, symbol);
                    fail[child] = target != child ? target : 0;
                    outputLink[child] = _outputs[fail[child]] is not null ? fail[child] : outputLink[fail[child]];
                    queue.Enqueue(child);
                }
            }

            var nodes = new Node[count];
            var outputAtoms = new List<int>();
            for (var n = 0; n < count; n++)
            {
                var outputs = _outputs[n] ?? [];
                nodes[n] = new Node(fail[n], outputLink[n], _depth[n], outputAtoms.Count, outputs.Count, hasChildren[n]);
                outputAtoms.AddRange(outputs);
            }

            return new TokenAutomaton(symbols, _rootChild, _edges, nodes, [.. outputAtoms], _inPhrase)
            {
                MaxDepth = _depth.Count == 0 ? 0 : _depth.Max(),
            };
        }
    }
}

/// <summary>A character trie of prefix terms ("evacuat*") and exact words ("=medic"), walked along a word's folded form.</summary>
internal sealed class PrefixTrie
{
    private readonly Dictionary<long, int> _next = [];
    private readonly List<List<int>?> _outputs = [null];
    private readonly Dictionary<int, List<int>> _exact = [];

    public bool IsEmpty => _outputs.Count == 1;

    /// <summary>Adds a word that must equal the folded form, not merely start it.</summary>
    public void AddExact(string folded, int atom)
    {
        var node = Walk(folded);
        if (!_exact.TryGetValue(node, out var list))
        {
            _exact.Add(node, list = []);
        }

        list.Add(atom);
    }

    public void Add(string folded, int atom) => (_outputs[Walk(folded)] ??= []).Add(atom);

    private int Walk(string folded)
    {
        var node = 0;
        foreach (var c in folded)
        {
            var key = ((long)node << 16) | c;
            if (!_next.TryGetValue(key, out var child))
            {
                child = _outputs.Count;
                _outputs.Add(null);
                _next.Add(key, child);
            }

            node = child;
        }

        return node;
    }

    /// <summary>The prefix atoms that <paramref name="folded"/> starts with (empty array when none).</summary>
    public int[] Match(string folded)
    {
        List<int>? found = null;
        var node = 0;
        var walked = 0;
        foreach (var c in folded)
        {
            if (!_next.TryGetValue(((long)node << 16) | c, out node))
            {
                break;
            }

            walked++;
            if (_outputs[node] is { } atoms)
            {
                (found ??= []).AddRange(atoms);
            }
        }

        if (walked == folded.Length && _exact.TryGetValue(node, out var exact))
        {
            (found ??= []).AddRange(exact);
        }

        return found is null ? [] : [.. found];
    }
}
