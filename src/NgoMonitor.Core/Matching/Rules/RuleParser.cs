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
        RuleSemantics.Check(root);
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
            _lexemes = RuleLexer.Lex(query);
            _operands = t_operands ??= new List<RuleNode>(16);
            _operands.Clear();
        }

        public RuleNode ParseQuery()
        {
            if (Peek.Kind == LexemeKind.End)
            {
                throw Error(0, "The rule is empty: write at least one term");
            }

            var node = ParseOr(RuleField.Any);
            if (Peek.Kind == LexemeKind.Close)
            {
                throw Error(Peek.Position, "Unexpected ')' with no matching '('");
            }

            if (Peek.Kind != LexemeKind.End)
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
            if (Peek.Kind != LexemeKind.Or)
            {
                return first; // most groups have one operand
            }

            var start = _operands.Count;
            _operands.Add(first);
            while (Peek.Kind == LexemeKind.Or)
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
                if (Peek.Kind == LexemeKind.And)
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
            while (Peek.Kind == LexemeKind.Near)
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
                case LexemeKind.Not:
                    Take();
                    RequireOperand(lexeme);
                    return new NotNode(ParseUnary(field), lexeme.Position);
                case LexemeKind.Field:
                    Take();
                    if (!StartsOperand(Peek.Kind) || Peek.Kind == LexemeKind.Field)
                    {
                        throw Error(lexeme.Position, "'" + lexeme.Text + ":' needs a term, phrase or group right after it");
                    }

                    return ParseUnary(lexeme.Text == "title" ? RuleField.Title : RuleField.Body);
                case LexemeKind.Open:
                    Take();
                    if (Peek.Kind == LexemeKind.Close)
                    {
                        throw Error(lexeme.Position, "Empty parentheses");
                    }

                    RequireOperand(lexeme);
                    var inner = ParseOr(field);
                    if (Peek.Kind != LexemeKind.Close)
                    {
                        throw Error(lexeme.Position, "Missing ')' for this '('");
                    }

                    Take();
                    return inner;
                case LexemeKind.Word:
                    Take();
                    return new TermNode(lexeme.Text, TermKind.Word, field, lexeme.Position);
                case LexemeKind.Prefix:
                    Take();
                    return new TermNode(lexeme.Text, TermKind.Prefix, field, lexeme.Position);
                case LexemeKind.Phrase:
                    Take();
                    return new TermNode(lexeme.Text, TermKind.Phrase, field, lexeme.Position);
                case LexemeKind.Exact:
                    Take();
                    return new TermNode(lexeme.Text, TermKind.Exact, field, lexeme.Position);
                case LexemeKind.End:
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
                    LexemeKind.Open => "'(' needs a term after it",
                    LexemeKind.Near => "NEAR/" + op.Number.ToString(CultureInfo.InvariantCulture) + " needs a term after it",
                    _ => op.Text + " needs a term after it",
                };
                throw Error(op.Position, what);
            }
        }

        private static bool StartsOperand(LexemeKind kind) =>
            kind is LexemeKind.Word or LexemeKind.Prefix or LexemeKind.Exact or LexemeKind.Phrase or LexemeKind.Field or LexemeKind.Not or LexemeKind.Open;
    }

    private static RuleSyntaxException Error(int position, string reason) =>
        new(new RuleSyntaxError(position, reason));

    /// <summary>This thread's operand scratch list, reused from rule to rule like the lexer's lexeme list (see
    /// <see cref="Parser"/>).</summary>
    [ThreadStatic]
    private static List<RuleNode>? t_operands;
}
