using System.Text;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Matching.Rules;

namespace NgoMonitor.Benchmarks.Matching;

/// <summary>
/// Deterministic synthetic workload for the rule matcher benchmark: pseudo-words drawn with a Zipf distribution
/// into ~3 KB articles, and rules whose words, phrases and NEAR pairs are taken from uncommon words of those articles
/// so that a share of rules do match (a few per article, as with real watchlists). Every word is its own English stem, so a matcher that stems (ours) and baselines that do not
/// (Regex, Lucene with StandardAnalyzer) must find exactly the same matches.
/// </summary>
internal sealed class SyntheticCorpus
{
    public const int ArticleCount = 1_000;
    public const int ArticleChars = 3_000;

    /// <summary>Vocabulary ranks below this are too common to start a rule with.</summary>
    private const int CommonWords = 2_000;

    /// <summary>One rule in this many is built from words that occur together in an article.</summary>
    private const int HittingOneIn = 10;

    private readonly Dictionary<string, int> _rank;

    private static readonly string[] Syllables = BuildSyllables();

    public SyntheticCorpus(int seed = 20261124)
    {
        var random = new Random(seed);
        Vocabulary = BuildVocabulary(random, 20_000);
        _rank = Vocabulary.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i, StringComparer.Ordinal);
        var zipf = new ZipfSampler(Vocabulary.Length, 1.05, random);
        Articles = Enumerable.Range(0, ArticleCount).Select(_ => BuildArticle(random, zipf)).ToArray();
        ArticleWords = Articles.Select(a => a.Split([' ', '.', ','], StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToArray()).ToArray();
    }

    public string[] Vocabulary { get; }

    public string[] Articles { get; }

    public string[][] ArticleWords { get; }

    public long TotalChars => Articles.Sum(a => (long)a.Length);

    /// <summary>
    /// <paramref name="count"/> rules cycling through six shapes: AND of two words, OR-and-NOT, a phrase, NEAR/5,
    /// a prefix with a word, and NEAR/3 of an OR group with a word. Words come from a random article (one rule in
    /// ten, so those hit) or from the rare half of the vocabulary (so most rules miss, as real watchlists do).
    /// </summary>
    public IReadOnlyList<RuleDefinition> Rules(int count, int seed = 7)
    {
        var random = new Random(seed + count);
        var rules = new List<RuleDefinition>(count);
        for (var i = 0; i < count; i++)
        {
            var words = ArticleWords[random.Next(ArticleWords.Length)];
            // Start at an uncommon word: rules about the commonest words would match every article.
            var at = random.Next(words.Length - 8);
            while (_rank[words[at]] < CommonWords)
            {
                at = random.Next(words.Length - 8);
            }

            string Rare() => Vocabulary[random.Next(Vocabulary.Length / 2, Vocabulary.Length)];
            string Near() => words[at + random.Next(1, 8)];
            var hitting = random.Next(HittingOneIn) == 0; // some rules are built to match their source article
            var a = hitting ? words[at] : Rare();
            var query = (i % 6) switch
            {
                0 => a + " AND " + (hitting ? Near() : Rare()),
                1 => "(" + a + " OR " + Rare() + ") AND " + (hitting ? Near() : Rare()) + " NOT " + Rare(),
                2 => "\"" + a + " " + (hitting ? words[at + 1] : Rare()) + "\"",
                3 => a + " NEAR/5 " + (hitting ? words[at + random.Next(1, 5)] : Rare()),
                4 => a[..Math.Min(a.Length, 5)] + "* AND " + (hitting ? Near() : Rare()),
                _ => "(" + a + " OR " + Rare() + ") NEAR/3 " + (hitting ? words[at + random.Next(1, 3)] : Rare()),
            };
            rules.Add(new RuleDefinition("bench/" + i, query, "bench", Severity.Minor));
        }

        return rules;
    }

    private static string[] BuildSyllables()
    {
        var consonants = "bdfgklmnprstvz";
        var vowels = "aeiou";
        return consonants.SelectMany(c => vowels.Select(v => string.Concat(c, v))).ToArray();
    }

    private static string[] BuildVocabulary(Random random, int size)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>(size);
        while (list.Count < size)
        {
            var syllables = random.Next(2, 5);
            var builder = new StringBuilder();
            for (var s = 0; s < syllables; s++)
            {
                builder.Append(Syllables[random.Next(Syllables.Length)]);
            }

            // End most words on a consonant so they look like words; keep only words that are their own stem.
            if (random.Next(3) > 0)
            {
                builder.Append("kmnrt"[random.Next(5)]);
            }

            var word = builder.ToString();
            var analysed = RuleTextAnalyzer.Analyze(word, "en");
            if (analysed.Count == 1 && analysed[0].Key == word && words.Add(word))
            {
                list.Add(word);
            }
        }

        return [.. list];
    }

    private string BuildArticle(Random random, ZipfSampler zipf)
    {
        var builder = new StringBuilder(ArticleChars + 64);
        var sentenceStart = true;
        while (builder.Length < ArticleChars)
        {
            var word = Vocabulary[zipf.Next()];
            builder.Append(sentenceStart ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            sentenceStart = false;
            var r = random.Next(100);
            if (r < 7)
            {
                builder.Append(". ");
                sentenceStart = true;
            }
            else
            {
                builder.Append(r < 12 ? ", " : " ");
            }
        }

        builder.Append('.');
        return builder.ToString();
    }

    private sealed class ZipfSampler
    {
        private readonly double[] _cumulative;
        private readonly Random _random;

        public ZipfSampler(int n, double s, Random random)
        {
            _random = random;
            _cumulative = new double[n];
            var total = 0.0;
            for (var i = 0; i < n; i++)
            {
                total += 1.0 / Math.Pow(i + 1, s);
                _cumulative[i] = total;
            }

            for (var i = 0; i < n; i++)
            {
                _cumulative[i] /= total;
            }
        }

        public int Next()
        {
            var index = Array.BinarySearch(_cumulative, _random.NextDouble());
            return index < 0 ? Math.Min(~index, _cumulative.Length - 1) : index;
        }
    }
}
