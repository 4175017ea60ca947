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
            ["aid-worker-attacked", "aid-worker-detained", "aid-worker-kidnapped", "armed-clashes", "border-closures", "education", "explosive-weapons",
             "health-care", "kidnapping", "mass-displacement", "roadblocks-curfews", "sexual-violence"],
            RulePacks.All().Select(p => p.Id));
        Assert.All(RulePacks.All(), p => Assert.Equal(p.Id, p.Category));
        Assert.All(RulePacks.All(), p => Assert.Equal(["ar", "en", "fr"], p.Rules.Select(r => r.Lang).Distinct().Order()));
    }

    [Fact]
    public void Get_FormerAbductionPackId_NamesTheKidnappingPack()
    {
        Assert.Equal("aid-worker-kidnapped", RulePacks.Get("aid-worker-abduction").Id);
        Assert.Null(RulePacks.Find("weather"));
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
    [InlineData("health-care", "en: gunmen kidnap doctor", "Gunmen kidnap doctor on his way to the district hospital.", true)]
    [InlineData("health-care", "en: medics killed", "Two paramedics were killed when a drone struck their ambulance.", true)]
    [InlineData("health-care", "en: hospital raided", "Soldiers raided the maternity ward and arrested three patients.", true)]
    [InlineData("health-care", "en: convoy blocked", "Medical supplies for the besieged town were blocked at a checkpoint for a week.", true)]
    // health-care: health workers named by their speciality, harm to people at a facility, supplies and vehicles taken
    [InlineData("health-care", "en: psychologist shot", "A psychologist was shot dead by unidentified gunmen outside her home.", true)]
    [InlineData("health-care", "en: specialist assassinated", "The director of the hospital was assassinated in his car.", true)]
    [InlineData("health-care", "en: guard shot at clinic", "A night watchman was shot dead at the gate of a clinic.", true)]
    [InlineData("health-care", "en: triage centre ransacked", "Armed youths ransacked a triage centre and took the generator.", true)]
    [InlineData("health-care", "en: health vehicle taken", "A health vehicle was taken at gunpoint near the border post.", true)]
    [InlineData("health-care", "en: ambulance smashed", "Settlers smashed the windows of an ambulance at the entrance to the village.", true)]
    [InlineData("health-care", "en: health context far from the attack", "An NGO staff member was abducted near Gao on Tuesday, local officials said, and relatives appealed for his release while elders from the town tried to reach the group through traders and community leaders. Separately, the regional hospital opened a new cholera ward.", false)]
    [InlineData("health-care", "en: nurse punched", "A relative of a patient punched a nurse on the night shift.", true)]
    [InlineData("health-care", "en: victim hospitalised, doctors quoted", "A man was shot by a sniper and hospitalised; doctors said he would survive.", false)]
    [InlineData("health-care", "en: doctor held captive", "A surgeon held captive for three months was freed by his captors.", true)]
    [InlineData("health-care", "en: NGO staff of a nutrition programme", "Two NGO staff running a nutrition programme were abducted by gunmen.", true)]
    [InlineData("health-care", "en: plain NGO staff abducted", "An NGO staff member was abducted by gunmen near Gao.", false)]
    [InlineData("health-care", "en: psychologist advice", "A psychologist explains how to talk to children about grief.", false)]
    // health-care: conflict news that is not an attack on health care
    [InlineData("health-care", "en: village defence volunteers", "Six village defence volunteers were wounded in an ambush.", false)]
    [InlineData("health-care", "en: soldier died in hospital", "A soldier shot at a checkpoint later died in the hospital.", false)]
    [InlineData("health-care", "en: hospital treating fighters", "Misrata Hospital was treating four fighters injured by shrapnel.", false)]
    [InlineData("health-care", "en: health workers demonstrate", "Health workers demonstrated to demand protective equipment.", false)]
    [InlineData("health-care", "en: volunteer ranger", "A volunteer ranger was shot dead in the national park.", false)]
    [InlineData("health-care", "en: doctors assaulted by relatives", "Relatives of a child admitted to the hospital assaulted two doctors.", true)]
    [InlineData("health-care", "en: midwife beaten and hospitalised", "A midwife was beaten and hospitalised after an argument with armed men.", true)]
    [InlineData("health-care", "en: WHO office stormed", "Gunmen stormed the WHO office in the city and looted equipment.", true)]
    [InlineData("health-care", "en: health sector worker shot", "A health sector worker was shot dead on his way home.", true)]
    [InlineData("health-care", "en: doctors describe a victim", "Doctors said the boy had been beaten by his family and was hospitalized.", false)]
    [InlineData("health-care", "fr: infirmier agressé par des proches", "Un infirmier a été agressé par les proches d'un patient hospitalisé.", true)]
    [InlineData("health-care", "fr: entrepôt de l'OMS pillé", "Des hommes armés ont pillé l'entrepôt de l'OMS à Goma.", true)]
    [InlineData("health-care", "ar: اعتداء ذوي مريض", "اعتداء على طبيب من قبل ذوي مريض في قسم الطوارئ", true)]
    [InlineData("health-care", "ar: مقر منظمة الصحة العالمية", "اقتحام مقر منظمة الصحة العالمية في المدينة", true)]
    [InlineData("health-care", "en: aid workers kidnapped", "INGO aid workers kidnapped on the road to Kidal.", false)]
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
    // aid-worker-attacked
    [InlineData("aid-worker-attacked", "en: aid worker shot", "An aid worker was shot dead by gunmen on a motorcycle.", true)]
    [InlineData("aid-worker-attacked", "en: convoy ambushed", "Three humanitarian workers were injured when their convoy was ambushed.", true)]
    [InlineData("aid-worker-attacked", "en: UN staff assaulted", "Two UN staff were assaulted and robbed at their guesthouse.", true)]
    [InlineData("aid-worker-attacked", "en: warehouse burned", "A fire destroyed a warehouse owned by the city.", false)]
    [InlineData("aid-worker-attacked", "en: volunteer obituary", "Longtime library volunteer dies at 74.", false)]
    [InlineData("aid-worker-attacked", "en: the verb acted is no agency", "Police said the gunman acted alone when he shot two guards at the bank.", false)]
    [InlineData("aid-worker-attacked", "en: international organisation staff shot", "Gunmen shot and wounded a driver of an international organisation.", true)]
    [InlineData("aid-worker-attacked", "fr: humanitaire tué", "Un travailleur humanitaire a été tué par des hommes armés près de Bambari.", true)]
    [InlineData("aid-worker-attacked", "fr: conférence", "Les ONG humanitaires tiennent leur conférence annuelle à Genève.", false)]
    [InlineData("aid-worker-attacked", "ar: مقتل عامل إغاثة", "مقتل عامل إغاثة برصاص مسلحين في دارفور", true)]
    [InlineData("aid-worker-attacked", "ar: مؤتمر", "مؤتمر للمنظمات الإنسانية في عمان", false)]
    [InlineData("aid-worker-attacked", "en: Red Crescent society paramedics", "Two PRCS paramedics were wounded when their ambulance was fired upon.", true)]
    [InlineData("aid-worker-attacked", "en: IO employee", "An IO employee was injured in a grenade attack on a restaurant.", true)]
    [InlineData("aid-worker-attacked", "en: displaced people at an agency school", "Ten displaced people were killed when a missile struck an UNRWA school.", false)]
    [InlineData("aid-worker-attacked", "en: no casualties", "An IED exploded near an INGO warehouse; no casualties were reported.", false)]
    // aid-worker-kidnapped
    [InlineData("aid-worker-kidnapped", "en: UN staff abducted", "One UN national staff abducted outside mosque in Baidoa.", true)]
    [InlineData("aid-worker-kidnapped", "en: IFRC staff kidnapped", "1 IFRC international staff kidnapped from Darfur.", true)]
    [InlineData("aid-worker-kidnapped", "en: held hostage", "6 INGO international staff held hostage by militants.", true)]
    [InlineData("aid-worker-kidnapped", "en: drivers held by armed group", "Two UN-contracted drivers were detained for 7 days by an unknown armed group.", true)]
    [InlineData("aid-worker-kidnapped", "en: missing after ambush", "One international agency staff missing after ambush on aid agency vehicle.", true)]
    [InlineData("aid-worker-kidnapped", "en: kidnapped with others", "An INGO aid worker, a teacher and a director of the water ministry were kidnapped by militants.", true)]
    [InlineData("aid-worker-kidnapped", "en: detained by armed youth", "An NGO worker was detained and tortured to death by a group of armed youth.", true)]
    [InlineData("aid-worker-kidnapped", "en: office robbed", "Armed men robbed an NGO office and drove off with two vehicles.", false)]
    [InlineData("aid-worker-kidnapped", "en: arrested by police", "Police arrested three aid workers accused of spying.", false)]
    [InlineData("aid-worker-kidnapped", "en: fundraiser", "Local NGO hosts a fundraiser for humanitarian work.", false)]
    [InlineData("aid-worker-kidnapped", "fr: humanitaires enlevés", "Deux travailleurs humanitaires ont été enlevés dans la région de Tillabéri.", true)]
    [InlineData("aid-worker-kidnapped", "fr: arrêtés", "Trois employés d'une ONG arrêtés par la police à Bamako.", false)]
    [InlineData("aid-worker-kidnapped", "ar: اختطاف عمال الإغاثة", "اختطاف اثنين من عمال الإغاثة في شمال البلاد", true)]
    [InlineData("aid-worker-kidnapped", "ar: اعتقال", "الشرطة تعتقل موظفين في منظمة إنسانية", false)]
    [InlineData("aid-worker-kidnapped", "en: drivers seized", "Gunmen seized two NGO drivers on the Gao road.", true)]
    [InlineData("aid-worker-kidnapped", "en: international organisation staff captured", "Three staff of an international organisation were captured by militants near the border.", true)]
    [InlineData("aid-worker-kidnapped", "en: unaccounted for", "An aid worker is still unaccounted for after the convoy was ambushed.", true)]
    [InlineData("aid-worker-kidnapped", "en: taken to an unknown location", "Armed men stopped the UNICEF vehicle and its staff were taken to an unknown location.", true)]
    [InlineData("aid-worker-kidnapped", "en: abducted by security forces", "A Red Crescent volunteer was abducted by security forces at his home.", false)]
    [InlineData("aid-worker-kidnapped", "en: local organisation staff", "Two staff of a local organisation were kidnapped by gunmen.", true)]
    [InlineData("aid-worker-kidnapped", "fr: association locale", "Deux membres d'une association locale ont été enlevés par des hommes armés.", true)]
    [InlineData("aid-worker-kidnapped", "ar: جمعية خيرية", "اختطاف موظفين في جمعية خيرية شمال المدينة", true)]
    [InlineData("aid-worker-kidnapped", "en: arrested by armed men", "Two NGO staff were arrested by armed men at a fake checkpoint.", true)]
    [InlineData("aid-worker-kidnapped", "en: UNICEF staff taken by security forces", "Two UNICEF staff were kidnapped by security forces in the capital.", false)]
    [InlineData("aid-worker-kidnapped", "en: attempted kidnapping", "Police foiled an attempted kidnapping of two aid workers in the capital.", false)]
    [InlineData("aid-worker-kidnapped", "en: missing then found dead", "An NGO driver who went missing last week was found dead near the river.", false)]
    [InlineData("aid-worker-kidnapped", "en: arrested and taken away", "Aid workers were arrested at a checkpoint and taken to an unknown destination.", false)]
    [InlineData("aid-worker-kidnapped", "en: briefly held", "Armed men briefly detained the aid workers before letting the convoy pass.", false)]
    [InlineData("aid-worker-kidnapped", "fr: retenus par des hommes armés", "Deux employés d'une organisation internationale ont été retenus par des hommes armés pendant trois jours.", true)]
    [InlineData("aid-worker-kidnapped", "fr: destination inconnue", "Des hommes armés ont emmené un agent humanitaire vers une destination inconnue.", true)]
    [InlineData("aid-worker-kidnapped", "fr: enlevé par les forces de sécurité", "Un bénévole de la Croix-Rouge a été enlevé par les forces de sécurité à son domicile.", false)]
    [InlineData("aid-worker-kidnapped", "fr: retrouvés morts", "Deux agents humanitaires portés disparus ont été retrouvés morts.", false)]
    [InlineData("aid-worker-kidnapped", "fr: tentative", "Une tentative d'enlèvement de travailleurs humanitaires a échoué.", false)]
    [InlineData("aid-worker-kidnapped", "ar: احتجاز على يد مسلحين", "احتجاز موظفين في منظمة إنسانية على يد مسلحين مجهولين منذ ثلاثة أيام", true)]
    [InlineData("aid-worker-kidnapped", "en: stopped and released", "A volunteer was stopped and detained by an unidentified armed group on his way home and released the same evening.", false)]
    [InlineData("aid-worker-kidnapped", "en: hijacked vehicle, driver left", "Gunmen hijacked an NGO vehicle after ordering the driver out on the road to Kidal.", false)]
    [InlineData("aid-worker-kidnapped", "en: bodies of missing staff found", "Two Red Crescent staff were missing for a week; the bodies of the two paramedics were found near their ambulance.", false)]
    [InlineData("aid-worker-kidnapped", "ar: محاولة اختطاف", "فشل محاولة اختطاف عمال إغاثة قرب الحدود", false)]
    [InlineData("aid-worker-kidnapped", "ar: من قبل قوات الأمن", "اختطاف متطوع في الهلال الأحمر من قبل قوات الأمن", false)]
    [InlineData("aid-worker-kidnapped", "ar: العثور على جثة", "العثور على جثة متطوع مفقود في الهلال الأحمر", false)]
    // aid-worker-detained
    [InlineData("aid-worker-detained", "en: arrested", "Security forces arrested two NGO staff members at a checkpoint.", true)]
    [InlineData("aid-worker-detained", "en: detained", "Authorities detained a UN staff member for questioning.", true)]
    [InlineData("aid-worker-detained", "en: volunteers recruited", "The NGO recruited forty volunteers for the campaign.", false)]
    [InlineData("aid-worker-detained", "fr: arrêtés", "Trois employés d'une ONG arrêtés par la police à Bamako.", true)]
    [InlineData("aid-worker-detained", "fr: réunion", "Réunion des ONG avec le gouverneur.", false)]
    [InlineData("aid-worker-detained", "ar: اعتقال", "الشرطة تعتقل موظفين في منظمة إنسانية", true)]
    [InlineData("aid-worker-detained", "ar: تمويل", "تمويل جديد للمنظمات الإنسانية", false)]
    [InlineData("aid-worker-detained", "en: abducted by security forces", "A Red Crescent volunteer was abducted by security forces at his home.", true)]
    [InlineData("aid-worker-detained", "fr: enlevé par les forces de sécurité", "Un bénévole de la Croix-Rouge a été enlevé par les forces de sécurité à son domicile.", true)]
    [InlineData("aid-worker-detained", "ar: من قبل قوات الأمن", "اختطاف متطوع في الهلال الأحمر من قبل قوات الأمن", true)]
    // kidnapping
    [InlineData("kidnapping", "en: students abducted", "Gunmen abducted 20 students from a boarding school overnight.", true)]
    [InlineData("kidnapping", "en: seized by armed men", "A trader was seized by armed men on the road to Gao.", true)]
    [InlineData("kidnapping", "en: missing pet", "Family's dog missing after the storm.", false)]
    [InlineData("kidnapping", "fr: enlèvement", "Enlèvement d'un commerçant par des hommes armés à Ménaka.", true)]
    [InlineData("kidnapping", "fr: déchets enlevés", "Les déchets ont été enlevés des rues après la fête.", false)]
    [InlineData("kidnapping", "ar: خطف", "مسلحون يخطفون تاجرا على الطريق", true)]
    [InlineData("kidnapping", "ar: سوق", "افتتاح سوق جديد في المدينة", false)]
    [InlineData("kidnapping", "en: whereabouts unknown", "The village chief has not been seen since Sunday; his whereabouts remain unknown.", true)]
    [InlineData("kidnapping", "en: bus hijacked", "Gunmen hijacked a bus with forty passengers on board.", true)]
    [InlineData("kidnapping", "en: traders held by bandits", "Five traders were held by bandits for a week.", true)]
    [InlineData("kidnapping", "en: arrested by gunmen", "Two doctors were arrested by unidentified gunmen and later released.", true)]
    [InlineData("kidnapping", "en: arrested by police after gunmen fled", "The suspect was arrested by police after gunmen fled the scene.", false)]
    [InlineData("kidnapping", "fr: arrêté par des hommes armés", "Un commerçant a été arrêté par des hommes armés près de Ménaka.", true)]
    [InlineData("kidnapping", "en: building taken over", "The hospital was taken over by an armed group.", false)]
    [InlineData("kidnapping", "en: vehicle seized", "Gunmen seized the ambulance on the main road; its driver escaped unhurt.", false)]
    [InlineData("kidnapping", "en: attempted kidnapping", "Police thwarted an attempted kidnapping of a businessman.", false)]
    [InlineData("kidnapping", "en: arrested and taken away", "Protesters were arrested and taken to an unknown location.", false)]
    [InlineData("kidnapping", "fr: retenus par des hommes armés", "Des commerçants ont été retenus par des hommes armés sur la route de Gao.", true)]
    [InlineData("kidnapping", "fr: tentative", "Tentative d'enlèvement déjouée à Niamey.", false)]
    [InlineData("kidnapping", "ar: احتجاز على يد مسلحين", "احتجاز ركاب حافلة على يد مسلحين مجهولين", true)]
    [InlineData("kidnapping", "ar: محاولة اختطاف", "فشل محاولة اختطاف طفل في السوق", false)]
    // education
    [InlineData("education", "en: school shelled", "A secondary school was damaged by artillery shelling.", true)]
    [InlineData("education", "en: teacher killed", "Militants shot dead a teacher outside his classroom.", true)]
    [InlineData("education", "en: school board", "The school board approved the budget on Tuesday.", false)]
    [InlineData("education", "en: road crash", "Two students were injured in a car crash near the college.", false)]
    [InlineData("education", "en: winter storm", "A winter storm damaged the roof of the primary school.", false)]
    [InlineData("education", "en: gunmen stormed into a school", "Gunmen stormed into the secondary school during lessons.", true)]
    [InlineData("education", "fr: école incendiée", "Une école a été incendiée par des hommes armés.", true)]
    [InlineData("education", "fr: rentrée", "La rentrée scolaire aura lieu lundi.", false)]
    [InlineData("education", "ar: قصف مدرسة", "قصف مدرسة تؤوي نازحين في المدينة", true)]
    [InlineData("education", "ar: امتحانات", "بدء امتحانات المدارس الأسبوع المقبل", false)]
    // explosive-weapons
    [InlineData("explosive-weapons", "en: airstrike", "An airstrike hit a market in the town centre.", true)]
    [InlineData("explosive-weapons", "en: IED", "An IED exploded under a minibus.", true)]
    [InlineData("explosive-weapons", "en: bomb threat", "Bomb threat forces evacuation of a courthouse.", false)]
    [InlineData("explosive-weapons", "en: labour strike", "Teachers strike over pay.", false)]
    [InlineData("explosive-weapons", "en: space launch", "The crew blasted off for the space station aboard a Soyuz rocket.", false)]
    [InlineData("explosive-weapons", "en: football bomb", "The quarterback threw a 60-yard bomb for the winning touchdown.", false)]
    [InlineData("explosive-weapons", "fr: obus", "Des obus sont tombés sur un quartier de Goma.", true)]
    [InlineData("explosive-weapons", "fr: mines d'or", "Les mines d'or du nord emploient des milliers de jeunes.", false)]
    [InlineData("explosive-weapons", "ar: غارة", "غارة جوية على حي سكني في المدينة", true)]
    [InlineData("explosive-weapons", "ar: سوق", "افتتاح سوق جديد في المدينة", false)]
    // sexual-violence
    [InlineData("sexual-violence", "en: raped by soldiers", "Women were raped by soldiers during the raid on the village.", true)]
    [InlineData("sexual-violence", "en: camp", "Girls in the displacement camp reported sexual violence by armed men.", true)]
    [InlineData("sexual-violence", "en: awareness", "A charity runs an awareness walk in the park.", false)]
    [InlineData("sexual-violence", "fr: violées par des hommes armés", "Des femmes ont été violées par des hommes armés près de Bunia.", true)]
    [InlineData("sexual-violence", "fr: colloque", "Un colloque sur la santé des femmes à Dakar.", false)]
    [InlineData("sexual-violence", "ar: اغتصاب", "اغتصاب نساء على يد مسلحين في دارفور", true)]
    [InlineData("sexual-violence", "ar: ندوة", "ندوة عن صحة المرأة في الجامعة", false)]
    // armed-clashes
    [InlineData("armed-clashes", "en: clashes", "Heavy clashes between the army and rebels near Goma.", true)]
    [InlineData("armed-clashes", "en: advance", "Militants advanced on the town after overnight fighting.", true)]
    [InlineData("armed-clashes", "en: football", "Army football team advances to the championship final.", false)]
    [InlineData("armed-clashes", "en: fans clash", "Fans clash with police after the match.", false)]
    [InlineData("armed-clashes", "fr: affrontements", "Violents affrontements entre l'armée et des groupes armés à Ménaka.", true)]
    [InlineData("armed-clashes", "fr: match", "Affrontement au sommet entre les deux équipes de l'armée pour le match de football.", false)]
    [InlineData("armed-clashes", "ar: اشتباكات", "اشتباكات عنيفة بين الجيش وقوات الدعم السريع في الخرطوم", true)]
    [InlineData("armed-clashes", "ar: مباراة", "الجيش يفوز في مباراة كرة القدم بعد معركة قوية", false)]
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
