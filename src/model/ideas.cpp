// Process 6: idea dynamics (March 1991, adapted; report p. 15-18, 27-28). Actors are socialised
// to the governing ideas, faster the closer they are; the governing ideas learn from the
// participants who know better, in forums and at a lower rate in everyday work and committees,
// gated by openness, political room and the time there is for discussion; outside input and
// residents bring single beliefs from the environment; department heads follow what the law
// requires in their sector; party programmes take up current issues.
#include <algorithm>

#include "samspel/model/processes.hpp"

namespace samspel::model {

namespace {

struct Bonds {
  std::array<double, kMaxActors> closeness{};
  std::array<int, kMaxActors> pairs{};
  std::array<double, kMaxActors> openness{};
  std::array<int, kMaxActors> cross_pairs{};

  double mean_closeness(int seat) const {
    return pairs[seat] > 0 ? closeness[seat] / pairs[seat] : 0.0;
  }
  double mean_openness(int seat) const {
    return cross_pairs[seat] > 0 ? openness[seat] / cross_pairs[seat] : 1.0;
  }
};

Bonds collect_bonds(const State& s, const Derived& d) {
  Bonds b;
  for (const int i : working_relations(d)) {
    const Relation& r = s.relations[i];
    for (const int seat : {r.first, r.second}) {
      b.closeness[seat] += r.closeness;
      b.pairs[seat] += 1;
      if (r.cross_side) {
        b.openness[seat] += r.openness;
        b.cross_pairs[seat] += 1;
      }
    }
  }
  return b;
}

void socialise(State& s, const Context& ctx, const Bonds& bonds, std::span<const int> seats,
               engine::Rng& rng) {
  const auto& k = ctx.k();
  for (const int seat : seats) {
    Beliefs& b = s.actors[seat].beliefs;
    const double p = std::min(
        1.0, k.socialisation_rate * (1 + k.closeness_socialisation * bonds.mean_closeness(seat)));
    adopt(b, s.code, rng.bernoulli_bits(differs_from_code(b, s.code, ctx.derived.all_dims), p));
  }
}

// Discussion needs the politicians' time: their vision time relative to the most they can have.
double discussion_time(const State& s, const Context& ctx) {
  const double most = 1 - ctx.k().fixed_duties_politician;
  double sum = s.actors[kKso].vision_time;
  for (int c = 0; c < ctx.derived.committees; ++c)
    sum += s.actors[chair_seat(c)].vision_time;
  return most > 0 ? std::min(1.0, sum / (1 + ctx.derived.committees) / most) : 0.0;
}

void learn_in_forum(State& s, const Context& ctx, const Bonds& bonds, std::span<const int> seats,
                    engine::Rng& rng) {
  int participants[kMaxActors];
  int n = 0;
  double openness = 0;
  for (const int seat : seats) {
    if (!takes_part_in_forum(seat, ctx.strategy())) continue;
    participants[n++] = seat;
    openness += bonds.mean_openness(seat);
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
  groups[0] = {core, d.whole_dims, base * s.relations[kKsoCeo].openness * s.whole_view};
  for (int h = 0; h < d.departments; ++h) {
    const Relation& r = s.relations[politician_head_pair(h)];
    pairs[h] = {r.first, r.second};
    groups[1 + h] = {pairs[h], d.sector_dims[h], base * r.openness * s.sector_strength[h]};
  }
  learn_code_in_groups(s, std::span(groups.data(), 1 + static_cast<std::size_t>(d.departments)),
                       rng);
}

void take_from_environment(Beliefs& b, const State& s, const Context& ctx, engine::Rng& rng) {
  adopt(b, s.environment, Mask{1} << rng.below(static_cast<std::uint32_t>(ctx.derived.dimensions)));
}

void bring_in_outside_ideas(State& s, const Context& ctx, const Bonds& bonds,
                            std::span<const int> seats, engine::Rng& rng) {
  const auto& k = ctx.k();
  const double outside = k.outside_input_rate * ctx.strategy().outside_input;
  for (const int seat : seats) {
    if (rng.bernoulli(outside * bonds.mean_openness(seat))) {
      take_from_environment(s.actors[seat].beliefs, s, ctx, rng);
    }
  }
  if (k.citizen_time_max > 0) {
    auto listen = [&](int seat) {
      const double share = s.actors[seat].citizen_time / k.citizen_time_max;
      if (rng.bernoulli(k.citizen_input_rate * share * bonds.mean_openness(seat))) {
        take_from_environment(s.actors[seat].beliefs, s, ctx, rng);
      }
    };
    listen(kKso);
    for (int c = 0; c < ctx.derived.committees; ++c)
      listen(chair_seat(c));
  }
  for (int h = 0; h < ctx.derived.departments; ++h) {
    const Mask regulated = ctx.derived.regulated_dims[h];
    if (regulated != 0 && rng.bernoulli(k.professional_learning)) {
      const Mask dim = Mask{1} << static_cast<unsigned>(random_bit(regulated, rng));
      adopt(s.actors[head_seat(h)].beliefs, s.environment, dim);
    }
  }
  for (auto& programme : s.programmes) {
    if (rng.bernoulli(k.programme_renewal)) take_from_environment(programme, s, ctx, rng);
  }
}

}  // namespace

void develop_ideas(State& s, const Context& ctx) {
  engine::Rng& rng = ctx.rng(Stream::ideas);
  const std::span<const int> all(ctx.derived.seats.data(), ctx.derived.seat_count);
  const Bonds bonds = collect_bonds(s, ctx.derived);
  socialise(s, ctx, bonds, all, rng);
  if (s.forum_held) learn_in_forum(s, ctx, bonds, all, rng);
  learn_everyday(s, ctx, rng);
  bring_in_outside_ideas(s, ctx, bonds, all, rng);
}

}  // namespace samspel::model
