// Process 5: dialogue. Role dialogues create or renew a pair's role agreement when the pair
// forms (at_start, recurring) and every role_dialogue_period months (recurring). Politicians and
// civil servants talk current issues through in everyday work, and joint forums are held every
// arena_interval_months; both give way to communication substitution: a close leadership with
// little weight on roles feels it need not talk (report p. 18, 26).
#include <algorithm>

#include "samspel/model/processes.hpp"

namespace samspel::model {

namespace {

void hold_role_dialogue(State& s, Relation& r, const Context& ctx) {
  const auto& k = ctx.k();
  Actor& a = s.actors[r.first];
  Actor& b = s.actors[r.second];
  // The two agree on roles as they now enact them, professionalised toward the standard roles.
  // The longer-serving member carries the order the pair has (report p. 20-21: "han visste hur
  // han ville ha det"), so each counts with its months in the seat; a newcomer meeting an
  // incumbent takes the established order, two newcomers meet halfway.
  const double weight_a = a.tenure;
  const double weight_b = b.tenure;
  const double held =
      weight_a + weight_b > 0
          ? (weight_a * a.role_conception + weight_b * b.role_conception) / (weight_a + weight_b)
          : 0.5 * (a.role_conception + b.role_conception);
  const double boundary =
      k.dialogue_norm_anchor * k.rho_standard + (1 - k.dialogue_norm_anchor) * held;
  a.role_conception = b.role_conception = boundary;
  Agreement& g = r.agreement;
  g.exists = true;
  g.enacted = true;
  g.boundary = boundary;
  g.clarity += k.dialogue_clarity_gain * (1 - g.clarity);
  g.last_renewal = s.step;
  // Trust built in talking the roles through is trust in each other as role holders (p. 20).
  r.role_trust += k.dialogue_role_trust_gain * (1 - r.role_trust);
  r.openness = 1;
  r.last_talk = s.step;
}

bool role_dialogue_due(const Relation& r, const State& s, const Strategy& strategy) {
  switch (strategy.role_dialogue) {
    case RoleDialogue::none:
      return false;
    case RoleDialogue::at_start:
      return r.forming;
    case RoleDialogue::recurring:
      return r.forming || s.step - r.agreement.last_renewal >= strategy.role_dialogue_period;
  }
  return false;
}

void talk_everyday(State& s, const Context& ctx) {
  engine::Rng& rng = ctx.rng(Stream::dialogue);
  const double rate = ctx.k().everyday_talk_rate;
  for (const int i : cross_side_relations(ctx.derived)) {
    Relation& r = s.relations[i];
    if (rng.bernoulli(rate * (1 - substitution(r.closeness, ctx)))) r.last_talk = s.step;
  }
}

}  // namespace

double substitution(double closeness, const Context& ctx) {
  return ctx.k().substitution_max * closeness * (1 - ctx.derived.role_weight);
}

bool takes_part_in_forum(int seat, const Strategy& strategy) {
  return seat != kOpposition || strategy.arena_includes_opposition;
}

void hold_dialogues(State& s, const Context& ctx) {
  const Strategy& strategy = ctx.strategy();
  for (const int i : working_relations(ctx.derived)) {
    Relation& r = s.relations[i];
    if (r.cross_side && role_dialogue_due(r, s, strategy)) hold_role_dialogue(s, r, ctx);
    r.forming = false;
  }
  talk_everyday(s, ctx);

  s.forum_held = false;
  const int interval = strategy.arena_interval_months;
  if (interval <= 0 || (s.step + 1) % interval != 0) return;
  double closeness = 0;
  int pairs = 0;
  for (const int i : working_relations(ctx.derived)) {
    const Relation& r = s.relations[i];
    if (takes_part_in_forum(r.first, strategy) && takes_part_in_forum(r.second, strategy)) {
      closeness += r.closeness;
      ++pairs;
    }
  }
  const double mean_closeness = pairs > 0 ? closeness / pairs : 0;
  if (ctx.rng(Stream::dialogue).bernoulli(substitution(mean_closeness, ctx))) {
    s.summary.forums_skipped += 1;
    return;
  }
  s.forum_held = true;
  s.summary.forums_held += 1;
  const auto& k = ctx.k();
  for (const int i : working_relations(ctx.derived)) {
    Relation& r = s.relations[i];
    if (!takes_part_in_forum(r.first, strategy) || !takes_part_in_forum(r.second, strategy))
      continue;
    r.person_trust = std::min(1.0, r.person_trust + k.forum_trust_gain);
    r.closeness = std::min(1.0, r.closeness + k.forum_closeness_gain);
    r.last_talk = s.step;
  }
}

}  // namespace samspel::model
