using NgoMonitor.Core.Matching.Rules;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching.Rules;

public class WordCacheTests
{
    [Fact]
    public void TryFind_WordsOfEveryLength_ReturnsWhatWasAdded()
    {
        var cache = new WordCache();
        var words = Enumerable.Range(1, WordCache.MaxLength).Select(n => new string('a', n - 1) + "é").ToList();
        for (var i = 0; i < words.Count; i++)
        {
            cache.Add(words[i], WordCache.KeyOf(words[i]), symbol: i, atoms: Enumerable.Range(100, i % 4).ToArray());
        }

        for (var i = 0; i < words.Count; i++)
        {
            Assert.True(cache.TryFind(words[i], WordCache.KeyOf(words[i]), out var symbol, out var inline, out var atoms), words[i]);
            Assert.Equal(i, symbol);
            Assert.Equal(-1, inline);
            Assert.Equal(Enumerable.Range(100, i % 4), atoms.ToArray());
        }
    }

    [Fact]
    public void KeyOf_WordInsideText_IsTheKeyOfTheWordAlone()
    {
        // Words read from inside a text are read past their end and masked; at the end of the text they are copied.
        var random = new Random(5);
        foreach (var alphabet in new[] { "abcdefghij", "aéiøuشس" })
        {
            var text = new string(Enumerable.Range(0, 200).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            for (var start = 0; start < text.Length; start += 3)
            {
                for (var length = 1; length <= Math.Min(WordCache.MaxLength, text.Length - start); length++)
                {
                    Assert.Equal(WordCache.KeyOf(text.AsSpan(start, length)), WordCache.KeyOf(text, start, length));
                }
            }
        }
    }

    [Theory]
    [InlineData(new int[0], -1)]
    [InlineData(new[] { 42 }, 42)]
    [InlineData(new[] { 0 }, 0)]
    public void TryFind_WordOutsideTheAutomatonWithOneAtom_KeepsItInTheSlot(int[] atoms, int inline)
    {
        var cache = new WordCache();
        cache.Add("clinic", WordCache.KeyOf("clinic"), symbol: -1, atoms: atoms);

        Assert.True(cache.TryFind("clinic", WordCache.KeyOf("clinic"), out var symbol, out var found, out var rest));
        Assert.Equal(-1, symbol);
        Assert.Equal(inline, found);
        Assert.Equal(0, rest.Length);
    }

    [Theory]
    [InlineData("hospital", "hospitaL")]
    [InlineData("evacuated", "evacuates")]
    [InlineData("internationally", "internationalise")]
    [InlineData("ab", "ab\0")]
    public void TryFind_WordSharingTheFirstCharacters_IsAnotherWord(string added, string other)
    {
        var cache = new WordCache();
        cache.Add(added, WordCache.KeyOf(added), symbol: 7, atoms: []);

        Assert.False(cache.TryFind(other, WordCache.KeyOf(other), out _, out _, out _));
        Assert.True(cache.TryFind(added, WordCache.KeyOf(added), out var symbol, out _, out _));
        Assert.Equal(7, symbol);
    }

    [Fact]
    public void Add_ManyWords_AllFoundAfterTheTableGrows()
    {
        var cache = new WordCache();
        var words = Enumerable.Range(0, 50_000).Select(i => "word" + i + (i % 3 == 0 ? "withalongertail" : "")).ToList();
        foreach (var (word, i) in words.Select((w, i) => (w, i)))
        {
            cache.Add(word, WordCache.KeyOf(word), symbol: i, atoms: i % 5 == 0 ? [i] : []);
        }

        var found = words.Count(w => cache.TryFind(w, WordCache.KeyOf(w), out _, out _, out _));
        var right = words.Select((w, i) => (w, i)).Count(p =>
            cache.TryFind(p.w, WordCache.KeyOf(p.w), out var symbol, out _, out var atoms) && symbol == p.i && atoms.Length == (p.i % 5 == 0 ? 1 : 0));

        // A word whose probe run grew past the limit may go uncached (it is then analysed on each sight); a wrong
        // answer is never allowed.
        Assert.True(found > words.Count * 0.999, "found " + found);
        Assert.Equal(found, right);
    }

    [Fact]
    public void Add_PastTheLimit_StopsCaching()
    {
        var cache = new WordCache();
        for (var i = 0; i < WordCache.Limit + 10; i++)
        {
            var word = "w" + i;
            cache.Add(word, WordCache.KeyOf(word), symbol: 1, atoms: []);
        }

        var last = "w" + (WordCache.Limit + 5);
        Assert.False(cache.TryFind(last, WordCache.KeyOf(last), out _, out _, out _));
    }
}
