using NgoMonitor.Core.Geo;
using Xunit;

namespace NgoMonitor.Tests.Core.Geo;

public sealed class NewsReadingTests
{
    [Theory]
    [InlineData("Reuters", "WASHINGTON (Reuters) – The State Department said", "WASHINGTON")]
    [InlineData("AFP with a date", "BEIRUT, May 3 (AFP) – Strikes hit", "BEIRUT")]
    [InlineData("country after a comma", "GOMA, DR Congo — Fighting reached", "GOMA")]
    [InlineData("second line of a feed item", "Headline\nKHARTOUM (AP) — Shelling resumed", "KHARTOUM")]
    [InlineData("after a byline's date", "By Jane Roe Staff Reporter March 29, 2009 MILLTOWN -- City officials said", "MILLTOWN")]
    public void IsDateline_CapitalsOpeningALineBeforeAnAgencyOrDash_IsADateline(string label, string text, string city)
    {
        Assert.True(label.Length > 0);
        var start = text.IndexOf(city, StringComparison.Ordinal);

        Assert.True(NewsReading.IsDateline(text, start, start + city.Length));
    }

    [Theory]
    [InlineData("mid-sentence", "Officials in BEIRUT (AFP) said", "BEIRUT")]
    [InlineData("not in capitals", "Beirut (AFP) – Strikes hit", "Beirut")]
    [InlineData("no agency or dash", "GOMA is calm today", "GOMA")]
    [InlineData("after a number that is no year", "Route 12345 GOMA -- closed", "GOMA")]
    public void IsDateline_OtherCapitalisedWords_AreNotDatelines(string label, string text, string word)
    {
        Assert.True(label.Length > 0);
        var start = text.IndexOf(word, StringComparison.Ordinal);

        Assert.False(NewsReading.IsDateline(text, start, start + word.Length));
    }

    [Theory]
    [InlineData(", west of ")]
    [InlineData(" near ")]
    [InlineData(", 20 km north of ")]
    [InlineData(" on the outskirts of ")]
    [InlineData(", à 15 km au nord de ")]
    [InlineData(" près de ")]
    [InlineData(" شرق ")]
    public void IsBearing_WordsPlacingOnePlaceFromAnother_AreABearing(string between)
    {
        Assert.True(NewsReading.IsBearing(between));
    }

    [Theory]
    [InlineData(", ")]
    [InlineData(" and ")]
    [InlineData(" et ")]
    [InlineData(" to ")]
    [InlineData(" the ")]
    public void IsBearing_ListsAndDirections_AreNotABearing(string between)
    {
        Assert.False(NewsReading.IsBearing(between));
    }

    [Theory]
    [InlineData(" said on Tuesday")]
    [InlineData(" denied any role")]
    [InlineData(" a démenti")]
    public void IsFollowedBySpeech_VerbOfSpeechOrDecision_IsTrue(string after)
    {
        Assert.True(NewsReading.IsFollowedBySpeech("Washington" + after, "Washington".Length));
    }
}
