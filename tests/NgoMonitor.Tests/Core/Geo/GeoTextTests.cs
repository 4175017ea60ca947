using NgoMonitor.Core.Geo;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo;

public sealed class GeoTextTests
{
    [Theory]
    [InlineData("apostrophe inside a name", "A'zaz", "azaz")]
    [InlineData("accents", "Alépô", "alepo")]
    [InlineData("Arabic hamza and article", "الأعزاز", "اعزاز")]
    [InlineData("hyphen separates", "Deir ez-Zor", "deir ez zor")]
    [InlineData("dots separate", "U.S.", "u s")]
    [InlineData("possessive s separates", "Israel's", "israel s")]
    [InlineData("French elision separates", "l'Irak", "l irak")]
    [InlineData("apostrophe misdecoded as Windows-1252 inside a name", "Daraâ€™a", "daraa")]
    [InlineData("apostrophe misdecoded at a word's end", "Itsâ€™ windows", "its windows")]
    [InlineData("quote misdecoded before a word", "â€˜Aleppoâ€™", "aleppo")]
    public void FoldName_Spelling_FoldsToIndexKey(string label, string name, string expected)
    {
        Assert.True(label.Length > 0);
        Assert.Equal(expected, GeoText.FoldName(name));
    }

    [Fact]
    public void Tokenise_WordAfterEmoji_KeepsUtf16OffsetsAndMapsToCodePoints()
    {
        var text = "🚑 Azaz";
        var tokens = GeoText.Tokenise(text);

        var token = Assert.Single(tokens.Tokens);
        Assert.Equal(3, token.Start);
        Assert.Equal(2, GeoText.CodePointIndex(text, token.Start));
        Assert.Equal(3, GeoText.Utf16Index(text, 2));
    }
}
