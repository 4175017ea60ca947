using NgoMonitor.Core.Matching.Rules;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching.Rules;

public class RulePacksTests
{
    private static readonly Dictionary<string, CompiledRuleSet> Sets =
        RulePacks.All().ToDictionary(p => p.Id, p => CompiledRuleSet.Compile(p.ToDefinitions()));

    [Fact]
    public void All_ShippedPacks_LoadAndCompile()
    {
        Assert.Equal(
            ["aid-worker-abduction", "armed-clashes", "border-closures", "health-care", "mass-displacement", "roadblocks-curfews"],
            RulePacks.All().Select(p => p.Id));
        Assert.All(RulePacks.All(), p => Assert.Equal(["ar", "en", "fr"], p.Rules.Select(r => r.Lang).Distinct().Order()));
    }

    [Theory]
    // health-care: positives
    [InlineData("health-care", "en: hospital shelled", "The main hospital in the city was shelled overnight, killing two patients.", true)]
    [InlineData("health-care", "en: ambulance hit", "An ambulance came under fire while attempting to reach the injured.", true)]
    [InlineData("health-care", "en: nurse kidnapped", "A nurse was kidnapped by unidentified gunmen on her way home.", true)]
    [InlineData("health-care", "en: clinic looted", "Armed men looted a clinic and seized medical supplies.", true)]
    [InlineData("health-care", "en: hospital besieged", "Troops besieged the hospital and evacuated the wards at gunpoint.", true)]
    [InlineData("health-care", "fr: hôpital bombardé", "L'hôpital de district a été bombardé par des drones, faisant plusieurs blessés.", true)]
    [InlineData("health-care", "fr: agent de santé enlevé", "Deux agents de santé ont été enlevés par des hommes armés près de Beni.", true)]
    [InlineData("health-care", "ar: مستشفى قصف", "قصفت الطائرات المستشفى الوطني في المدينة صباح اليوم", true)]
    [InlineData("health-care", "ar: مسعفين قتل", "مقتل ثلاثة مسعفين في غارة على سيارة إسعاف", true)]
    // health-care: negatives
    [InlineData("health-care", "en: new wing", "Hospital opens new wing for children's cancer care.", false)]
    [InlineData("health-care", "en: victim taken to hospital", "A man was shot in a robbery and taken to hospital in stable condition.", false)]
    [InlineData("health-care", "en: doctors' study", "Doctors say a new drug cuts the risk of heart attack.", false)]
    [InlineData("health-care", "fr: inauguration", "Le ministre inaugure un nouvel hôpital à Abidjan.", false)]
    [InlineData("health-care", "ar: افتتاح", "افتتاح مستشفى جديد في المدينة بحضور الوزير", false)]
    // border-closures
    [InlineData("border-closures", "en: crossing closed", "Authorities closed the Rafah crossing until further notice.", true)]
    [InlineData("border-closures", "en: border sealed", "The army sealed the border with Sudan on Monday.", true)]
    [InlineData("border-closures", "en: talks resume", "Border talks resume between the two countries.", false)]
    [InlineData("border-closures", "en: railroad crossing", "The railroad crossing on Main Street will be closed for repairs.", false)]
    [InlineData("border-closures", "fr: frontière fermée", "Le Niger a fermé sa frontière avec le Bénin.", true)]
    [InlineData("border-closures", "fr: réouverture", "Réouverture de la frontière après la fermeture de mars.", false)]
    [InlineData("border-closures", "ar: إغلاق المعبر", "السلطات تعلن إغلاق المعبر الحدودي حتى إشعار آخر", true)]
    [InlineData("border-closures", "ar: مفاوضات", "استئناف المفاوضات حول الحدود بين البلدين", false)]
    // mass-displacement
    [InlineData("mass-displacement", "en: thousands fled", "Thousands of families fled their villages as fighting spread.", true)]
    [InlineData("mass-displacement", "en: displaced people", "More than 20,000 people have been displaced by the violence.", true)]
    [InlineData("mass-displacement", "en: jobs displaced", "Automation displaced thousands of workers, a report says.", false)]
    [InlineData("mass-displacement", "en: concert", "Fans flee the stadium after the concert ends early.", false)]
    [InlineData("mass-displacement", "fr: milliers de déplacés", "Des milliers de personnes déplacées ont fui les combats.", true)]
    [InlineData("mass-displacement", "fr: vacances", "Des milliers de touristes déplacés par la grève des trains pendant les vacances.", false)]
    [InlineData("mass-displacement", "ar: نزوح آلاف", "نزوح آلاف العائلات من القرى بسبب القتال", true)]
    [InlineData("mass-displacement", "ar: no crowd", "تقرير عن النزوح في التاريخ", false)]
    // armed-clashes
    [InlineData("armed-clashes", "en: clashes", "Heavy clashes between the army and rebels near Goma.", true)]
    [InlineData("armed-clashes", "en: advance", "Militants advanced on the town after overnight fighting.", true)]
    [InlineData("armed-clashes", "en: football", "Army football team advances to the championship final.", false)]
    [InlineData("armed-clashes", "en: fans clash", "Fans clash with police after the match.", false)]
    [InlineData("armed-clashes", "fr: affrontements", "Violents affrontements entre l'armée et des groupes armés à Ménaka.", true)]
    [InlineData("armed-clashes", "fr: match", "Affrontement au sommet entre les deux équipes de l'armée pour le match de football.", false)]
    [InlineData("armed-clashes", "ar: اشتباكات", "اشتباكات عنيفة بين الجيش وقوات الدعم السريع في الخرطوم", true)]
    [InlineData("armed-clashes", "ar: مباراة", "الجيش يفوز في مباراة كرة القدم بعد معركة قوية", false)]
    // aid-worker-abduction
    [InlineData("aid-worker-abduction", "en: aid workers kidnapped", "Three aid workers were kidnapped at gunpoint in North Kivu.", true)]
    [InlineData("aid-worker-abduction", "en: NGO staff detained", "Authorities detained two staff members of an international NGO.", true)]
    [InlineData("aid-worker-abduction", "en: film", "A new film about a kidnapping of aid workers premieres tonight.", false)]
    [InlineData("aid-worker-abduction", "en: fundraiser", "Local NGO hosts a fundraiser for humanitarian work.", false)]
    [InlineData("aid-worker-abduction", "fr: humanitaires enlevés", "Deux travailleurs humanitaires ont été enlevés dans la région de Tillabéri.", true)]
    [InlineData("aid-worker-abduction", "fr: roman", "Un roman raconte l'enlèvement d'un humanitaire.", false)]
    [InlineData("aid-worker-abduction", "ar: اختطاف عمال الإغاثة", "اختطاف اثنين من عمال الإغاثة في شمال البلاد", true)]
    [InlineData("aid-worker-abduction", "ar: مسلسل", "مسلسل جديد عن اختطاف عامل إغاثة", false)]
    // roadblocks-curfews
    [InlineData("roadblocks-curfews", "en: curfew imposed", "The army imposed a 24-hour curfew after the clashes.", true)]
    [InlineData("roadblocks-curfews", "en: roadblocks", "Armed men set up roadblocks on the highway to Bangui.", true)]
    [InlineData("roadblocks-curfews", "en: teen curfew", "City council debates a teen curfew ordinance.", false)]
    [InlineData("roadblocks-curfews", "en: sobriety checkpoint", "Police will run a sobriety checkpoint on Friday night.", false)]
    [InlineData("roadblocks-curfews", "fr: couvre-feu", "Les autorités ont instauré un couvre-feu après les violences.", true)]
    [InlineData("roadblocks-curfews", "fr: barrage hydro", "Le barrage hydroélectrique sera inauguré par le ministre.", false)]
    [InlineData("roadblocks-curfews", "ar: حظر التجول", "الجيش يفرض حظر التجول في المدينة", true)]
    [InlineData("roadblocks-curfews", "ar: كورونا", "رفع حظر التجول المفروض بسبب كورونا", false)]
    public void Match_PackExamples_FlagOnlyTheEvent(string pack, string label, string text, bool expected)
    {
        var hits = Sets[pack].Match(new MatchDocument("", text, null));

        Assert.True(expected == hits.Count > 0, label + ": " + string.Join(", ", hits.SelectMany(h => h.Terms).Select(t => t.Term)));
    }
}
