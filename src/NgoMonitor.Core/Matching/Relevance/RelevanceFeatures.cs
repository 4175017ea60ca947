using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using NgoMonitor.Core.Matching.Rules;

namespace NgoMonitor.Core.Matching.Relevance;

/// <summary>
/// The features the relevance models read, the same for training and at run time (docs/relevance-model.md). Steps:
/// 1. the text is the title, then the summary; a leading date ("12 December 2023:", "December 2023 -") is cut, so
///    the coders' formula the training data opens with teaches nothing;
/// 2. words as the rule matcher analyses English (<see cref="RuleTextAnalyzer"/>: folded, Porter2-stemmed), without
///    words that hold a digit (numbers, dates, counts) and without English function words;
/// 3. only the first <see cref="MaxWords"/> content words: a news item states its event in the title and lead, and
///    the training texts are summaries of about that length, so a long article is read as its lead;
/// 4. features: each distinct word stem, and each pair of neighbouring content words ("attack hospit"), present or
///    not (no counts), identified by a fixed 64-bit hash of the stems so that scoring allocates no pair strings.
/// </summary>
public static partial class RelevanceFeatures
{
    /// <summary>Content words read from the start of an item.</summary>
    public const int MaxWords = 80;

    /// <summary>Distinct words whose hash is kept.</summary>
    private const int CacheLimit = 100_000;

    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>English function words (folded): they carry no event and make pairs of noise ("of the").</summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "into",
        "onto", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "it", "its", "this", "that",
        "these", "those", "their", "his", "her", "they", "he", "she", "them", "which", "who", "whom", "while",
        "after", "before", "during", "also", "than", "then", "there", "where", "when", "said", "says", "say", "will",
        "would", "could", "can", "may", "not", "no", "about", "over", "under", "up", "out", "all", "some", "one",
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "s", "did", "do", "does", "so", "such",
        "via", "per", "other", "more", "most", "we", "our", "you", "your", "i", "my", "me", "him", "if", "because",
        "between", "through", "against", "near", "reportedly", "reported", "report", "reports",
    };

    private static readonly ConcurrentDictionary<string, ulong> WordHashes = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, ulong>.AlternateLookup<ReadOnlySpan<char>> WordLookup = WordHashes.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int s_cached;

    /// <summary>The features of an item: distinct hashes, in the order first seen (those of <see cref="Names"/>).
    /// Each word's hash is cached, as stemming costs many times more than finding a word again.</summary>
    public static IReadOnlyList<ulong> Extract(string title, string summary)
    {
        var hashes = new List<ulong>(2 * MaxWords);
        var seen = new HashSet<ulong>();
        var previous = 0UL;
        var words = 0;
        foreach (var part in new[] { title, summary })
        {
            var text = WithoutDate(part).AsSpan();
            var i = 0;
            while (words < MaxWords && RuleTextAnalyzer.NextWord(text, ref i, out var start))
            {
                var hash = IsCandidate(text[start..i]) ? WordHash(text[start..i]) : 0;
                if (hash == 0)
                {
                    continue;
                }

                if (seen.Add(hash))
                {
                    hashes.Add(hash);
                }

                if (previous != 0 && seen.Add(Pair(previous, hash)))
                {
                    hashes.Add(Pair(previous, hash));
                }

                previous = hash;
                words++;
            }
        }

        return hashes;
    }

    /// <summary>The features of an item as readable names ("hospit", "attack hospit"), in the order of
    /// <see cref="Extract"/>: what training counts and what the model file stores.</summary>
    public static IReadOnlyList<string> Names(string title, string summary)
    {
        var names = new List<string>(2 * MaxWords);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? previous = null;
        var words = 0;
        foreach (var stem in Stems(title, summary))
        {
            if (seen.Add(stem))
            {
                names.Add(stem);
            }

            if (previous is not null && seen.Add(previous + " " + stem))
            {
                names.Add(previous + " " + stem);
            }

            previous = stem;
            if (++words == MaxWords)
            {
                break;
            }
        }

        return names;
    }

    /// <summary>The hash of a feature name as <see cref="Names"/> writes it: a stem, or two stems and a space.</summary>
    public static ulong HashOfName(string name) =>
        name.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? Pair(Hash(name.AsSpan(0, space)), Hash(name.AsSpan(space + 1))) : Hash(name);

    /// <summary>The content-word stems of title then summary, date prefix cut (class comment, steps 1 and 2).</summary>
    private static IEnumerable<string> Stems(string title, string summary)
    {
        foreach (var part in new[] { title, summary })
        {
            var text = WithoutDate(part);
            foreach (var (start, length) in RuleTextAnalyzer.Words(text))
            {
                if (IsCandidate(text.AsSpan(start, length))
                    && RuleTextAnalyzer.AnalyzeWord(text.AsSpan(start, length), AnalysisChain.English) is var (key, folded)
                    && !StopWords.Contains(folded))
                {
                    yield return key;
                }
            }
        }
    }

    private static string WithoutDate(string text) => DatePrefix().Match(text) is { Success: true } date ? text[date.Length..] : text;

    /// <summary>A word that may be a feature: two characters or more, not overlong, no digit.</summary>
    private static bool IsCandidate(ReadOnlySpan<char> word)
    {
        if (word.Length < 2 || word.Length > RuleTextAnalyzer.MaxWordLength)
        {
            return false;
        }

        foreach (var c in word)
        {
            if (char.IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The hash of a word's stem, 0 for a function word; cached up to <see cref="CacheLimit"/> words (then
    /// new words are analysed on each sight). Keys are compared by the dictionary's randomised string hashing, so
    /// crafted text cannot make lookups slow.</summary>
    private static ulong WordHash(ReadOnlySpan<char> word)
    {
        if (WordLookup.TryGetValue(word, out var hash))
        {
            return hash;
        }

        var (key, folded) = RuleTextAnalyzer.AnalyzeWord(word, AnalysisChain.English);
        hash = StopWords.Contains(folded) ? 0 : Hash(key);
        if (Volatile.Read(ref s_cached) < CacheLimit && WordLookup.TryAdd(word, hash))
        {
            Interlocked.Increment(ref s_cached);
        }

        return hash;
    }

    /// <summary>FNV-1a over the UTF-16 code units: fixed across runs and platforms (string.GetHashCode is not).</summary>
    private static ulong Hash(ReadOnlySpan<char> stem)
    {
        var hash = FnvOffset;
        foreach (var c in stem)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return hash == 0 ? 1 : hash;
    }

    private static ulong Pair(ulong first, ulong second)
    {
        var hash = ((first * FnvPrime) ^ second) * FnvPrime;
        return hash == 0 ? 1 : hash;
    }

    [GeneratedRegex(@"^\s*(\d{1,2}(st|nd|rd|th)?\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(\s+\d{1,2}(st|nd|rd|th)?)?,?(\s+\d{4})?\s*[:\-–—]\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DatePrefix();
}
