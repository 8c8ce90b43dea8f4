// Process 6: idea dynamics (March 1991, adapted; report p. 15-18, 27-28). Actors are socialised
// to the governing ideas, faster the closer they are; the governing ideas learn from the
// participants who know better, in forums and at a lower rate in everyday work and committees,
// gated by openness, recent talk, political room and the time there is for discussion; outside
// input and residents bring single beliefs from the environment to those who are open and
// talk; department heads follow what the law requires in their sector; party programmes take
// up current issues.
#include <algorithm>
#include <array>

#include "samspel/engine/thinning.hpp"
#include "samspel/model/processes.hpp"

namespace samspel::model {

namespace {

// Each seat's ties: the closeness of its working pairs and the openness of its politician-civil
// servant pairs, summed, with their counts.
struct SeatTies {
  std::array<double, kMaxActors> closeness{};
  std::array<int, kMaxActors> pairs{};
  std::array<double, kMaxActors> openness{};
  std::array<int, kMaxActors> cross_pairs{};
  double max_closeness = 0;  // of any working pair

  double mean_closeness(int seat) const {
    return pairs[seat] > 0 ? closeness[seat] / pairs[seat] : 0.0;
  }
  double mean_openness(int seat) const {
    return cross_pairs[seat] > 0 ? openness[seat] / cross_pairs[seat] : 1.0;
  }
};

// A seat's openness is the mean receptiveness of its politician-civil servant pairs: open role
// enactment and recent talk.
SeatTies collect_seat_ties(const State& s, const Context& ctx) {
  SeatTies b;
  for (const int i : working_relations(ctx.derived)) {
    const Relation& r = s.relations[i];
    b.max_closeness = std::max(b.max_closeness, r.closeness);
    for (const int seat : {r.first, r.second}) {
      b.closeness[seat] += r.closeness;
      b.pairs[seat] += 1;
      if (r.cross_side) {
        b.openness[seat] += receptiveness(r, s.step, ctx);
        b.cross_pairs[seat] += 1;
      }
    }
  }
  return b;
}

// Each seat adopts the governing ideas on each dimension where it differs with probability
// p = p1 (1 + s_close * its mean closeness), independently: at most p_max, the chance at the
// largest closeness of any pair, which bounds every seat's mean. The differing dimensions are
// fixed before anything moves: the code does not change here, and what one seat adopts decides
// nothing for another. (The seats' dimensions together are a long row of rare chances, thinned
// with gaps by logarithm.)
void socialise(State& s, const Context& ctx, const SeatTies& ties, std::span<const int> seats,
               engine::Rng& rng) {
  const auto& k = ctx.k();
  const auto chance = [&](double closeness) {
    return std::min(1.0, k.socialisation_rate * (1 + k.closeness_socialisation * closeness));
  };
  const double p_max = chance(ties.max_closeness);
  if (p_max <= 0) return;  // no seat adopts anything
  std::array<Mask, kMaxActors> differs;
  std::array<int, kMaxActors> ends;  // where each seat's dimensions end in the row of chances
  int chances = 0;
  for (std::size_t i = 0; i < seats.size(); ++i) {
    differs[i] = differs_from_code(s.actors[seats[i]].beliefs, s.code, ctx.derived.all_dims);
    ends[i] = chances += std::popcount(differs[i]);
  }
  engine::thin_groups(rng, std::span(ends.data(), seats.size()),
                      engine::Thinning::at_most(p_max, engine::Gaps::logarithm),
                      [&](int i, int j, engine::Chance& dimension) {
                        const int seat = seats[static_cast<std::size_t>(i)];
                        if (dimension.happens(chance(ties.mean_closeness(seat)))) {
                          adopt(s.actors[seat].beliefs, s.code, nth_bit(differs[i], j));
                        }
                      });
}

// Discussion needs the politicians' time: their vision time relative to the most they can have.
double discussion_time(const State& s, const Context& ctx) {
  const double most = 1 - ctx.k().fixed_duties_politician;
  double sum = s.actors[kKso].vision_time;
  for (int c = 0; c < ctx.derived.committees; ++c)
    sum += s.actors[chair_seat(c)].vision_time;
  return most > 0 ? std::min(1.0, sum / (1 + ctx.derived.committees) / most) : 0.0;
}

void learn_in_forum(State& s, const Context& ctx, const SeatTies& ties, std::span<const int> seats,
                    engine::Rng& rng) {
  int participants[kMaxActors];
  int n = 0;
  double openness = 0;
  for (const int seat : seats) {
    if (!takes_part_in_forum(seat, ctx.strategy())) continue;
    participants[n++] = seat;
    openness += ties.mean_openness(seat);
  }
  const double p2 =
      ctx.k().code_learning_rate * (openness / n) * s.political_room * discussion_time(s, ctx);
  learn_code(s, std::span<const int>(participants, n), ctx.derived.all_dims, p2, rng);
}

void learn_everyday(State& s, const Context& ctx, engine::Rng& rng) {
  const auto& k = ctx.k();
  const Derived& d = ctx.derived;
  const double base = k.code_learning_rate * k.base_learning_share * s.political_room;
  static constexpr int core[] = {kKso, kCeo};
  std::array<std::array<int, 2>, kMaxDepartments> pairs;
  std::array<LearningGroup, 1 + kMaxDepartments> groups;
  groups[0] = {core, d.whole_dims,
               base * receptiveness(s.relations[kKsoCeo], s.step, ctx) * s.whole_view};
  for (int h = 0; h < d.departments; ++h) {
    const Relation& r = s.relations[politician_head_pair(h)];
    pairs[h] = {r.first, r.second};
    groups[1 + h] = {pairs[h], d.sector_dims[h],
                     base * receptiveness(r, s.step, ctx) * s.sector_strength[h]};
  }
  learn_code_in_groups(s, std::span(groups.data(), 1 + static_cast<std::size_t>(d.departments)),
                       rng);
}

// Outside input and residents (one uniformly chosen dimension each), a head's professional
// learning (a regulated dimension of its sector) and the parties' programmes (one current
// issue each): about 30 independent chances a month, each at a few percent. What one input
// changes (one belief of one actor, read from the environment) decides no other chance.
void bring_in_outside_ideas(State& s, const Context& ctx, const SeatTies& ties,
                            std::span<const int> seats, engine::Rng& rng) {
  const auto& k = ctx.k();
  const Derived& d = ctx.derived;
  const double outside = k.outside_input_rate * ctx.strategy().outside_input;
  const bool residents = k.citizen_time_max > 0;
  const auto listener = [](int i) { return i == 0 ? kKso : chair_seat(i - 1); };
  const auto share = [&](int seat) { return s.actors[seat].citizen_time / k.citizen_time_max; };
  // The chances in order: one per seat, one per politician meeting residents, one per head,
  // one per programme.
  enum Source { kOutside, kResidents, kProfession, kProgramme };
  const int listeners = residents ? 1 + d.committees : 0;
  std::array<int, 4> ends;  // where each source's chances end in the row
  ends[kOutside] = static_cast<int>(seats.size());
  ends[kResidents] = ends[kOutside] + listeners;
  ends[kProfession] = ends[kResidents] + d.departments;
  ends[kProgramme] = ends[kProfession] + 2;
  // Openness is at most 1.
  double citizen_bound = 0;
  for (int i = 0; i < listeners; ++i)
    citizen_bound = std::max(citizen_bound, k.citizen_input_rate * share(listener(i)));
  const double p_max = std::min(
      1.0, std::max({outside, citizen_bound, k.professional_learning, k.programme_renewal}));
  if (p_max <= 0) return;  // nothing comes in
  const auto take = [&](Beliefs& b, Mask choices) {
    // On all dimensions, random_bit is the uniform choice of one of them.
    adopt(b, s.environment, Mask{1} << static_cast<unsigned>(random_bit(choices, rng)));
  };
  engine::thin_groups(
      rng, ends, engine::Thinning::at_most(p_max), [&](int source, int j, engine::Chance& chance) {
        switch (source) {
          case kOutside: {
            const int seat = seats[static_cast<std::size_t>(j)];
            if (chance.happens(outside * ties.mean_openness(seat))) {
              take(s.actors[seat].beliefs, d.all_dims);
            }
            break;
          }
          case kResidents: {
            const int seat = listener(j);
            if (chance.happens(k.citizen_input_rate * share(seat) * ties.mean_openness(seat))) {
              take(s.actors[seat].beliefs, d.all_dims);
            }
            break;
          }
          case kProfession: {
            // A sector with nothing regulated has nothing for its head to learn.
            const Mask regulated = d.regulated_dims[j];
            if (regulated != 0 && chance.happens(k.professional_learning)) {
              take(s.actors[head_seat(j)].beliefs, regulated);
            }
            break;
          }
          default:
            if (chance.happens(k.programme_renewal)) {
              take(s.programmes[static_cast<std::size_t>(j)], d.all_dims);
            }
        }
      });
}

}  // namespace

void develop_ideas(State& s, const Context& ctx) {
  engine::Rng& rng = ctx.rng(Stream::ideas);
  const std::span<const int> all(ctx.derived.seats.data(), ctx.derived.seat_count);
  const SeatTies ties = collect_seat_ties(s, ctx);
  socialise(s, ctx, ties, all, rng);
  if (s.forum_held) learn_in_forum(s, ctx, ties, all, rng);
  learn_everyday(s, ctx, rng);
  bring_in_outside_ideas(s, ctx, ties, all, rng);
}

}  // namespace samspel::model
