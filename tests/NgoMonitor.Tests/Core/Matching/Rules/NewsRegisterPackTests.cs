using NgoMonitor.Core.Matching.Evaluation;
using NgoMonitor.Core.Matching.NonEvents;
using NgoMonitor.Core.Matching.Rules;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching.Rules;

/// <summary>
/// The shipped packs on items written as news agencies and papers write them (headline plus lede), decided as the
/// watchlist matcher decides them: every pack's rules, then the non-event gate. Each category has real events that
/// must be flagged and near-misses that must not: arrests told beside kidnappings, "hostage" and "bomb" used as
/// figures of speech, drills, films and anniversaries.
/// </summary>
public sealed class NewsRegisterPackTests
{
    private static readonly PackDetector Detector = new(RulePacks.All(), NonEventGate.Default);

    private static bool Flags(string pack, string headline, string lede) =>
        Detector.Detect(new EventExample("news", new DateOnly(2026, 3, 10), headline, lede, new HashSet<string>())).Flags.ContainsKey(pack);

    [Theory]
    [InlineData("Gunmen abduct two aid workers in northeast Nigeria",
        "Suspected jihadists seized two employees of an international charity on the road to Damasak on Tuesday, the organisation said.")]
    [InlineData("Kidnapped UN staff member freed in Yemen after 18 months",
        "A United Nations staff member held by an armed group in the south of the country since early last year has been released, a spokesperson said.")]
    [InlineData("Three Red Cross staff missing after convoy attacked in Darfur",
        "The organisation said it had lost contact with the team on Sunday evening and appealed for information.")]
    [InlineData("Charity worker taken by gunmen in Port-au-Prince",
        "Armed men took a nurse working for a US-based charity from her home on Saturday, police said, and have demanded a ransom.")]
    [InlineData("Militants hijack aid agency truck with four staff on board",
        "The vehicle was stopped at a fake checkpoint outside the town and driven into the bush, the agency said in a statement.")]
    [InlineData("Mali : deux humanitaires enlevés près de Gao",
        "Deux employés d'une ONG internationale ont été enlevés mardi par des hommes armés sur l'axe Gao-Ansongo, selon des sources sécuritaires.")]
    [InlineData("Centrafrique : un agent humanitaire retenu en otage depuis dix jours",
        "Un employé d'une ONG est retenu depuis dix jours par un groupe armé dans la préfecture de la Vakaga, a indiqué l'organisation.")]
    [InlineData("مسلحون يختطفون موظفين اثنين في منظمة إنسانية جنوب البلاد",
        "قالت المنظمة إن مسلحين مجهولين اعترضوا سيارة الفريق أثناء عودته من مخيم للنازحين")]
    [InlineData("احتجاز عاملي إغاثة لدى جماعة مسلحة منذ أسبوعين",
        "أفاد مصدر محلي باحتجاز اثنين من عمال الإغاثة على يد مسلحين مجهولين منذ أيام دون معرفة مصيرهما")]
    public void Match_AidWorkerKidnappingInTheNews_IsFlagged(string headline, string lede) =>
        Assert.True(Flags("aid-worker-kidnapped", headline, lede));

    [Theory]
    [InlineData("Police arrest charity director over fraud allegations",
        "Police in the capital arrested the director of a local charity on Monday on suspicion of misusing donor funds.")]
    [InlineData("Humanitarian aid held hostage to politics, relief chief warns",
        "Aid agencies said on Thursday that access to the besieged city was being held hostage to the warring parties' political demands.")]
    [InlineData("UN condemns abduction of 20 pupils in Zamfara",
        "The United Nations on Friday condemned the kidnapping of 20 pupils from a school in northwest Nigeria and called for their immediate release.")]
    [InlineData("Film about kidnapped aid worker premieres in Berlin",
        "The drama follows a French nurse held captive by militants in the Sahel for two years.")]
    [InlineData("A year on, family of abducted missionary marks anniversary with vigil",
        "Relatives gathered at the church on Sunday to remember the missionary, who was kidnapped in Niger last March.")]
    [InlineData("Volunteers briefly held at checkpoint released",
        "Armed men briefly detained three Red Crescent volunteers at a checkpoint before letting their ambulance pass, the society said.")]
    [InlineData("Niger : trois employés d'une ONG interpellés par la gendarmerie",
        "Les trois agents ont été interpellés lundi à Niamey et placés en garde à vue, selon leur avocat.")]
    [InlineData("الشرطة تعتقل مدير جمعية خيرية بتهمة الاحتيال",
        "أعلنت الشرطة اعتقال مدير جمعية خيرية في العاصمة بتهمة إساءة استخدام أموال المانحين")]
    public void Match_ArrestsFiguresAndFilmsAboutAidWorkers_AreNotKidnappings(string headline, string lede) =>
        Assert.False(Flags("aid-worker-kidnapped", headline, lede));

    [Theory]
    [InlineData("Charity walk honours teenager killed in crash",
        "Hundreds joined a charity walk on Sunday in memory of a 16-year-old killed in a road crash last spring.")]
    [InlineData("Two civilians killed in shelling of Kherson, UN official says",
        "A senior UN official said on Monday that two civilians were killed and five wounded when shells hit a bus stop.")]
    public void Match_CharityEventsAndUnSources_AreNotAttacksOnAidWorkers(string headline, string lede) =>
        Assert.False(Flags("aid-worker-attacked", headline, lede));

    [Fact]
    public void Match_StudentsKidnappedAsAUnOfficialReports_IsAKidnappingButNoAidWorkerKidnapping()
    {
        const string Headline = "Gunmen abduct 20 students in Kaduna, UN official says";
        const string Lede = "A UN official said on Friday that armed men had kidnapped 20 students from a college dormitory overnight.";

        Assert.True(Flags("kidnapping", Headline, Lede));
        Assert.False(Flags("aid-worker-kidnapped", Headline, Lede));
    }

    [Theory]
    [InlineData("Gunmen kidnap 30 passengers on Abuja-Kaduna highway",
        "Armed men blocked the road near Katari on Sunday and marched the travellers into the forest, police said.")]
    [InlineData("Gang abducts missionaries east of Port-au-Prince, demands ransom",
        "Seventeen people, including five children, were taken after visiting an orphanage, a church group said.")]
    [InlineData("UN condemns abduction of 20 pupils in Zamfara",
        "The United Nations on Friday condemned the kidnapping of 20 pupils from a school in northwest Nigeria and called for their immediate release.")]
    [InlineData("Cameroun : enlèvement de six élèves par des séparatistes",
        "Six élèves d'un lycée de Bamenda ont été enlevés jeudi par des hommes armés, selon les autorités locales.")]
    [InlineData("خطف تاجرين على طريق دمشق درعا",
        "أفادت مصادر محلية بأن مسلحين مجهولين خطفوا تاجرين وطالبوا ذويهما بفدية")]
    public void Match_KidnappingInTheNews_IsFlagged(string headline, string lede) =>
        Assert.True(Flags("kidnapping", headline, lede));

    [Theory]
    [InlineData("Security forces arrest opposition leader in dawn raid",
        "Police arrested the leader of the main opposition party at his home before dawn on Thursday, his lawyer said.")]
    [InlineData("Budget held hostage to election politics, mayor says",
        "The mayor accused the council of holding the city budget hostage to the campaign for next month's vote.")]
    [InlineData("Rangers held hostage to injuries as title slips away",
        "Three more first-team players were ruled out on Saturday, leaving the manager short of options for the derby.")]
    [InlineData("Film about Chibok kidnapping premieres at Toronto festival",
        "The documentary follows the families of the schoolgirls abducted by Boko Haram in Borno state.")]
    [InlineData("Ten years on, Chibok families still wait for abducted daughters",
        "Parents gathered in the town on Sunday to mark the anniversary and pray for the girls still held.")]
    [InlineData("Man pleads guilty to 2019 kidnapping of businessman",
        "A federal court accepted the plea on Monday; sentencing is set for June, prosecutors said.")]
    [InlineData("Grève à la SNCF : les usagers pris en otage par les grévistes, dénonce le ministre",
        "Des milliers de voyageurs sont restés à quai lundi, au premier jour du mouvement social.")]
    [InlineData("الاقتصاد اللبناني رهينة التجاذبات السياسية",
        "قال خبراء إن الاقتصاد ما زال رهينة الخلافات السياسية بين الأحزاب منذ سنوات")]
    [InlineData("Wounded herders taken to hospital after clashes",
        "Several people were taken to the district hospital for treatment after armed men attacked their camp, residents said.")]
    public void Match_ArrestsFiguresAndFilmsAboutKidnapping_AreNotFlagged(string headline, string lede) =>
        Assert.False(Flags("kidnapping", headline, lede));

    [Theory]
    [InlineData("Airstrike kills 12 at market in northwest Syria",
        "Warplanes struck a crowded market in the town of Sarmada on Monday, killing at least 12 civilians, rescuers said.")]
    [InlineData("Rockets hit residential area of Kharkiv overnight",
        "Russian rockets slammed into apartment buildings in the city overnight, injuring nine people, the regional governor said.")]
    [InlineData("Roadside bomb wounds three soldiers in Kandahar",
        "The device went off as a patrol passed through the district, an army spokesman said.")]
    [InlineData("Shelling of Goma suburb leaves two dead",
        "Mortar rounds fell on a crowded neighbourhood on Tuesday afternoon, hospital sources said.")]
    [InlineData("Des roquettes s'abattent sur un quartier de Goma",
        "Trois civils ont été tués et plusieurs maisons détruites mardi, selon la société civile.")]
    [InlineData("غارة جوية تستهدف سوقا شعبية في إدلب",
        "قال الدفاع المدني إن الغارة أسفرت عن مقتل خمسة مدنيين وإصابة آخرين")]
    public void Match_ExplosiveWeaponsInTheNews_AreFlagged(string headline, string lede) =>
        Assert.True(Flags("explosive-weapons", headline, lede));

    [Theory]
    [InlineData("Bombshell report accuses minister of corruption",
        "A bombshell report released on Tuesday alleges that the minister steered contracts to relatives.")]
    [InlineData("Prices rocket as fuel shortage bites",
        "The cost of bread and cooking oil rocketed this week, traders in the capital said.")]
    [InlineData("Missile defence talks resume in Geneva",
        "Negotiators from both countries returned to the table on Monday after a six-month pause.")]
    [InlineData("Air Force veteran elected county clerk",
        "A former Air Force officer won the race for county clerk on Tuesday with 58 percent of the vote.")]
    [InlineData("Quarterback's late bomb seals comeback win",
        "The rookie found his receiver with a 60-yard bomb in the final minute to stun the home crowd.")]
    [InlineData("Documentary on Aleppo barrel bombs wins festival award",
        "The film, shot over four years, follows rescue workers pulling survivors from the rubble.")]
    [InlineData("Un drone filme la foule sur la Croisette",
        "Les images prises par un drone montrent des milliers de festivaliers devant le palais.")]
    public void Match_FiguresOfSpeechAndFilmsAboutWeapons_AreNotExplosiveWeapons(string headline, string lede) =>
        Assert.False(Flags("explosive-weapons", headline, lede));

    [Theory]
    [InlineData("Gunmen storm school in Zamfara, abduct pupils",
        "Armed men on motorcycles stormed a secondary school before dawn on Friday, witnesses said.")]
    [InlineData("Strike hits UN-run school sheltering displaced families",
        "At least eight people were killed when a missile struck the school in the centre of the town, medics said.")]
    [InlineData("Teacher shot dead by suspected militants in Balochistan",
        "The headmaster of a government school was gunned down on his way to work, police said.")]
    [InlineData("Gunman opens fire at elementary school, killing 19 children",
        "A gunman opened fire inside an elementary school on Tuesday, killing 19 children and two teachers, officials said.")]
    [InlineData("Burkina : une école incendiée par des hommes armés dans l'Est",
        "Des individus armés ont mis le feu aux salles de classe et menacé les enseignants, selon une source locale.")]
    [InlineData("مقتل معلم برصاص مسلحين في درعا",
        "قتل معلم في مدرسة ابتدائية برصاص مسلحين مجهولين أثناء توجهه إلى عمله")]
    public void Match_AttacksOnEducationInTheNews_AreFlagged(string headline, string lede) =>
        Assert.True(Flags("education", headline, lede));

    [Theory]
    [InlineData("School shooting drill held at county high school",
        "Students at Lincoln High School took part in an active-shooter drill on Wednesday morning.")]
    [InlineData("Man shot in leg, taken to University Hospital",
        "A 24-year-old man was shot on Friday night and taken to University Hospital, police said.")]
    [InlineData("Snowstorm hits region, schools closed",
        "A snowstorm hit the region overnight, closing schools and damaging power lines.")]
    [InlineData("Pupils perform hit show for charity",
        "Pupils at the secondary school staged a hit show that raised money for the children's ward.")]
    [InlineData("Counselling centre launches sexual assault education programme",
        "The programme offers community education on preventing sexual violence and assault.")]
    [InlineData("Road work: lane closures near College Station Road",
        "Crews will close one lane of College Station Road through Friday to repair a sewer main.")]
    public void Match_SchoolNewsThatIsNoAttack_IsNotEducation(string headline, string lede) =>
        Assert.False(Flags("education", headline, lede));
}
