using System.Globalization;

namespace NgoMonitor.Core.Matching.Rules;

/// <summary>What a lexeme of the rule language is.</summary>
internal enum LexemeKind
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

/// <summary>A lexeme: its kind, text, offset in the query, and the distance of a NEAR/n.</summary>
internal readonly record struct Lexeme(LexemeKind Kind, string Text, int Position, int Number = 0);

/// <summary>Splits a rule into lexemes (grammar in <see cref="RuleParser"/>). Operators are recognised only in upper
/// case; field names, phrases, prefixes and exact words are checked here.</summary>
internal static class RuleLexer
{
    /// <summary>This thread's lexeme list, reused from rule to rule: a parser reads it only while it parses, and a
    /// new list per rule was most of what parsing 10,000 rules allocated (compiling them is budgeted at 200 ms).</summary>
    [ThreadStatic]
    private static List<Lexeme>? t_lexemes;

    /// <summary>The lexemes of <paramref name="query"/>, ending with <see cref="LexemeKind.End"/>, in this thread's list
    /// (valid until the next call on the thread); throws <see cref="RuleSyntaxException"/> on a bad token.</summary>
    public static List<Lexeme> Lex(string query)
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
                lexemes.Add(c == '(' ? new Lexeme(LexemeKind.Open, "(", i) : new Lexeme(LexemeKind.Close, ")", i));
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

                lexemes.Add(new Lexeme(LexemeKind.Field, field, start));
                i++;
                continue;
            }

            lexemes.Add(Classify(query, start, i));
        }

        lexemes.Add(new Lexeme(LexemeKind.End, "", query.Length));
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

        if (words > RuleParser.MaxPhraseWords)
        {
            throw Error(open, "The phrase is longer than " + RuleParser.MaxPhraseWords.ToString(CultureInfo.InvariantCulture) + " words");
        }

        return new Lexeme(LexemeKind.Phrase, text, open);
    }

    /// <summary>The lexeme of <c>query[position..end]</c>, a run without spaces, parentheses or quotes. Operators
    /// take constant texts: a string per AND, OR and NOT was a fifth of what parsing allocated.</summary>
    private static Lexeme Classify(string query, int position, int end)
    {
        switch (query.AsSpan(position, end - position))
        {
            case "AND":
                return new Lexeme(LexemeKind.And, "AND", position);
            case "OR":
                return new Lexeme(LexemeKind.Or, "OR", position);
            case "NOT":
                return new Lexeme(LexemeKind.Not, "NOT", position);
        }

        var word = query[position..end];
        if (word == "NEAR" || word.StartsWith("NEAR/", StringComparison.Ordinal))
        {
            var digits = word.Length > 5 ? word[5..] : "";
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw Error(position, "NEAR needs a number, as in NEAR/5");
            }

            if (n < 1 || n > RuleParser.MaxNearDistance)
            {
                throw Error(position, "NEAR distance must be between 1 and " + RuleParser.MaxNearDistance.ToString(CultureInfo.InvariantCulture));
            }

            return new Lexeme(LexemeKind.Near, word, position, n);
        }

        if (word.StartsWith('='))
        {
            var exact = word[1..];
            if (exact.Contains('*') || RuleTextAnalyzer.CountWords(exact) != 1)
            {
                throw Error(position, "'=' must be followed by exactly one word, as in =medic");
            }

            return new Lexeme(LexemeKind.Exact, exact, position);
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

            if (stem.Count(char.IsLetterOrDigit) < RuleParser.MinPrefixLetters)
            {
                throw Error(position, "A prefix needs at least " + RuleParser.MinPrefixLetters.ToString(CultureInfo.InvariantCulture) + " letters before '*'");
            }

            return new Lexeme(LexemeKind.Prefix, stem, position);
        }

        var count = RuleTextAnalyzer.CountWords(word);
        if (count == 0)
        {
            throw Error(position, "'" + word + "' has no letters or digits");
        }

        // "health-care" is two words after tokenising: match it as the phrase it is.
        return count == 1 ? new Lexeme(LexemeKind.Word, word, position) : new Lexeme(LexemeKind.Phrase, word, position);
    }

    private static RuleSyntaxException Error(int position, string reason) =>
        new(new RuleSyntaxError(position, reason));
}
