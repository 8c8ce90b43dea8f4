// The parameter table: the only place a model constant lives.
//
// Each row is X(name, c_type, kind, default, low, high, choices, unit, meaning, source).
// The rows generate the Parameters structs (parameters.hpp), the dictionary that validates
// scenarios (io/dictionary.hpp) and docs/parameters.md. Sources cite the report
// (Rapport 22, "Organisering av samarbete mellan ledande politiker och tjänstemän i kommuner",
// page numbers of the printed report), a statistic, a cited publication, "assumed" (a starting
// point to be calibrated, or a form of which the report gives only the direction; see
// docs/MODEL.md) or "calibrated (samspel calibrate, date, targets)" (fitted to Swedish
// statistics; docs/VALIDATION.md).
#pragma once

// NOLINTBEGIN(cppcoreguidelines-macro-usage): X-macros keep one table for struct, docs and
// validation; any other encoding would repeat each constant.

#define SAMSPEL_MUNICIPALITY_PARAMETERS(X)                                                      \
  X(population, int, Integer, 30000, 500, 2000000, "", "residents",                             \
    "Residents; sets administrative capacity unless capacity is given",                         \
    "SCB via data/municipalities.tsv; 30,000 is a mid-size municipality")                       \
  X(capacity, double, Real, kDerived, 0, 1, "", "share",                                        \
    "Administrative capacity A; derived from population on a log scale unless given",           \
    "report p. 17: a large municipality can build a strong administration")                     \
  X(departments, int, Integer, 6, 1, 12, "", "departments",                                     \
    "Departments D, each with a förvaltningschef and its own sector of issue dimensions",       \
    "assumed; typical sector split (school, care, social, technical, culture, planning)")       \
  X(committees, int, Integer, 6, 0, 12, "", "committees",                                       \
    "Committees (nämnder) C <= D; 0 = abolished, the board (KSO) governs the sectors",          \
    "report p. 14; SKR: 235 of 290 municipalities keep sector committees")                      \
  X(regulation, double, Real, 0.5, 0, 1, "", "share",                                           \
    "Regulation pressure R: share of each sector's issues set by state/EU law",                 \
    "report p. 12, 14 (helhetssynsdilemman)")                                                   \
  X(turbulence, double, Real, 0.05, 0, 1, "", "1/year",                                         \
    "Expected share of issue dimensions whose right answer changes per year",                   \
    "report p. 15 (omvärldsförändringar), p. 20, 24 (orders that held for a decade): about " \
    "two thirds of what fits still fits ten years later; assumed")                              \
  X(ruling_bloc, Bloc, Choice, Bloc::a, 0, 1, "a|b", "",                                        \
    "Bloc holding the majority before the spin-up", "assumed; a and b only name the blocs")     \
  X(terms_in_power, int, Integer, 1, 1, 20, "", "terms",                                        \
    "Terms the ruling bloc has held power before the spin-up, counting the current one",        \
    "assumed")                                                                                  \
  X(satisfaction, double, Real, 0.5, 0, 1, "", "share",                                         \
    "Citizen satisfaction S before the spin-up", "assumed; equals the election reference level")

#define SAMSPEL_STRATEGY_PARAMETERS(X)                                                            \
  X(foundation, Foundation, Choice, Foundation::chemistry, 0, 1, "chemistry|roles", "",           \
    "What cooperation is built on: personal chemistry or roles (with written role "               \
    "descriptions)",                                                                              \
    "report p. 19-22, 24, 27; chemistry is the common default (p. 25, Jonsson & Arnell 2006)")    \
  X(role_dialogue, RoleDialogue, Choice, RoleDialogue::none, 0, 2, "none|at_start|recurring", "", \
    "When politician and civil servant talk their roles through",                                 \
    "report p. 20, 23 (dialogue on taking office), p. 27 (only at the start makes roles rigid)")  \
  X(role_dialogue_period, int, Integer, 12, 1, 120, "", "months",                                 \
    "Months between role dialogues under role_dialogue = recurring", "assumed: yearly")           \
  X(arena_interval_months, int, Integer, 6, 0, 60, "", "months",                                  \
    "Months between joint forums of politicians and civil servants; 0 = none",                    \
    "report p. 22 ('man måste skapa arenor för dialog'), p. 25 (weak arenas stagnate)")           \
  X(arena_includes_opposition, bool, Boolean, false, 0, 1, "", "",                                \
    "Whether the oppositionsråd takes part in the forums",                                        \
    "report p. 22 ('vi behandlar också oppositionen med respekt')")                               \
  X(private_socializing, double, Real, 0.3, 0, 1, "", "share",                                    \
    "How much leading politicians and civil servants meet privately",                             \
    "report p. 21 (no private relations), p. 22 ('inte bli för privata med varandra')")           \
  X(citizen_dialogue, double, Real, 0.3, 0, 1, "", "share",                                       \
    "Politicians' effort on everyday vad-frågor with residents", "report p. 27-28")               \
  X(delegation, double, Real, 0.5, 0, 1, "", "share",                                             \
    "How firmly individual cases stay in the administration",                                     \
    "report p. 17 (the leadership should not handle individual cases)")                           \
  X(outside_input, double, Real, 0.3, 0, 1, "", "share",                                          \
    "New ideas from outside: networks, new hires, study visits",                                  \
    "report p. 27 ('idéer komna utifrån')")                                                       \
  X(ceo_heads_departments, bool, Boolean, true, 0, 1, "", "",                                     \
    "Whether the kommunchef is chefernas chef (department heads report to the CEO)",              \
    "report p. 23 (the third municipality chose not to)")

#define SAMSPEL_MODEL_PARAMETERS(X)                                                               \
  X(spin_up_years, int, Integer, 4, 0, 20, "", "years",                                           \
    "Years simulated before the start and not observed, so that trust, lock-ins, roles and "      \
    "ideas begin where the municipality's own history puts them",                                 \
    "assumed: one term of office, so the history holds an election and a new board")              \
  /* idea space */                                                                                \
  X(dimensions, int, Integer, 30, 4, 64, "", "dimensions",                                        \
    "Binary issue dimensions m of the idea space", "March (1991): m = 30")                        \
  X(whole_dimensions, int, Integer, 6, 1, 32, "", "dimensions",                                   \
    "Dimensions about the municipality as a whole (vision); the rest are split among sectors",    \
    "report p. 12, 14 (helhet vs delar); assumed")                                                \
  X(initial_fit, double, Real, 0.6, 0, 1, "", "share",                                            \
    "Share of the governing ideas that fit the environment before the spin-up", "assumed")        \
  X(initial_socialisation, double, Real, 0.6, 0, 1, "", "share",                                  \
    "Share of an incumbent's beliefs equal to the governing ideas before the spin-up", "assumed") \
  X(socialisation_rate, double, Real, 0.02, 0, 1, "", "1/month",                                  \
    "p1: chance per month that an actor adopts the governing ideas on a dimension where it "      \
    "differs",                                                                                    \
    "March (1991) p1, per month; report p. 15-16")                                                \
  X(closeness_socialisation, double, Real, 3, 0, 20, "", "factor",                                \
    "s_close: how much closeness speeds socialisation (close-knit leaderships converge)",         \
    "report p. 18, 26 (känner varandra så väl); assumed")                                         \
  X(code_learning_rate, double, Real, 0.3, 0, 1, "", "probability",                               \
    "p2: code learning per forum at full openness, political room and discussion time",           \
    "March (1991) p2; report p. 15-18 (idéutveckling kräver tid för diskussioner)")               \
  X(base_learning_share, double, Real, 0.15, 0, 1, "", "share",                                   \
    "Code learning per month outside forums (everyday leadership work, committee meetings), "     \
    "as a share of p2",                                                                           \
    "assumed")                                                                                    \
  X(outside_input_rate, double, Real, 0.1, 0, 1, "", "1/month",                                   \
    "Chance per actor and month, at outside_input = 1 and full openness, of taking one belief "   \
    "from the environment",                                                                       \
    "report p. 27; assumed")                                                                      \
  X(citizen_input_rate, double, Real, 0.15, 0, 1, "", "1/month",                                  \
    "Chance per politician and month, at full citizen-dialogue time and openness, of taking "     \
    "one belief from residents (the environment)",                                                \
    "report p. 27-28; assumed")                                                                   \
  X(professional_knowledge, double, Real, 0.75, 0.5, 1, "", "share",                              \
    "Share of a new civil servant's own-domain beliefs that fit the environment",                 \
    "report p. 10 (recruited on competence); assumed")                                            \
  X(professional_learning, double, Real, 0.05, 0, 1, "", "1/month",                               \
    "Chance per head and month of learning what the law now requires on one regulated "           \
    "dimension of its sector",                                                                    \
    "report p. 12, 14 (professions carry state regulation)")                                      \
  X(programme_fidelity, double, Real, 0.8, 0, 1, "", "share",                                     \
    "Share of a new politician's beliefs taken from its party's programme",                       \
    "report p. 10 (politicians carry their party's policy)")                                      \
  X(programme_renewal, double, Real, 0.05, 0, 1, "", "1/month",                                   \
    "Chance per party and month that its programme takes up one current issue", "assumed")        \
  X(exchange_probability, double, Real, 0.5, 0, 1, "", "probability",                             \
    "Chance that a handled role transgression exchanges one belief between the two",              \
    "report p. 13 (handled transgressions enrich cooperation)")                                   \
  /* workload */                                                                                  \
  X(case_load, double, Real, 1.0, 0, 3, "", "factor",                                             \
    "k_case: time scale of individual cases: the share of a leader's time a usual month's "       \
    "arrivals would take if all of them reached the leadership",                                  \
    "report p. 17 ('lappa och laga'); assumed")                                                   \
  X(case_rate, double, Real, 1.0, 0.1, 20, "", "cases per 1,000 residents and month",             \
    "Individual cases from residents and employees that go beyond routine handling; the "         \
    "month's count is a Poisson draw with this mean (times 1 + a case surge's size)",             \
    "report p. 17 (cases in relation to residents and employees); assumed")                       \
  X(induction_months, double, Real, 6, 0, 36, "", "months",                                       \
    "Months a new kommunchef or department head needs to learn the job; its part of the "         \
    "administration's case capacity grows linearly from nothing over them",                       \
    "report p. 17 (a robust administration keeps cases from the leadership); assumed")            \
  X(capacity_population_low, double, Real, 2000, 100, 100000, "", "residents",                    \
    "Population at which derived administrative capacity is 0", "assumed (log scale)")            \
  X(capacity_population_high, double, Real, 500000, 10000, 5000000, "", "residents",              \
    "Population at which derived administrative capacity is 1", "assumed (log scale)")            \
  X(fixed_duties_politician, double, Real, 0.3, 0, 0.8, "", "share of time",                      \
    "Politicians' time on fixed duties (meetings, party, representation)", "assumed")             \
  X(citizen_time_max, double, Real, 0.2, 0, 0.5, "", "share of time",                             \
    "Politicians' time on residents at citizen_dialogue = 1", "assumed")                          \
  X(influence_time_max, double, Real, 0.4, 0, 0.8, "", "share of time",                           \
    "CEO's time on steering political decisions at influence_seeking = 1",                        \
    "report p. 17; assumed")                                                                      \
  X(ceo_vision_share, double, Real, 0.3, 0, 1, "", "share",                                       \
    "Share of the CEO's remaining time spent on the whole (vision) rather than management",       \
    "assumed")                                                                                    \
  X(case_pull, double, Real, 0.2, 0, 1, "", "share", "Politicians' pull toward individual cases", \
    "report p. 17 (the second small municipality); assumed")                                      \
  X(ceo_influence_seeking, double, Real, 0.2, 0, 1, "", "share",                                  \
    "How hard the kommunchef works to steer political decisions",                                 \
    "report p. 17 (the first small municipality)")                                                \
  X(head_influence_seeking, double, Real, 0.1, 0, 1, "", "share",                                 \
    "How hard department heads work to steer their committee's decisions", "assumed")             \
  X(professional_orientation, double, Real, 0.5, 0, 1, "", "share",                               \
    "Department heads' pull toward sector logic rather than the whole",                           \
    "report p. 14 (starka professioner)")                                                         \
  /* role transgressions */                                                                       \
  X(transgression_rate_politician, double, Real, 0.3, 0, 5, "", "1/month",                        \
    "Politician-to-administration transgressions per pair and month at full case time and no "    \
    "role gap",                                                                                   \
    "report p. 13 (ofrånkomliga); assumed")                                                       \
  X(transgression_rate_civil_servant, double, Real, 0.3, 0, 5, "", "1/month",                     \
    "Civil-servant-to-politics transgressions per pair and month at full influence seeking",      \
    "report p. 13; assumed")                                                                      \
  X(transgression_base_rate, double, Real, 0.02, 0, 1, "", "1/month",                             \
    "Transgressions per pair and month that arise from the grey zone alone",                      \
    "report p. 13 ('överträdelser måste få ske ibland'); Figure 1 (p. 16)")                       \
  X(gap_sensitivity, double, Real, 4, 0, 20, "", "factor",                                        \
    "How much a gap between one's role conception and what the other accepts raises "             \
    "transgressions",                                                                             \
    "report p. 13 (mandatöverskridanden as departure from expected roles)")                       \
  X(communication_horizon, double, Real, 6, 0.5, 60, "", "months",                                \
    "tau_comm: how fast the benefit of having talked fades", "report p. 13, 18")                  \
  X(handled_trust_gain, double, Real, 0.02, 0, 0.2, "", "trust",                                  \
    "Person trust gained when a transgression is handled", "report p. 13 (berikar)")              \
  X(lockin_trust_loss, double, Real, 0.05, 0, 0.5, "", "trust",                                   \
    "Person trust lost in a lock-in (role trust loses the same times w)",                         \
    "report p. 13 (låsningar)")                                                                   \
  X(lockin_half_life, double, Real, 12, 1, 120, "", "months",                                     \
    "Half-life of the memory of a lock-in", "assumed")                                            \
  X(lockin_scale, double, Real, 2, 0.1, 20, "", "lock-ins",                                       \
    "L0: recent lock-ins that lower cooperation by a factor e", "assumed")                        \
  /* trust, closeness, roles */                                                                   \
  X(trust_new, double, Real, 0.3, 0, 1, "", "trust", "Person trust of a newly formed pair",       \
    "assumed")                                                                                    \
  X(trust_relaxation, double, Real, 24, 1, 240, "", "months",                                     \
    "Time constant with which person trust follows the pair's conduct and closeness", "assumed")  \
  X(closeness_trust, double, Real, 0.6, 0, 1, "", "share",                                        \
    "How far closeness lifts person trust above what conduct earns (personal chemistry)",         \
    "report p. 19 (förtroende och personkemi)")                                                   \
  X(role_trust_initial, double, Real, 0.7, 0, 1, "", "trust",                                     \
    "Role trust of a role pair before the spin-up (afterwards it follows conduct)", "assumed")    \
  X(role_trust_relaxation, double, Real, 60, 1, 600, "", "months",                                \
    "Time constant with which role trust follows how the role holders perform their roles",       \
    "report p. 20 (trust from doing one's job right); assumed")                                   \
  X(weight_chemistry, double, Real, 0.15, 0, 1, "", "weight",                                     \
    "w: weight of role trust in effective trust when built on chemistry",                         \
    "report p. 19 (förtroende och personkemi); assumed")                                          \
  X(weight_roles, double, Real, 0.65, 0, 1, "", "weight",                                         \
    "w: weight of role trust in effective trust when built on roles",                             \
    "report p. 20 (förtroende mellan människor som rollinnehavare); assumed")                     \
  X(written_clarity, double, Real, 0.4, 0, 1, "", "clarity",                                      \
    "Clarity that written role descriptions give on their own",                                   \
    "report p. 19-20 ('papper jobbar inte med varandra')")                                        \
  X(dialogue_clarity_gain, double, Real, 0.6, 0, 1, "", "share",                                  \
    "Share of the missing clarity a role dialogue adds", "report p. 20, 23, 27")                  \
  X(dialogue_role_trust_gain, double, Real, 0.2, 0, 1, "", "share",                               \
    "Share of the missing role trust a role dialogue adds", "report p. 20-21")                    \
  X(dialogue_norm_anchor, double, Real, 0.5, 0, 1, "", "share",                                   \
    "How far a role dialogue pulls the agreed boundary toward the standard roles (Figure 1)",     \
    "report p. 27 (rolldiskussioner professionaliserar rollerna)")                                \
  X(clarity_decay, double, Real, 120, 1, 1200, "", "months",                                      \
    "Time constant with which an unrenewed agreement loses clarity", "assumed")                   \
  X(rigidity_time, double, Real, 48, 1, 600, "", "months",                                        \
    "tau_rigid: time constant with which an unrenewed agreement closes to outside ideas",         \
    "report p. 27 ('stelt och okänsligt för idéer komna utifrån')")                               \
  X(closeness_work, double, Real, 0.3, 0, 1, "", "closeness",                                     \
    "Closeness that working together reaches without private socialising", "assumed")             \
  X(closeness_time, double, Real, 24, 1, 240, "", "months",                                       \
    "Time constant with which closeness approaches its level", "assumed")                         \
  X(forum_trust_gain, double, Real, 0.02, 0, 0.2, "", "trust",                                    \
    "Person trust a held forum adds to each pair taking part", "report p. 22, 25")                \
  X(forum_closeness_gain, double, Real, 0.02, 0, 0.2, "", "closeness",                            \
    "Closeness a held forum adds to each pair taking part", "assumed")                            \
  X(substitution_max, double, Real, 0.9, 0, 1, "", "probability",                                 \
    "Communication substitution at full closeness and w = 0: the chance that a forum is "         \
    "skipped or an everyday talk not held ('we know each other, we need not talk')",              \
    "report p. 18, 26")                                                                           \
  X(everyday_talk_rate, double, Real, 0.5, 0, 1, "", "1/month",                                   \
    "Chance per month that a politician-civil servant pair talks current issues through, "        \
    "before substitution",                                                                        \
    "report p. 18 ('inte såg det som nödvändigt att kommunicera med varandra i olika ärenden')")  \
  X(rho_standard, double, Real, 0.2, 0, 1, "", "reach",                                           \
    "Role conception a newcomer brings: how far its role reaches into the other side's spheres",  \
    "report Figure 1, p. 16 (grey zone)")                                                         \
  X(role_merge_rate, double, Real, 0.03, 0, 1, "", "1/month",                                     \
    "Rate at full closeness at which the KSO's and the kommunchef's role conceptions grow "       \
    "together",                                                                                   \
    "report p. 14 (long, too-close KSO-kommunchef relations: 'rollerna växer ihop')")             \
  X(order_adaptation, double, Real, 0.05, 0, 1, "", "1/month",                                    \
    "Rate at which a newcomer's role conception moves toward the order its longer-serving "       \
    "counterpart carries, where no role dialogue states it",                                      \
    "report p. 20-21 ('han visste hur han ville ha det'), p. 24 (orders that become "             \
    "tradition); assumed")                                                                        \
  /* performance, whole and parts, citizens */                                                    \
  X(performance_capacity, double, Real, 0.4, 0, 1, "", "weight",                                  \
    "Weight of administrative capacity in service performance", "report p. 17")                   \
  X(performance_management, double, Real, 0.3, 0, 1, "", "weight",                                \
    "Weight of the CEO's management time in service performance",                                 \
    "report p. 17 (administration vacuum)")                                                       \
  X(performance_trust, double, Real, 0.3, 0, 1, "", "weight",                                     \
    "Weight of politician-civil servant trust in service performance", "report p. 17")            \
  X(performance_case_intrusion, double, Real, 0.3, 0, 1, "", "weight",                            \
    "Performance lost per unit of politicians' case time (civil servants bypassed)",              \
    "report p. 17")                                                                               \
  X(performance_relaxation, double, Real, 12, 1, 120, "", "months",                               \
    "Time constant with which performance follows its drivers", "assumed")                        \
  X(whole_view_without_head_of_heads, double, Real, 0.6, 0, 1, "", "factor",                      \
    "Weight of the CEO's vision time in whole-view strength when not chefernas chef",             \
    "report p. 23")                                                                               \
  X(sector_ownership_gain, double, Real, 1.3, 1, 3, "", "factor",                                 \
    "Factor on sector policy strength when committees own their department heads",                \
    "report p. 23 ('starka nämnder där nämnden helt äger sina frågor')")                          \
  X(holistic_conflict_rate, double, Real, 0.1, 0, 1, "", "1/month",                               \
    "Holistic conflicts per head and month at full regulation, sector orientation and whole "     \
    "view",                                                                                       \
    "report p. 12, 14")                                                                           \
  X(holistic_trust_loss, double, Real, 0.03, 0, 0.5, "", "trust",                                 \
    "Person trust a holistic conflict costs the head's pairs", "report p. 14")                    \
  X(satisfaction_rate, double, Real, 0.05, 0, 1, "", "1/month",                                   \
    "eta: rate at which citizen satisfaction follows what the municipality delivers", "assumed")  \
  X(satisfaction_fit_weight, double, Real, 0.5, 0, 1, "", "weight",                               \
    "w_fit: weight of the governing ideas' fit in satisfaction", "report p. 15 (missnöje)")       \
  X(satisfaction_performance_weight, double, Real, 0.35, 0, 1, "", "weight",                      \
    "w_perf: weight of service performance in satisfaction", "assumed")                           \
  X(satisfaction_access_weight, double, Real, 0.15, 0, 1, "", "weight",                           \
    "w_acc: weight of politicians' accessibility in satisfaction", "report p. 27-28")             \
  /* elections and turnover */                                                                    \
  X(election_intercept, double, Real, -0.36, -5, 5, "", "log-odds",                               \
    "a0: log-odds that the majority loses at reference satisfaction in its first term",           \
    "calibrated (samspel calibrate, 2026-12-05, targets C1-C3; C2 SKR: 37-44% change majority)")  \
  X(election_satisfaction_slope, double, Real, 8, 0, 50, "", "log-odds per unit",                 \
    "a1: how much dissatisfaction below the reference raises the log-odds of a loss",             \
    "report p. 15, 26 (missnöje som visar sig i val)")                                            \
  X(election_incumbency_slope, double, Real, 0.15, -2, 2, "", "log-odds per term",                \
    "a2: change in the log-odds of a loss per extra term in power", "assumed")                    \
  X(satisfaction_reference, double, Real, 0.5, 0, 1, "", "share",                                 \
    "s_ref: satisfaction at which the election is a toss-up around a0", "assumed")                \
  X(dismissal_base, double, Real, 0.15, 0, 1, "", "probability",                                  \
    "q0: chance a new majority lets the CEO go", "Cregård & Solli; assumed")                      \
  X(politician_retirement, double, Real, 0.25, 0, 1, "", "probability",                           \
    "Chance that a sitting politician steps down at an election", "assumed")                      \
  X(midterm_shift_rate, double, Real, 0.0103, 0, 0.2, "", "1/year",                               \
    "Mid-term majority shifts per municipality and year",                                         \
    "SKR: about 12 per term among 290 municipalities")                                            \
  X(ceo_base_hazard, double, Real, 0.11, 0, 1, "", "1/year",                                      \
    "CEO exits per year for other reasons (career, retirement)",                                  \
    "calibrated (samspel calibrate, 2026-12-05, targets C1-C3; C1 Cregård & Solli: 20% a year)")  \
  X(ceo_lockin_hazard, double, Real, 0.027, 0, 1, "", "1/year per lock-in",                       \
    "Extra CEO exit hazard per recent KSO-CEO lock-in",                                           \
    "calibrated (samspel calibrate, 2026-12-05, targets C1-C3); only its sum with "               \
    "ceo_distrust_hazard is identified")                                                          \
  X(ceo_distrust_hazard, double, Real, 0.12, 0, 2, "", "1/year",                                  \
    "Extra CEO exit hazard at zero effective KSO-CEO trust (falls linearly to 0 at full trust)",  \
    "calibrated (samspel calibrate, 2026-12-05, targets C1-C3); only its sum with "               \
    "ceo_lockin_hazard is identified")                                                            \
  X(head_base_hazard, double, Real, 0.11, 0, 1, "", "1/year",                                     \
    "Department head exits per year for other reasons",                                           \
    "the kommunchef's calibrated ceo_base_hazard: no Swedish statistic on department heads "      \
    "was found, and a head is a leading civil servant of the same kind")                          \
  X(head_lockin_hazard, double, Real, 0.027, 0, 1, "", "1/year per lock-in",                      \
    "Extra head exit hazard per recent lock-in with its politician",                              \
    "the kommunchef's calibrated ceo_lockin_hazard, for the same reason as head_base_hazard")     \
  X(kso_confidence_hazard, double, Real, 0.02, 0, 1, "", "1/year",                                \
    "KSO losing the majority's confidence mid-term, per year", "report p. 14; assumed")

// NOLINTEND(cppcoreguidelines-macro-usage)
