// Code learning after March (1991), shared by the samspel model and March's own model: the
// superior group are the believers whose score beats the code's; on each dimension where
// their majority differs from the code, the code adopts it with probability 1 - (1 - p2)^k,
// k the majority's margin. The two models differ only in the score (samspel: the fit of the
// beliefs; March: the performance of the period's actions), so the score is a parameter.
#pragma once

#include <bit>
#include <stdexcept>

#include "samspel/engine/random.hpp"
#include "samspel/ideas/beliefs.hpp"

namespace samspel::ideas {

// The superior group's positions, counted per dimension bit-sliced: adding a believer costs a
// few word operations whatever the number of dimensions.
class MajorityVotes {
 public:
  using Counts = SlicedCounts<8>;
  static constexpr int kMaxVoters = Counts::kMaxCount;

  void add(const Beliefs& b, Mask dims) {
    if (voters_ == kMaxVoters) throw std::length_error("code learning: too many voters");
    ++voters_;
    plus_.add(dims & b.known & b.value);
    minus_.add(dims & b.known & ~b.value);
  }
  int voters() const { return voters_; }
  // Dimensions where more voters hold +1 than -1, and the reverse.
  Mask plus_majority() const { return plus_.greater_than(minus_, used_planes()); }
  Mask minus_majority() const { return minus_.greater_than(plus_, used_planes()); }
  // (+1 holders) - (-1 holders) on one dimension.
  int margin(int dim) const { return plus_.at(dim, used_planes()) - minus_.at(dim, used_planes()); }

 private:
  // No count exceeds the number of voters, so the planes above its width are empty.
  std::size_t used_planes() const {
    return static_cast<std::size_t>(std::bit_width(static_cast<unsigned>(voters_)));
  }

  Counts plus_;
  Counts minus_;
  int voters_ = 0;
};

// The positions of the believers whose score is above `code_score`.
template <typename BeliefsOf, typename ScoreOf>
MajorityVotes superior_votes(int count, BeliefsOf beliefs_of, ScoreOf score_of, int code_score,
                             Mask dims) {
  MajorityVotes votes;
  for (int i = 0; i < count; ++i) {
    if (score_of(i) > code_score) votes.add(beliefs_of(i), dims);
  }
  return votes;
}

// On each dimension of `dims` (in ascending order) where the votes have a majority the code
// does not hold, the code adopts it with probability 1 - (1 - min(p2, 1))^|margin|: one
// uniform draw per such dimension.
void adopt_majority(Beliefs& code, const MajorityVotes& votes, Mask dims, double p2,
                    engine::Rng& rng);

// The probability that the code adopts the votes' majority on `dim`: 1 - (1 - min(p2, 1))^|margin|
// where the votes have a majority the code does not hold, else 0 (nothing to adopt).
double adoption_chance(const Beliefs& code, const MajorityVotes& votes, int dim, double p2);

// The code takes the votes' majority on `dim`, which has one.
void adopt_majority_on(Beliefs& code, const MajorityVotes& votes, int dim);

// samspel's rule: the score is the number of dimensions of `dims` on which the beliefs hold
// reality's position (a 0 counts as a miss), for the believers as for the code.
template <typename BeliefsOf>
void learn_code(Beliefs& code, const Beliefs& reality, int count, BeliefsOf beliefs_of, Mask dims,
                double p2, engine::Rng& rng) {
  if (p2 <= 0 || dims == 0) return;
  const auto hits = [&](const Beliefs& b) { return std::popcount(matching(b, reality, dims)); };
  const MajorityVotes votes = superior_votes(
      count, beliefs_of, [&](int i) { return hits(beliefs_of(i)); }, hits(code), dims);
  if (votes.voters() == 0) return;
  adopt_majority(code, votes, dims, p2, rng);
}

}  // namespace samspel::ideas
