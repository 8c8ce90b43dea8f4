// THE table of the self-assessment (docs/self-assessment.md is written from it): each question,
// drawn from the report (Rapport 22; page numbers as in docs/MODEL.md's appendix), and what
// each answer sets in the scenario; then the report's suggestions, each with the model
// mechanism (docs/MODEL.md section 10) that carries it.
#include "samspel/web/assessment.hpp"

namespace samspel::web {

const std::vector<Question>& questions() {
  static const std::vector<Question> table = {
      {"roles",
       "Har KSO och kommunchef skrivna rollbeskrivningar?",
       "Do the KSO and the kommunchef have written role descriptions?",
       "19-22, 27",
       {{"no", "Nej, vi bygger på förtroende och personkemi", "No, we build on trust and chemistry",
         "strategy.foundation=chemistry"},
        {"yes", "Ja", "Yes", "strategy.foundation=roles"}},
       "no"},
      {"role_talk",
       "Hur ofta talar KSO och kommunchef igenom sina roller?",
       "How often do the KSO and the kommunchef talk their roles through?",
       "20, 23, 27",
       {{"never", "Aldrig", "Never", "strategy.role_dialogue=none"},
        {"at_start", "När någon ny tillträder", "When someone new takes office",
         "strategy.role_dialogue=at_start"},
        {"yearly", "Varje år", "Every year",
         "strategy.role_dialogue=recurring;strategy.role_dialogue_period=12"},
        {"twice_yearly", "Varje halvår", "Every six months",
         "strategy.role_dialogue=recurring;strategy.role_dialogue_period=6"}},
       "never"},
      {"private",
       "Umgås ledande politiker och tjänstemän privat?",
       "Do leading politicians and civil servants socialise privately?",
       "14, 21-22, 26",
       {{"never", "Nästan aldrig", "Hardly ever", "strategy.private_socializing=0.05"},
        {"sometimes", "Ibland", "Sometimes", "strategy.private_socializing=0.3"},
        {"often", "Ofta", "Often", "strategy.private_socializing=0.7"}},
       "sometimes"},
      {"years",
       "Hur länge har KSO och kommunchef arbetat tillsammans?",
       "How long have the KSO and the kommunchef worked together?",
       "14, 18, 26",
       // The model has no tenure parameter: tenure acts through the merging of roles accumulated
       // over the years (MODEL.md section 8, item 4), which the spin-up simulates.
       {{"under_2", "Under två år", "Less than two years", "model.spin_up_years=1"},
        {"2_to_6", "Två till sex år", "Two to six years", "model.spin_up_years=4"},
        {"over_6", "Mer än sex år", "More than six years", "model.spin_up_years=8"}},
       "2_to_6"},
      {"terms",
       "Hur många mandatperioder i följd har majoriteten styrt?",
       "For how many terms in a row has the majority governed?",
       "24-26",
       {{"one", "En", "One", "municipality.terms_in_power=1"},
        {"two", "Två", "Two", "municipality.terms_in_power=2"},
        {"three_plus", "Tre eller fler", "Three or more", "municipality.terms_in_power=4"}},
       "one"},
      {"arenas",
       "Hur ofta möts politiker och tjänstemän i gemensamma arenor för dialog (utöver "
       "sammanträden)?",
       "How often do politicians and civil servants meet in joint arenas for dialogue (besides "
       "formal meetings)?",
       "22, 25",
       {{"never", "Aldrig", "Never", "strategy.arena_interval_months=0"},
        {"yearly", "En gång om året", "Once a year", "strategy.arena_interval_months=12"},
        {"twice_yearly", "Två gånger om året", "Twice a year", "strategy.arena_interval_months=6"},
        {"quarterly", "Varje kvartal", "Every quarter", "strategy.arena_interval_months=3"}},
       "twice_yearly"},
      {"opposition",
       "Deltar oppositionsrådet i de arenorna?",
       "Does the oppositionsråd take part in those arenas?",
       "22",
       {{"no", "Nej", "No", "strategy.arena_includes_opposition=false"},
        {"yes", "Ja", "Yes", "strategy.arena_includes_opposition=true"}},
       "no"},
      {"cases",
       "Hur stor del av den politiska ledningens tid går till enskilda ärenden?",
       "How much of the political leadership's time goes to individual cases?",
       "17",
       {{"little", "Liten", "Little", "model.case_pull=0.1;strategy.delegation=0.7"},
        {"some", "En del", "Some", "model.case_pull=0.2;strategy.delegation=0.5"},
        {"much", "Stor", "Much", "model.case_pull=0.6;strategy.delegation=0.3"}},
       "some"},
      {"committees",
       "Har kommunen kvar sina facknämnder?",
       "Has the municipality kept its sector committees (nämnder)?",
       "14",
       {{"all", "Ja, en per förvaltning", "Yes, one per department",
         "municipality.departments=6;municipality.committees=6"},
        {"some", "Några har slagits ihop", "Some were merged",
         "municipality.departments=6;municipality.committees=3"},
        {"none", "Nej, kommunstyrelsen styr förvaltningarna",
         "No, the board governs the departments",
         "municipality.departments=6;municipality.committees=0"}},
       "all"},
      {"size",
       "Hur många invånare har kommunen?",
       "How many residents does the municipality have?",
       "17",
       {{"small", "Under 10 000", "Under 10,000", "municipality.population=5000"},
        {"medium", "10 000-50 000", "10,000-50,000", "municipality.population=30000"},
        {"large", "50 000-200 000", "50,000-200,000", "municipality.population=100000"},
        {"city", "Över 200 000", "Over 200,000", "municipality.population=300000"}},
       "medium"},
      {"ceo_boss",
       "Är kommunchefen chefernas chef, med förvaltningscheferna under sig?",
       "Is the kommunchef the head of the department heads?",
       "23",
       {{"yes", "Ja", "Yes", "strategy.ceo_heads_departments=true"},
        {"no", "Nej, nämnderna har sina förvaltningschefer", "No, the committees have their heads",
         "strategy.ceo_heads_departments=false"}},
       "yes"},
      {"steering",
       "Arbetar tjänstemannaledningen för att styra de politiska besluten?",
       "Does the civil-service leadership work to steer political decisions?",
       "17",
       {{"rarely", "Sällan", "Rarely", "model.ceo_influence_seeking=0.1"},
        {"sometimes", "Ibland", "Sometimes", "model.ceo_influence_seeking=0.2"},
        {"often", "Ofta", "Often", "model.ceo_influence_seeking=0.5"}},
       "sometimes"},
      {"outside",
       "Hur ofta hämtar ni idéer utifrån: nätverk, studiebesök, nya medarbetare?",
       "How often do you bring in ideas from outside: networks, study visits, new hires?",
       "27",
       {{"rarely", "Sällan", "Rarely", "strategy.outside_input=0.1"},
        {"sometimes", "Ibland", "Sometimes", "strategy.outside_input=0.3"},
        {"often", "Ofta", "Often", "strategy.outside_input=0.6"}},
       "sometimes"},
  };
  return table;
}

const std::vector<Suggestion>& suggestions() {
  static const std::vector<Suggestion> table = {
      {"roles",
       {"no"},
       "Skriv rollbeskrivningar för KSO och kommunchef: samarbete som bygger på personkemi är "
       "sårbart när personer byts.",
       "Write role descriptions for the KSO and the kommunchef: cooperation built on personal "
       "chemistry is fragile when people change.",
       "Förtroendet i modellen blandar rollförtroende, som stannar hos rollparet när en person "
       "går, och personförtroende, som börjar om när en ny person kommer. Med roller väger "
       "rollförtroendet tyngre, så ett byte kostar mindre.",
       "In the model trust mixes role trust, which stays with the role pair when a person leaves, "
       "and person trust, which starts over with a newcomer. With roles, role trust weighs more, "
       "so a change costs less.",
       "19-21, 27"},
      {"role_talk",
       {"never"},
       "Tala igenom rollerna, och gör det återkommande: genomdiskuterade roller håller bäst.",
       "Talk your roles through, and do it again and again: roles that are discussed hold best.",
       "En rolldialog för parets rolluppfattningar till den överenskomna gränsen, höjer "
       "tydligheten och rollförtroendet och återställer kommunikationen; färre "
       "rollöverträdelser blir då låsningar.",
       "A role dialogue brings the pair's role conceptions to the agreed boundary, raises clarity "
       "and role trust and restores communication; fewer role transgressions then turn into "
       "lock-ins.",
       "20, 23, 27"},
      {"role_talk",
       {"at_start"},
       "Återkom till rolldialogen, inte bara när någon tillträder: roller som bara diskuteras i "
       "början blir stela.",
       "Come back to the role dialogue, not only when someone takes office: roles discussed only "
       "at the start become rigid.",
       "Efter en enstaka dialog avtar tydligheten och öppenheten för idéer utifrån; lärandet i "
       "forum och från omvärlden går långsammare och de styrande idéerna passar sämre. "
       "Återkommande "
       "dialoger återställer öppenheten.",
       "After a one-off dialogue clarity and openness to outside ideas fade; learning in forums "
       "and from outside slows and the governing ideas fit worse. Recurring dialogues restore "
       "openness.",
       "27"},
      {"private",
       {"often"},
       "Bli inte för privata med varandra.",
       "Do not become too private with each other.",
       "Privat umgänge ökar närheten. Närhet gör att alla snabbare tar över de styrande idéerna "
       "(konsensus före diskussion, mindre mångfald), att KSO:s och kommunchefens roller växer "
       "ihop så att en efterträdare möter ett glapp, och att en ny majoritet oftare byter "
       "kommunchef.",
       "Private socialising raises closeness. Closeness speeds everyone's adoption of the "
       "governing ideas (consensus before discussion, less diversity), makes the roles of KSO and "
       "kommunchef grow together so that a successor meets a gap, and makes a new majority "
       "likelier "
       "to let the kommunchef go.",
       "14, 21-22, 26"},
      {"arenas",
       {"never", "yearly"},
       "Skapa arenor för dialog mellan politiker och tjänstemän.",
       "Create arenas for dialogue between politicians and civil servants.",
       "I gemensamma forum lär sig de styrande idéerna av dem som vet bättre. Utan forum återstår "
       "bara det lilla vardagliga lärandet, och i en föränderlig omvärld passar idéerna allt "
       "sämre.",
       "In joint forums the governing ideas learn from those who know better. Without forums only "
       "the small everyday learning remains, and in a changing world the ideas fit ever worse.",
       "22, 25"},
      {"opposition",
       {"no"},
       "Låt oppositionen delta i arenorna och behandla den med respekt.",
       "Let the opposition take part in the arenas and treat it with respect.",
       "Oppositionsrådet bär andra uppfattningar än majoriteten; i forum bidrar de till lärandet "
       "och håller mångfalden uppe.",
       "The oppositionsråd holds beliefs other than the majority's; in forums they feed learning "
       "and keep diversity up.",
       "22"},
      {"cases",
       {"much"},
       "Låt de enskilda ärendena stanna i förvaltningen och ge ledningen tid för helheten.",
       "Let individual cases stay in the administration and give the leadership time for the "
       "whole.",
       "Tid på enskilda ärenden ger fler rollöverträdelser från politikerna, fler låsningar och "
       "lägre förtroende, och tränger undan tiden för visioner (visionsvakuum).",
       "Time on individual cases brings more role transgressions by politicians, more lock-ins "
       "and lower trust, and crowds out time for vision (a vision vacuum).",
       "17"},
      {"committees",
       {"none"},
       "Utan nämnder behövs andra arenor för sektorspolitiken.",
       "Without committees, sector policy needs other arenas.",
       "Utan nämndordförande delar kommunstyrelsen sin tid över alla förvaltningar; "
       "sektorspolitiken blir svagare och lärandet i sektorerna långsammare.",
       "Without committee chairs the board spreads its time over all departments; sector policy "
       "weakens and learning in the sectors slows.",
       "14"},
      {"steering",
       {"often"},
       "Tjänstemannaledningen bör bereda, inte styra, besluten och ägna sig åt att leda "
       "förvaltningen.",
       "The civil-service leadership should prepare decisions, not steer them, and run the "
       "administration.",
       "Tid på att styra politiken minskar politikernas utrymme och kommunchefens tid för "
       "ledning (förvaltningsvakuum), och ger fler rollöverträdelser från tjänstemännen.",
       "Time spent steering politics shrinks the politicians' room and the kommunchef's "
       "management time (an administration vacuum), and brings more transgressions by civil "
       "servants.",
       "17"},
      {"outside",
       {"rarely"},
       "Hämta idéer utifrån.",
       "Bring in ideas from outside.",
       "Idéer utifrån ger ledarna uppfattningar från omvärlden; de förnyar mångfalden som "
       "lärandet i forum behöver.",
       "Outside ideas give the leaders beliefs from the world around them; they renew the "
       "diversity that forum learning needs.",
       "27"},
      {"terms",
       {"three_plus"},
       "En långvarig majoritet behöver fortsätta diskutera nya idéer; annars väntar stagnation "
       "och missnöje vid valen.",
       "A long-ruling majority needs to keep discussing new ideas; otherwise stagnation and "
       "dissatisfaction at the elections follow.",
       "Väljarnas dom hårdnar med antalet perioder vid makten och med missnöjet; idéer som passar "
       "omvärlden sämre sänker nöjdheten och gör ett maktskifte troligare.",
       "The voters' verdict hardens with the terms in power and with dissatisfaction; ideas that "
       "fit the world worse lower satisfaction and make a change of majority likelier.",
       "24-26"},
      {"years",
       {"over_6"},
       "Se upp så att KSO:s och kommunchefens roller inte växer ihop.",
       "Watch that the roles of the KSO and the kommunchef do not grow together.",
       "Med åren och närheten växer rolluppfattningarna ihop; vid ett byte möter efterträdaren "
       "ett glapp som ger fler och sämre hanterade rollöverträdelser.",
       "Over the years and with closeness the role conceptions merge; at a change the successor "
       "meets a gap that brings more, and worse handled, role transgressions.",
       "14"},
      {"size",
       {"small"},
       "I en liten kommun dras ledningen lätt in i enskilda ärenden: skydda tiden för helheten.",
       "In a small municipality the leadership is easily drawn into individual cases: protect "
       "time for the whole.",
       "En mindre förvaltning skickar fler ärenden till ledningen; tiden för visioner minskar.",
       "A smaller administration passes more cases to the leadership; time for vision shrinks.",
       "17"},
  };
  return table;
}

}  // namespace samspel::web
