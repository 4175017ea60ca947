using NgoMonitor.Core.Matching;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching;

public sealed class TextNormaliserTests
{
    [Theory]
    [InlineData("HÔPITAL", "hopital")]
    [InlineData("A'zaz", "azaz")]
    [InlineData("Azaz’s", "azaz s")]
    [InlineData("L'HÔPITAL", "l hopital")]
    [InlineData("Ta'izz", "taizz")]
    [InlineData("Ḥalab", "halab")]
    [InlineData("أعزاز", "اعزاز")]
    [InlineData("المستشفى", "مستشفي")]
    [InlineData("مدرسة", "مدرسه")]
    [InlineData("مـسـتـشـفـى", "مستشفي")]
    [InlineData("مُسْتَشْفَى", "مستشفي")]
    public void Fold_Word_FoldsCaseDiacriticsAndArabicForms(string word, string folded) =>
        Assert.Equal(folded, TextNormaliser.Fold(word));

    [Fact]
    public void Tokenise_Text_KeepsOffsetsIntoTheOriginal()
    {
        const string text = "Shelling near Azaz, 3 km from the office";

        var tokens = TextNormaliser.Tokenise(text);

        var azaz = tokens.Single(t => t.Text == "azaz");
        Assert.Equal("Azaz", text.Substring(azaz.Start, azaz.Length));
        Assert.Equal(["shelling", "near", "azaz", "3", "km", "from", "the", "office"], tokens.Select(t => t.Text));
    }
}
