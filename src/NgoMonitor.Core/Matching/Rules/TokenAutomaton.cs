namespace NgoMonitor.Core.Matching.Rules;

/// <summary>
/// Aho-Corasick over words rather than characters: the alphabet is the set of rule word keys (each numbered as a
/// symbol), the patterns are word sequences (one word for a term, several for a phrase). Scanning an item costs one
/// transition per word however many patterns there are; words that occur in no rule reset to the root.
/// Built once, then read-only, so one instance is shared by all threads.
/// </summary>
internal sealed class TokenAutomaton
{
    // Word keys are numbered in one table shared by the automata of all chains (most keys are the same in several
    // chains), and each automaton maps a key's number to its own symbol (-1: not a key of that chain).
    private readonly Dictionary<string, int> _keyIds;
    private readonly int[] _symbolOfKey;
    private readonly int[] _rootNext;
    private readonly Dictionary<long, int> _next;

    // Everything about a node in one struct, and all output atoms in one array: scanning touches a node's fields
    // together, and separate arrays (one int[] of atoms per node) cost a cache miss each at 10,000 rules.
    private readonly Node[] _nodes;
    private readonly int[] _outputAtoms;

    private readonly bool[] _inPhrase;

    private TokenAutomaton(Dictionary<string, int> keyIds, int[] symbolOfKey, int[] rootNext, Dictionary<long, int> next, Node[] nodes, int[] outputAtoms, bool[] inPhrase)
    {
        _keyIds = keyIds;
        _symbolOfKey = symbolOfKey;
        _rootNext = rootNext;
        _next = next;
        _nodes = nodes;
        _outputAtoms = outputAtoms;
        _inPhrase = inPhrase;
    }

    public int MaxDepth { get; private init; }

    /// <summary>This automaton with another symbol per key number: for a language chain that groups the rule words
    /// into the same symbols (so the trie is the same) but through different keys (its own stems).</summary>
    public TokenAutomaton WithSymbols(int[] symbolOfKey) =>
        new(_keyIds, symbolOfKey, _rootNext, _next, _nodes, _outputAtoms, _inPhrase) { MaxDepth = MaxDepth };

    /// <summary>Whether <paramref name="symbol"/> is a word of some phrase. A word in no phrase only ever ends its
    /// own one-word terms (<see cref="WordAtoms"/>) and leaves the automaton at the root, so the matcher adds those
    /// terms without stepping the automaton (fewer memory reads per rule word).</summary>
    public bool InPhrase(int symbol) => _inPhrase[symbol];

    /// <summary>The atoms of the one-word terms of <paramref name="symbol"/>.</summary>
    public ReadOnlySpan<int> WordAtoms(int symbol) => _rootNext[symbol] == 0 ? default : Outputs(_rootNext[symbol]);

    /// <summary>The symbol of a word key, or -1 when no rule uses the word.</summary>
    public int SymbolOf(string key) => _keyIds.TryGetValue(key, out var id) ? _symbolOfKey[id] : -1;

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

    /// <summary>Builds automata over symbols 0 to symbolCount - 1 (the caller numbers word keys as symbols), one after
    /// another: <see cref="Start"/>, <see cref="Add"/> each pattern, <see cref="Build"/>. Its working arrays serve
    /// every automaton built, sized once for the most nodes the patterns can make.</summary>
    /// <param name="maxNodes">An upper bound of the node count: the root plus the words of all patterns.</param>
    internal sealed class Builder(int maxNodes)
    {
        // Per node (0 = root), in creation order: its parent, the symbol of the edge to it, its depth. The root's
        // edges are in an array by symbol (most terms are one word: root edges are most edges), the others in one
        // dictionary keyed by (node, symbol); per-node child lists or dictionaries made compiling 10,000 rules
        // allocate hundreds of thousands of small objects.
        private readonly int[] _parent = new int[maxNodes];
        private readonly int[] _symbol = new int[maxNodes];
        private readonly int[] _depth = new int[maxNodes];
        private readonly List<(int Node, int Atom)> _ends = [];
        private int[] _rootChild = [];
        private bool[] _inPhrase = [];
        private Dictionary<long, int> _edges = [];
        private int _count;

        /// <summary>Starts a new automaton over <paramref name="symbolCount"/> symbols.</summary>
        public void Start(int symbolCount)
        {
            _rootChild = new int[symbolCount];
            _inPhrase = new bool[symbolCount];
            _edges = [];
            _ends.Clear();
            _count = 1;
        }

        public void Add(ReadOnlySpan<int> symbols, int atom)
        {
            var node = 0;
            foreach (var symbol in symbols)
            {
                _inPhrase[symbol] |= symbols.Length > 1;
                var child = Child(node, symbol);
                if (child == 0)
                {
                    child = _count++;
                    _parent[child] = node;
                    _symbol[child] = symbol;
                    _depth[child] = _depth[node] + 1;
                    if (node == 0)
                    {
                        _rootChild[symbol] = child;
                    }
                    else
                    {
                        _edges.Add(Edge(node, symbol), child);
                    }
                }

                node = child;
            }

            _ends.Add((node, atom));
        }

        /// <summary>The child of <paramref name="node"/> along <paramref name="symbol"/>, or 0 (the root is never a child).</summary>
        private int Child(int node, int symbol) => node == 0 ? _rootChild[symbol] : _edges.GetValueOrDefault(Edge(node, symbol));

        /// <summary>The automaton; <paramref name="keyIds"/> numbers the word keys, <paramref name="symbolOfKey"/>
        /// gives each number's symbol.</summary>
        public TokenAutomaton Build(Dictionary<string, int> keyIds, int[] symbolOfKey)
        {
            var count = _count;
            var maxDepth = 0;
            for (var n = 1; n < count; n++)
            {
                maxDepth = Math.Max(maxDepth, _depth[n]);
            }

            // The atoms ending at each node, grouped by node in node order, each node's in the order they were added.
            var outputStart = new int[count + 1];
            foreach (var (node, _) in _ends)
            {
                outputStart[node + 1]++;
            }

            for (var n = 0; n < count; n++)
            {
                outputStart[n + 1] += outputStart[n];
            }

            var outputAtoms = new int[_ends.Count];
            var next = outputStart[..count];
            foreach (var (node, atom) in _ends)
            {
                outputAtoms[next[node]++] = atom;
            }

            // Nodes by depth (a counting sort), so that a node's failure target (a shorter sequence) is final before
            // the node needs it.
            var byDepthStart = new int[maxDepth + 2];
            for (var n = 1; n < count; n++)
            {
                byDepthStart[_depth[n] + 1]++;
            }

            for (var d = 0; d <= maxDepth; d++)
            {
                byDepthStart[d + 1] += byDepthStart[d];
            }

            var byDepth = new int[count - 1];
            for (var n = 1; n < count; n++)
            {
                byDepth[byDepthStart[_depth[n]]++] = n;
            }

            var fail = new int[count];
            var outputLink = new int[count];
            var hasChildren = new bool[count];
            foreach (var child in byDepth)
            {
                // Failure: the longest proper suffix of child's word sequence that is also a trie path.
                var parent = _parent[child];
                var symbol = _symbol[child];
                if (parent != 0)
                {
                    hasChildren[parent] = true;
                }

                var f = fail[parent];
                while (f != 0 && Child(f, symbol) == 0)
                {
                    f = fail[f];
                }

                var target = Child(f, symbol);
                fail[child] = target != child ? target : 0;
                outputLink[child] = outputStart[fail[child] + 1] > outputStart[fail[child]] ? fail[child] : outputLink[fail[child]];
            }

            var nodes = new Node[count];
            for (var n = 0; n < count; n++)
            {
                nodes[n] = new Node(fail[n], outputLink[n], _depth[n], outputStart[n], outputStart[n + 1] - outputStart[n], hasChildren[n]);
            }

            return new TokenAutomaton(keyIds, symbolOfKey, _rootChild, _edges, nodes, outputAtoms, _inPhrase) { MaxDepth = maxDepth };
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
