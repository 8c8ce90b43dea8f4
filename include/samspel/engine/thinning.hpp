// Sampling shortcuts that keep the distribution, stated once here so that a model process reads
// as the mechanism it describes: thinning a row of independent chances, and splitting a Poisson
// total over independent parts. Each has its own statistical test (tests/engine/thinning_test.cpp).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

#include "samspel/engine/random.hpp"

namespace samspel::engine {

// How the gap between two candidates of a thinned row (the failures of the trials at p_max) is
// drawn from its one uniform. Both are exact, P(gap >= j) = q^j, but they map the uniform
// differently, so a process keeps to one for its numbers to stay reproducible.
enum class Gaps {
  walk,       // compare with q, q^2, ... (Rng::failures_before_success): cheap for short gaps
  logarithm,  // floor(log U / log q) (Rng::failures_before_success_log): one logarithm whatever
              // the gap, for long rows of rare chances
};

// A candidate whose probability reaches p_max happens for certain. `kept` takes it without a
// draw; `drawn` draws its uniform all the same, so that the numbers a process draws do not hinge
// on a probability computed to equal p_max exactly.
enum class AtBound { kept, drawn };

// How a row of chances is thinned: the bound p_max on their probabilities, q = 1 - p_max, and
// how the draws are made. The bound is given in whichever form the caller computes (a product of
// misses is a q) and the other is derived from it, since 1 - (1 - x) need not be x in floating
// point. Needs 0 <= p_max <= 1.
struct Thinning {
  double p_max = 0;
  double q = 1;
  Gaps gaps = Gaps::walk;
  AtBound at_bound = AtBound::kept;

  static constexpr Thinning at_most(double p_max, Gaps gaps = Gaps::walk,
                                    AtBound at_bound = AtBound::kept) {
    return {p_max, 1 - p_max, gaps, at_bound};
  }
  static constexpr Thinning missed_at_least(double q, Gaps gaps = Gaps::walk,
                                            AtBound at_bound = AtBound::kept) {
    return {1 - q, q, gaps, at_bound};
  }
};

// A candidate of a thinned row: its trial at p_max succeeded. happens(p) decides whether the
// chance itself happens, given its probability p <= p_max: it is kept with probability p / p_max,
// so it happens with probability exactly p, independently of every other chance. Decide a
// candidate at most once. One left undecided does not happen and draws nothing: a visitor that
// knows a chance would change nothing need not work out its probability.
class Chance {
 public:
  Chance(Rng& rng, const Thinning& row) : rng_(rng), p_max_(row.p_max), at_bound_(row.at_bound) {}

  bool happens(double p) {
    if (at_bound_ == AtBound::kept && p >= p_max_) return true;
    return rng_.uniform() * p_max_ < p;
  }

 private:
  Rng& rng_;
  double p_max_;
  AtBound at_bound_;
};

// n independent chances, chance i happening with probability p_i <= p_max. Visits, in order, the
// candidates: trials at p_max, skipping from one success to the next with one uniform per gap
// (by inversion), so a row costs a few draws instead of one per chance. visit(i, chance) decides
// candidate i with chance.happens(p_i), so p_i is worked out only for candidates. What a visit
// changes must not change the probabilities of the chances after it.
//
// The draws, in order: the first gap (also when n = 0 or p_max = 0, where no trial succeeds);
// then for each candidate its keep (if decided, and unless kept at the bound), whatever the visit
// itself draws from `rng`, and the next gap. In the logarithm form at p_max = 1 every trial
// succeeds and the gaps draw nothing.
template <typename Visit>
void thin(Rng& rng, int n, const Thinning& row, Visit&& visit) {
  const bool by_log = row.gaps == Gaps::logarithm;
  const double log_q = by_log ? std::log1p(-row.p_max) : 0;  // -inf at p_max = 1
  const auto gap = [&](int limit) {
    return by_log ? rng.failures_before_success_log(log_q, limit)
                  : rng.failures_before_success(row.q, limit);
  };
  Chance chance(rng, row);
  for (int i = gap(n); i < n; i += 1 + gap(n - i - 1))
    visit(i, chance);
}

// The same row in consecutive groups (the differing dimensions of each seat, say), given by
// where each group ends in the row: group g holds chances group_ends[g - 1] (0 for the first)
// up to group_ends[g], so the last end is the row's length. visit(group, j, chance) for the j-th
// chance of `group`, groups and chances in order. (Ends rather than sizes: the caller has them
// as it counts the chances, and the row's length needs no second pass.)
template <typename Visit>
void thin_groups(Rng& rng, std::span<const int> group_ends, const Thinning& row, Visit&& visit) {
  std::size_t group = 0;
  thin(rng, group_ends.empty() ? 0 : group_ends.back(), row, [&](int i, Chance& chance) {
    while (i >= group_ends[group])
      ++group;
    visit(static_cast<int>(group), group == 0 ? i : i - group_ends[group - 1], chance);
  });
}

// Independent Poisson(lambda) counts of events on each of `parts` parts: on_event(part) is called
// once for each event, and the total is returned. Drawn as the total N ~ Poisson(parts lambda),
// each of the N falling on a uniformly chosen part: the same joint distribution (a Poisson
// number of events split uniformly gives independent Poisson parts), and one draw instead of
// one per part whenever the total is 0, which is most of the time for small rates. The draws:
// the total, then Rng::below(parts) per event.
template <typename OnEvent>
int independent_poisson(Rng& rng, double lambda, int parts, OnEvent&& on_event) {
  const int total = rng.poisson(lambda * parts);
  for (int event = 0; event < total; ++event)
    on_event(static_cast<int>(rng.below(static_cast<std::uint32_t>(parts))));
  return total;
}

}  // namespace samspel::engine
