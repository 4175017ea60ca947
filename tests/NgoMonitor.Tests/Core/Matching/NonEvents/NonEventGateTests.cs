using NgoMonitor.Core.Feeds;
using NgoMonitor.Core.Geo;
using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Matching.NonEvents;
using NgoMonitor.Core.Matching.Rules;
using NgoMonitor.TestKit;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching.NonEvents;

public class NonEventGateTests
{
    private static readonly DateTimeOffset Published = new(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    // media
    [InlineData("en: film wins prize", "Film about a hospital kidnapping wins festival prize", "", true)]
    [InlineData("en: documentary", "New documentary revisits the abduction of aid workers in Darfur", "", true)]
    [InlineData("en: novel", "Her debut novel follows a nurse taken hostage by rebels", "", true)]
    [InlineData("en: exhibition", "Exhibition of photographs of bombed hospitals opens in Geneva", "", true)]
    [InlineData("en: film crew kidnapped", "Gunmen kidnap a film crew near the border", "", false)]
    [InlineData("en: film screening", "Screening of a film about the hospital siege draws a crowd", "", true)]
    [InlineData("en: screening site burned", "Two Ebola screening sites were burned down by a mob", "", false)]
    [InlineData("fr: film primé", "Un film sur l'enlèvement d'humanitaires primé au festival de Cannes", "", true)]
    [InlineData("ar: فيلم", "فيلم عن اختطاف طبيب يفوز بجائزة في مهرجان", "", true)]
    // commemoration
    [InlineData("en: ten years on", "Ten years on, survivors remember the hospital bombing", "", true)]
    [InlineData("en: anniversary", "Town marks anniversary of the attack on its clinic", "", true)]
    [InlineData("en: shelling during ceremony", "Hospital hit by shelling during anniversary ceremony", "", false)]
    [InlineData("fr: commémoration", "Commémoration de l'attaque contre l'hôpital de Kunduz", "", true)]
    [InlineData("ar: ذكرى", "إحياء ذكرى قصف المستشفى في المدينة", "", true)]
    // drills
    [InlineData("en: drill", "Hospital staff rehearse a mass-casualty drill after a mock bombing", "", true)]
    [InlineData("en: military exercise", "Troops storm a mock clinic in a military exercise", "", true)]
    [InlineData("fr: exercice de simulation", "Exercice de simulation d'une attaque contre un hôpital à Niamey", "", true)]
    [InlineData("ar: مناورة", "مناورة عسكرية تحاكي هجوما على مستشفى", "", true)]
    // trials
    [InlineData("en: old attack in court", "Court sentences militia leader for 2014 hospital attack", "", true)]
    [InlineData("en: years ago in court", "Militia leader convicted over a hospital attack six years ago", "", true)]
    [InlineData("en: this week's attack in court", "Court charges gunmen who stormed the hospital on Monday", "", false)]
    [InlineData("fr: procès", "Procès des auteurs de l'attaque de l'hôpital en 2015", "", true)]
    // current events
    [InlineData("en: gunmen kidnap doctor", "Gunmen kidnap doctor", "", false)]
    [InlineData("en: theatre nurse", "Operating theatre nurse abducted from his home", "", false)]
    [InlineData("en: frame in the lead", "Survivors gather in Kunduz", "Ten years on, survivors remember the night the hospital was bombed. They laid wreaths.", true)]
    [InlineData("en: film only later in the body", "Airstrike hits hospital in Idlib", "The strike killed four. A film crew later filmed the ruins. A documentary is planned.", false)]
    [InlineData("fr: hommes armés enlèvent un médecin", "Des hommes armés enlèvent un médecin à Kidal", "", false)]
    [InlineData("ar: مسلحون يختطفون طبيبا", "مسلحون يختطفون طبيبا في المدينة", "", false)]
    public void IsNonEvent_Frames_AreRecognised(string label, string title, string body, bool expected)
    {
        Assert.True(expected == NonEventGate.Default.IsNonEvent(title, body, null, Published), label);
    }

    [Fact]
    public void IsNonEvent_TrialWithAYearAndNoDate_NeedsYearsAgoWording()
    {
        Assert.False(NonEventGate.Default.IsNonEvent("Court sentences militia leader for 2014 hospital attack", "", null, published: null));
        Assert.True(NonEventGate.Default.IsNonEvent("Court sentences militia leader for hospital attack years ago", "", null, published: null));
    }

    [Fact]
    public void Match_FilmAboutKidnapping_IsNotAlertedByAPackButStaysForAnAdminRule()
    {
        var pack = RulePacks.Get("kidnapping");
        var fromPack = new Watchlist("pack", "Kidnappings", "kidnapping", Severity.Severe,
            [.. pack.Rules.Select(r => KeywordRule.FromQuery(r.Query) with { Pack = pack.Id })], [], ["desk"]);
        var own = new Watchlist("own", "Festival news", "culture", Severity.Minor, [KeywordRule.FromQuery("kidnapping NEAR/5 film")], [], ["desk"]);
        var matcher = new WatchlistMatcher([fromPack, own], new InMemoryPlaceFinder([]));

        var film = matcher.Match(new FeedItem("1", "feed", "Film about a hospital kidnapping wins festival prize", "", null, Published, null));
        var news = matcher.Match(new FeedItem("2", "feed", "Gunmen kidnap doctor", "", null, Published, null));

        Assert.Equal(["own"], film.Select(m => m.WatchlistId));
        Assert.Equal(["pack"], news.Select(m => m.WatchlistId));
    }

    [Fact]
    public void Read_BadCueFile_SaysWhichFile()
    {
        using var json = new MemoryStream("{\"cues\": [ {\"kind\": "u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => NonEventGate.Read(json, "my-cues.json"));

        Assert.Contains("my-cues.json", error.Message, StringComparison.Ordinal);
    }
}
