using NgoMonitor.Core.Geo;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo;

/// <summary>People and common words read like towns: a surname after a given name and a middle initial, a
/// contraction ("I'll"), a pronoun opening a sentence ("None").</summary>
[Collection(GazetteerCollection.Name)]
public sealed class GeoparserPersonNameTests(GazetteerFixture fixture)
{
    private readonly Geoparser _parser = fixture.Parser;

    [Theory]
    [InlineData("Ashley L. Evans, 26, of Paris, was in the custody of the sheriff.", "Evans")]
    [InlineData("The passenger, Merinda K. Robinson, 29, was apprehended when she fled.", "Robinson")]
    public void FindPlaces_SurnameAfterAGivenNameAndAMiddleInitial_IsNotAPlace(string text, string surname)
    {
        Assert.DoesNotContain(_parser.FindPlaces(text), m => m.Surface == surname);
    }

    [Fact]
    public void FindPlaces_SurnameOfAPersonNamedWithAMiddleInitial_IsNotAPlaceAloneLaterEither()
    {
        const string text = "Ashley L. Evans, 26, of Paris, appeared in court. The judge advised Evans of the charge.";

        Assert.DoesNotContain(_parser.FindPlaces(text), m => m.Surface == "Evans");
    }

    [Fact]
    public void FindPlaces_StateAbbreviationAfterATownAndAComma_IsStillRead()
    {
        var mentions = _parser.FindPlaces("The plant in Charleston, W. Va., closed on Friday.");

        Assert.Contains(mentions, m => m.Surface == "Charleston" && m.Place.CountryCode == "US");
    }

    [Theory]
    [InlineData("contraction", "\"I'll be there on Monday,\" she said.", "I'll")]
    [InlineData("contraction with a typographic apostrophe", "“I’ll be there on Monday,” she said.", "I’ll")]
    [InlineData("sentence opening with a pronoun", "None of the others involved in the collision were hurt.", "None")]
    [InlineData("sentence opening with a quantifier", "Much now depends on the talks.", "Much")]
    public void FindPlaces_CommonWordReadLikeAPlace_IsNotAPlace(string label, string text, string surface)
    {
        Assert.True(label.Length > 0);
        Assert.DoesNotContain(_parser.FindPlaces(text), m => m.Surface == surface);
    }
}

