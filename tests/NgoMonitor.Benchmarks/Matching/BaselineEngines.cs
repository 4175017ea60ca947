using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;
using Lucene.Net.Store;
using Lucene.Net.Util;
using NgoMonitor.Core.Matching.Rules;

namespace NgoMonitor.Benchmarks.Matching;

/// <summary>
/// Baseline (a): one compiled <see cref="Regex"/> per rule, the way do-it-yourself tools do it. The rule becomes an
/// anchored chain of lookaheads: a term is <c>(?=[\s\S]*?\bword\b)</c>, AND concatenates, OR alternates, NOT is a
/// negative lookahead, a phrase allows non-word characters between its words, NEAR/n allows up to n-1 words
/// between the two sides in either order, a prefix drops the closing \b. Every rule scans the article on its own.
/// </summary>
internal sealed class RegexPerRuleEngine
{
    private readonly (string Id, Regex Regex)[] _rules;

    public RegexPerRuleEngine(IEnumerable<RuleDefinition> rules)
    {
        _rules = rules.Select(r => (r.Id, new Regex(@"\A" + Translate(RuleParser.Parse(r.Query)),
            RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))).ToArray();
    }

    public List<string> Match(string text)
    {
        var hits = new List<string>();
        foreach (var (id, regex) in _rules)
        {
            if (regex.IsMatch(text))
            {
                hits.Add(id);
            }
        }

        return hits;
    }

    private static string Translate(RuleNode node) => node switch
    {
        TermNode or NearNode => @"(?=[\s\S]*?" + Positional(node) + ")",
        AndNode and => string.Concat(and.Operands.Select(Translate)),
        OrNode or => "(?:" + string.Join("|", or.Operands.Select(Translate)) + ")",
        NotNode not => "(?!" + Translate(not.Operand) + ")",
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static string Positional(RuleNode node) => node switch
    {
        TermNode { Kind: TermKind.Word or TermKind.Exact } t => @"\b" + Regex.Escape(t.Text) + @"\b",
        TermNode { Kind: TermKind.Prefix } t => @"\b" + Regex.Escape(t.Text),
        TermNode { Kind: TermKind.Phrase } t => @"\b" + string.Join(@"\W+", t.Text.Split(' ').Select(Regex.Escape)) + @"\b",
        OrNode or => "(?:" + string.Join("|", or.Operands.Select(Positional)) + ")",
        NearNode near => Near(Positional(near.Left), Positional(near.Right), near.Distance),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static string Near(string a, string b, int distance)
    {
        var gap = @"\W+(?:\w+\W+){0," + (distance - 1).ToString(CultureInfo.InvariantCulture) + "}?";
        return "(?:" + a + gap + b + "|" + b + gap + a + ")";
    }
}

/// <summary>
/// Baseline (b): core Lucene.Net as a search engine would be used for alerting: each article indexed into its own
/// <see cref="RAMDirectory"/> (StandardAnalyzer, no stopwords), then every rule run as a query against it. Queries
/// are built from the same parse tree: TermQuery, PhraseQuery, PrefixQuery, BooleanQuery (MUST, SHOULD, MUST_NOT)
/// and, for NEAR/n, an unordered SpanNearQuery with slop n-1.
/// </summary>
internal sealed class LucenePerDocumentEngine : IDisposable
{
    private const string BodyField = "body";
    private static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;
    private readonly (string Id, Query Query)[] _rules;
    private readonly StandardAnalyzer _analyzer = new(Version, CharArraySet.Empty);

    public LucenePerDocumentEngine(IEnumerable<RuleDefinition> rules)
    {
        _rules = rules.Select(r => (r.Id, ToQuery(RuleParser.Parse(r.Query)))).ToArray();
    }

    public void Dispose() => _analyzer.Dispose();

    public List<string> Match(string text)
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, _analyzer)))
        {
            writer.AddDocument(new Document { new TextField(BodyField, text, Field.Store.NO) });
        }

        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        var hits = new List<string>();
        foreach (var (id, query) in _rules)
        {
            if (searcher.Search(query, 1).TotalHits > 0)
            {
                hits.Add(id);
            }
        }

        return hits;
    }

    private static Query ToQuery(RuleNode node)
    {
        switch (node)
        {
            case TermNode { Kind: TermKind.Word or TermKind.Exact } t:
                return new TermQuery(new Term(BodyField, t.Text.ToLowerInvariant()));
            case TermNode { Kind: TermKind.Prefix } t:
                return new PrefixQuery(new Term(BodyField, t.Text.ToLowerInvariant()));
            case TermNode { Kind: TermKind.Phrase } t:
                var phrase = new PhraseQuery();
                foreach (var word in t.Text.ToLowerInvariant().Split(' '))
                {
                    phrase.Add(new Term(BodyField, word));
                }

                return phrase;
            case AndNode and:
                var all = new BooleanQuery();
                foreach (var operand in and.Operands)
                {
                    all.Add(operand is NotNode not ? ToQuery(not.Operand) : ToQuery(operand), operand is NotNode ? Occur.MUST_NOT : Occur.MUST);
                }

                return all;
            case OrNode or:
                var any = new BooleanQuery();
                foreach (var operand in or.Operands)
                {
                    any.Add(ToQuery(operand), Occur.SHOULD);
                }

                return any;
            case NearNode near:
                return new SpanNearQuery([ToSpan(near.Left), ToSpan(near.Right)], near.Distance - 1, false);
            default:
                throw new NotSupportedException(node.GetType().Name);
        }
    }

    private static SpanQuery ToSpan(RuleNode node) => node switch
    {
        TermNode { Kind: TermKind.Word or TermKind.Exact } t => new SpanTermQuery(new Term(BodyField, t.Text.ToLowerInvariant())),
        TermNode { Kind: TermKind.Prefix } t => new SpanMultiTermQueryWrapper<PrefixQuery>(new PrefixQuery(new Term(BodyField, t.Text.ToLowerInvariant()))),
        TermNode { Kind: TermKind.Phrase } t => new SpanNearQuery(t.Text.ToLowerInvariant().Split(' ').Select(w => (SpanQuery)new SpanTermQuery(new Term(BodyField, w))).ToArray(), 0, true),
        OrNode or => new SpanOrQuery(or.Operands.Select(ToSpan).ToArray()),
        NearNode near => new SpanNearQuery([ToSpan(near.Left), ToSpan(near.Right)], near.Distance - 1, false),
        _ => throw new NotSupportedException(node.GetType().Name),
    };
}
