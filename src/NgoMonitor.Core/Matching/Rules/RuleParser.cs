using System.Globalization;
using System.Runtime.InteropServices;

namespace NgoMonitor.Core.Matching.Rules;

/// <summary>
/// Parses the watchlist rule language (grammar in docs/rule-language.md). Operators are upper case so that the
/// words "and", "or", "not" (and their French, Arabic, Turkish equivalents) stay ordinary terms. Precedence,
/// tightest first: field scope and NOT, then NEAR/n, then AND (also implied by juxtaposition), then OR.
/// <code>
/// query   := or EOF
/// or      := and ( "OR" and )*
/// and     := near ( ["AND"] near )*
/// near    := unary ( "NEAR/" n unary )*
/// unary   := "NOT" unary | field ":" unary | "(" or ")" | word | prefix* | =exact | "phrase"
/// </code>
/// Errors carry the position of the offending token and a sentence an admin can act on.
/// </summary>
public static class RuleParser
{
    /// <summary>Largest NEAR distance accepted; beyond this "near" means little in a news item.</summary>
    public const int MaxNearDistance = 50;

    /// <summary>Longest phrase, in words, the matcher indexes. A power of two: the matcher keeps a ring of this many
    /// word offsets.</summary>
    public const int MaxPhraseWords = 32;

    /// <summary>Fewest letters before a '*': shorter prefixes match a large share of all words.</summary>
    public const int MinPrefixLetters = 3;

    /// <summary>Parses <paramref name="query"/> or throws <see cref="RuleSyntaxException"/>.</summary>
    public static RuleNode Parse(string query)
    {
        var parser = new Parser(query);
        var root = parser.ParseQuery();
        CheckSemantics(root);
        return root;
    }

    /// <summary>The problems in <paramref name="query"/> (empty when it is valid), for the admin editor.</summary>
    public static IReadOnlyList<RuleSyntaxError> Validate(string query)
    {
        try
        {
            Parse(query);
            return [];
        }
        catch (RuleSyntaxException e)
        {
            return [e.Error];
        }
    }

    private static void CheckSemantics(RuleNode root)
    {
        CheckNear(root);
        // A rule true when no term occurs would alert on every item ("NOT film"): refuse it.
        if (MatchesNothingPresent(root))
        {
            throw new RuleSyntaxException(new RuleSyntaxError(root.Position,
                "This rule would match every item: it needs a term that must occur, NOT alone is not enough"));
        }
    }

    // The checks below walk operands by index: foreach or LINQ over IReadOnlyList boxes an enumerator per group, and
    // parsing 10,000 rules is part of compiling them (budgeted at 200 ms).
    private static bool MatchesNothingPresent(RuleNode node)
    {
        switch (node)
        {
            case AndNode a:
                for (var i = 0; i < a.Operands.Count; i++)
                {
                    if (!MatchesNothingPresent(a.Operands[i]))
                    {
                        return false;
                    }
                }

                return true;
            case OrNode o:
                for (var i = 0; i < o.Operands.Count; i++)
                {
                    if (MatchesNothingPresent(o.Operands[i]))
                    {
                        return true;
                    }
                }

                return false;
            case NotNode n:
                return !MatchesNothingPresent(n.Operand);
            default:
                return false; // a term or NEAR needs its terms
        }
    }

    private static void CheckNear(RuleNode node)
    {
        switch (node)
        {
            case NearNode near:
                if (!IsPositional(near.Left) || !IsPositional(near.Right))
                {
                    var side = IsPositional(near.Left) ? near.Right : near.Left;
                    throw new RuleSyntaxException(new RuleSyntaxError(side.Position,
                        "NEAR joins words, phrases, prefixes or OR groups of them, not AND or NOT"));
                }

                CheckNear(near.Left);
                CheckNear(near.Right);
                break;
            case AndNode a:
                for (var i = 0; i < a.Operands.Count; i++)
                {
                    CheckNear(a.Operands[i]);
                }

                break;
            case OrNode o:
                for (var i = 0; i < o.Operands.Count; i++)
                {
                    CheckNear(o.Operands[i]);
                }

                break;
            case NotNode n:
                CheckNear(n.Operand);
                break;
        }
    }

    internal static bool IsPositional(RuleNode node)
    {
        if (node is OrNode o)
        {
            for (var i = 0; i < o.Operands.Count; i++)
            {
                if (!IsPositional(o.Operands[i]))
                {
                    return false;
                }
            }

            return true;
        }

        return node is TermNode or NearNode;
    }

    private enum Kind
    {
        Word,
        Prefix,
        Exact,
        Phrase,
        Field,
        And,
        Or,
        Not,
        Near,
        Open,
        Close,
        End,
    }

    private readonly record struct Lexeme(Kind Kind, string Text, int Position, int Number = 0);

    /// <summary>A struct, not a class: one parser per rule, used once, on the caller's stack.</summary>
    private struct Parser
    {
        private readonly List<Lexeme> _lexemes;

        // The operands of the AND and OR groups being parsed, innermost last: each group takes its own from its start
        // when it ends, as one array (a list per group, grown from one element, cost two arrays and a list).
        private readonly List<RuleNode> _operands;
        private int _next;

        public Parser(string query)
        {
            _lexemes = Lex(query);
            _operands = t_operands ??= new List<RuleNode>(16);
            _operands.Clear();
        }

        public RuleNode ParseQuery()
        {
            if (Peek.Kind == Kind.End)
            {
                throw Error(0, "The rule is empty: write at least one term");
            }

            var node = ParseOr(RuleField.Any);
            if (Peek.Kind == Kind.Close)
            {
                throw Error(Peek.Position, "Unexpected ')' with no matching '('");
            }

            if (Peek.Kind != Kind.End)
            {
                throw Error(Peek.Position, "Unexpected '" + Peek.Text + "'");
            }

            return node;
        }

        private Lexeme Peek => _lexemes[_next];

        private Lexeme Take() => _lexemes[_next++];

        private RuleNode ParseOr(RuleField field)
        {
            var first = ParseAnd(field);
            if (Peek.Kind != Kind.Or)
            {
                return first; // most groups have one operand
            }

            var start = _operands.Count;
            _operands.Add(first);
            while (Peek.Kind == Kind.Or)
            {
                var op = Take();
                RequireOperand(op);
                _operands.Add(ParseAnd(field));
            }

            return new OrNode(TakeOperands(start), first.Position);
        }

        private RuleNode ParseAnd(RuleField field)
        {
            var first = ParseNear(field);
            var start = -1; // set once there is a second operand: most groups have one
            while (true)
            {
                if (Peek.Kind == Kind.And)
                {
                    var op = Take();
                    RequireOperand(op);
                }
                else if (!StartsOperand(Peek.Kind))
                {
                    break;
                }

                if (start < 0)
                {
                    start = _operands.Count;
                    _operands.Add(first);
                }

                _operands.Add(ParseNear(field));
            }

            return start < 0 ? first : new AndNode(TakeOperands(start), first.Position);
        }

        /// <summary>The operands from <paramref name="start"/> on, removed from the scratch list.</summary>
        private readonly RuleNode[] TakeOperands(int start)
        {
            var operands = CollectionsMarshal.AsSpan(_operands)[start..].ToArray();
            _operands.RemoveRange(start, _operands.Count - start);
            return operands;
        }

        private RuleNode ParseNear(RuleField field)
        {
            var left = ParseUnary(field);
            while (Peek.Kind == Kind.Near)
            {
                var op = Take();
                RequireOperand(op);
                var right = ParseUnary(field);
                left = new NearNode(left, right, op.Number, op.Position);
            }

            return left;
        }

        private RuleNode ParseUnary(RuleField field)
        {
            var lexeme = Peek;
            switch (lexeme.Kind)
            {
                case Kind.Not:
                    Take();
                    RequireOperand(lexeme);
                    return new NotNode(ParseUnary(field), lexeme.Position);
                case Kind.Field:
                    Take();
                    if (!StartsOperand(Peek.Kind) || Peek.Kind == Kind.Field)
                    {
                        throw Error(lexeme.Position, "'" + lexeme.Text + ":' needs a term, phrase or group right after it");
                    }

                    return ParseUnary(lexeme.Text == "title" ? RuleField.Title : RuleField.Body);
                case Kind.Open:
                    Take();
                    if (Peek.Kind == Kind.Close)
                    {
                        throw Error(lexeme.Position, "Empty parentheses");
                    }

                    RequireOperand(lexeme);
                    var inner = ParseOr(field);
                    if (Peek.Kind != Kind.Close)
                    {
                        throw Error(lexeme.Position, "Missing ')' for this '('");
                    }

                    Take();
                    return inner;
                case Kind.Word:
                    Take();
                    return new TermNode(lexeme.Text, TermKind.Word, field, lexeme.Position);
                case Kind.Prefix:
                    Take();
                    return new TermNode(lexeme.Text, TermKind.Prefix, field, lexeme.Position);
                case Kind.Phrase:
                    Take();
                    return new TermNode(lexeme.Text, TermKind.Phrase, field, lexeme.Position);
                case Kind.Exact:
                    Take();
                    return new TermNode(lexeme.Text, TermKind.Exact, field, lexeme.Position);
                case Kind.End:
                    throw Error(lexeme.Position, "A term is missing at the end");
                default:
                    throw Error(lexeme.Position, lexeme.Text + " needs a term before it");
            }
        }

        private void RequireOperand(Lexeme op)
        {
            if (!StartsOperand(Peek.Kind))
            {
                var what = op.Kind switch
                {
                    Kind.Open => "'(' needs a term after it",
                    Kind.Near => "NEAR/" + op.Number.ToString(CultureInfo.InvariantCulture) + " needs a term after it",
                    _ => op.Text + " needs a term after it",
                };
                throw Error(op.Position, what);
            }
        }

        private static bool StartsOperand(Kind kind) =>
            kind is Kind.Word or Kind.Prefix or Kind.Exact or Kind.Phrase or Kind.Field or Kind.Not or Kind.Open;
    }

    private static RuleSyntaxException Error(int position, string reason) =>
        new(new RuleSyntaxError(position, reason));

    /// <summary>This thread's lexeme list, reused from rule to rule: a parser reads it only while it parses, and a
    /// new list per rule was most of what parsing 10,000 rules allocated (compiling them is budgeted at 200 ms).</summary>
    [ThreadStatic]
    private static List<Lexeme>? t_lexemes;

    /// <summary>This thread's operand scratch list, reused likewise (see <see cref="Parser"/>).</summary>
    [ThreadStatic]
    private static List<RuleNode>? t_operands;

    private static List<Lexeme> Lex(string query)
    {
        var lexemes = t_lexemes ??= new List<Lexeme>(16);
        lexemes.Clear();
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '(' || c == ')')
            {
                lexemes.Add(c == '(' ? new Lexeme(Kind.Open, "(", i) : new Lexeme(Kind.Close, ")", i));
                i++;
                continue;
            }

            if (c is '"' or '“' or '”' or '«' or '»')
            {
                lexemes.Add(LexPhrase(query, ref i));
                continue;
            }

            var start = i;
            while (i < query.Length && !char.IsWhiteSpace(query[i]) && query[i] is not ('(' or ')' or '"' or '“' or '”' or '«' or '»'))
            {
                if (query[i] == ':' && IsFieldName(query.AsSpan(start, i - start)))
                {
                    break;
                }

                i++;
            }

            if (i < query.Length && query[i] == ':' && i > start)
            {
                var name = query[start..i];
                var field = name.ToLowerInvariant();
                if (field is not ("title" or "body"))
                {
                    throw Error(start, "Unknown field '" + name + "': use title: or body:");
                }

                lexemes.Add(new Lexeme(Kind.Field, field, start));
                i++;
                continue;
            }

            lexemes.Add(Classify(query, start, i));
        }

        lexemes.Add(new Lexeme(Kind.End, "", query.Length));
        return lexemes;
    }

    /// <summary>Letters only before the colon make a field name ("title:"); "10:30" stays a word.</summary>
    private static bool IsFieldName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }

        foreach (var ch in name)
        {
            if (!char.IsAsciiLetter(ch))
            {
                return false;
            }
        }

        return true;
    }

    private static Lexeme LexPhrase(string query, ref int i)
    {
        var open = i;
        var close = query[i] switch { '“' => '”', '«' => '»', _ => query[i] };
        var end = query.IndexOf(close, i + 1);
        if (end < 0 && close != '"')
        {
            end = query.IndexOf('"', i + 1);
        }

        if (end < 0)
        {
            throw Error(open, "Unclosed quote: add the closing \"");
        }

        var text = query[(open + 1)..end].Trim(' ', '\u00a0');
        i = end + 1;
        if (text.Contains('*'))
        {
            throw Error(open, "A wildcard '*' cannot be used inside a quoted phrase; use NEAR/1 with a prefix instead");
        }

        var words = RuleTextAnalyzer.CountWords(text);
        if (words == 0)
        {
            throw Error(open, "The phrase has no words");
        }

        if (words > MaxPhraseWords)
        {
            throw Error(open, "The phrase is longer than " + MaxPhraseWords.ToString(CultureInfo.InvariantCulture) + " words");
        }

        return new Lexeme(Kind.Phrase, text, open);
    }

    /// <summary>The lexeme of <c>query[position..end]</c>, a run without spaces, parentheses or quotes. Operators
    /// take constant texts: a string per AND, OR and NOT was a fifth of what parsing allocated.</summary>
    private static Lexeme Classify(string query, int position, int end)
    {
        switch (query.AsSpan(position, end - position))
        {
            case "AND":
                return new Lexeme(Kind.And, "AND", position);
            case "OR":
                return new Lexeme(Kind.Or, "OR", position);
            case "NOT":
                return new Lexeme(Kind.Not, "NOT", position);
        }

        var word = query[position..end];
        if (word == "NEAR" || word.StartsWith("NEAR/", StringComparison.Ordinal))
        {
            var digits = word.Length > 5 ? word[5..] : "";
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw Error(position, "NEAR needs a number, as in NEAR/5");
            }

            if (n < 1 || n > MaxNearDistance)
            {
                throw Error(position, "NEAR distance must be between 1 and " + MaxNearDistance.ToString(CultureInfo.InvariantCulture));
            }

            return new Lexeme(Kind.Near, word, position, n);
        }

        if (word.StartsWith('='))
        {
            var exact = word[1..];
            if (exact.Contains('*') || RuleTextAnalyzer.CountWords(exact) != 1)
            {
                throw Error(position, "'=' must be followed by exactly one word, as in =medic");
            }

            return new Lexeme(Kind.Exact, exact, position);
        }

        var star = word.IndexOf('*');
        if (star >= 0)
        {
            if (star != word.Length - 1)
            {
                throw Error(position + star, "A wildcard '*' may only end a word, as in evacuat*");
            }

            var stem = word[..^1];
            var words = RuleTextAnalyzer.CountWords(stem);
            if (words > 1)
            {
                throw Error(position, "A prefix must be a single word");
            }

            if (stem.Count(char.IsLetterOrDigit) < MinPrefixLetters)
            {
                throw Error(position, "A prefix needs at least " + MinPrefixLetters.ToString(CultureInfo.InvariantCulture) + " letters before '*'");
            }

            return new Lexeme(Kind.Prefix, stem, position);
        }

        var count = RuleTextAnalyzer.CountWords(word);
        if (count == 0)
        {
            throw Error(position, "'" + word + "' has no letters or digits");
        }

        // "health-care" is two words after tokenising: match it as the phrase it is.
        return count == 1 ? new Lexeme(Kind.Word, word, position) : new Lexeme(Kind.Phrase, word, position);
    }
}
