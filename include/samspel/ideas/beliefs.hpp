// The idea space shared by the samspel model and March's (1991) model: up to 64 binary
// dimensions held as bit masks. A position is -1, 0 or +1 per dimension: `known` marks
// non-zero positions and `value` marks +1. Reality (samspel's environment) is a Beliefs with
// every dimension known.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <stdexcept>

#include "samspel/engine/random.hpp"

namespace samspel::ideas {

using Mask = std::uint64_t;

struct Beliefs {
  Mask known = 0;
  Mask value = 0;  // meaningful only where known

  friend bool operator==(const Beliefs& a, const Beliefs& b) {
    return a.known == b.known && ((a.value ^ b.value) & a.known) == 0;
  }
};

inline Mask low_bits(int n) {
  return n >= 64 ? ~Mask{0} : (Mask{1} << static_cast<unsigned>(n)) - 1;
}

// Dimensions in `dims` where x holds the position of `reference` (which must be fully known
// on dims, as the environment is).
inline Mask matching(const Beliefs& x, const Beliefs& reference, Mask dims) {
  return dims & x.known & ~(x.value ^ reference.value);
}

// fit(x): share of `dims` on which x holds the environment's position (0 counts as a miss).
inline double fit(const Beliefs& x, const Beliefs& environment, Mask dims) {
  const int n = std::popcount(dims);
  return n == 0 ? 0.0 : static_cast<double>(std::popcount(matching(x, environment, dims))) / n;
}

// Dimensions in `dims` where x differs from a position that `code` actually takes.
inline Mask differs_from_code(const Beliefs& x, const Beliefs& code, Mask dims) {
  return dims & code.known & ~(x.known & ~(x.value ^ code.value));
}

// Dimensions in `dims` where a and b hold different positions (including 0 vs non-zero).
inline Mask disagreement(const Beliefs& a, const Beliefs& b, Mask dims) {
  return dims & ((a.known ^ b.known) | (a.known & b.known & (a.value ^ b.value)));
}

// Copies b's positions on `dims` into a.
inline void adopt(Beliefs& a, const Beliefs& b, Mask dims) {
  a.known = (a.known & ~dims) | (b.known & dims);
  a.value = (a.value & ~dims) | (b.value & dims);
}

// The n-th set bit of `mask` (n from 0, lowest first), as a mask; 0 if there are not n + 1.
inline Mask nth_bit(Mask mask, int n) {
  for (; n > 0; --n)
    mask &= mask - 1;
  return mask & (~mask + 1);
}

// The index of a uniformly chosen set bit of a non-zero mask.
inline int random_bit(Mask mask, engine::Rng& rng) {
  const auto n = rng.below(static_cast<std::uint32_t>(std::popcount(mask)));
  return std::countr_zero(nth_bit(mask, static_cast<int>(n)));
}

// Per-dimension counts of up to 2^Planes - 1 masks, held bit-sliced: planes[i] has bit d set
// where bit i of dimension d's count is 1. Adding a mask is a ripple-carry add on all
// dimensions at once.
template <std::size_t Planes>
struct SlicedCounts {
  static constexpr int kMaxCount = (1 << Planes) - 1;
  std::array<Mask, Planes> planes{};

  void add(Mask x) {
    for (auto& plane : planes) {
      const Mask carry = plane & x;
      plane ^= x;
      x = carry;
      if (x == 0) return;
    }
  }
  // The count of one dimension. Counts known to be below 2^used need only `used` planes.
  int at(int dim, std::size_t used = Planes) const {
    int count = 0;
    for (std::size_t i = 0; i < used; ++i)
      count |= static_cast<int>((planes[i] >> static_cast<unsigned>(dim)) & 1U) << i;
    return count;
  }
  // The dimensions whose count exceeds the other's: compared from the most significant plane
  // down, all dimensions at once.
  Mask greater_than(const SlicedCounts& other, std::size_t used = Planes) const {
    Mask greater = 0;
    Mask equal = ~Mask{0};
    for (std::size_t i = used; i-- > 0;) {
      greater |= equal & planes[i] & ~other.planes[i];
      equal &= ~(planes[i] ^ other.planes[i]);
    }
    return greater;
  }
  // Sum over dimensions of the count.
  long total() const {
    long sum = 0;
    for (std::size_t i = 0; i < Planes; ++i)
      sum += static_cast<long>(std::popcount(planes[i])) << i;
    return sum;
  }
  // Sum over dimensions of this count times the other's. Counts known to be below 2^used
  // need only `used` planes.
  long dot(const SlicedCounts& other, std::size_t used = Planes) const {
    long sum = 0;
    for (std::size_t i = 0; i < used; ++i) {
      for (std::size_t j = 0; j < used; ++j) {
        sum += static_cast<long>(std::popcount(planes[i] & other.planes[j])) << (i + j);
      }
    }
    return sum;
  }
  // Sum over dimensions of the count squared: dot(*this) with each pair of planes once.
  long square(std::size_t used = Planes) const {
    long sum = 0;
    for (std::size_t i = 0; i < used; ++i) {
      sum += static_cast<long>(std::popcount(planes[i])) << (2 * i);
      for (std::size_t j = i + 1; j < used; ++j) {
        sum += static_cast<long>(std::popcount(planes[i] & planes[j])) << (i + j + 1);
      }
    }
    return sum;
  }
};

// Enough for samspel's seats (at most 27 believers).
using DimensionCounts = SlicedCounts<5>;

// The number of (pair, dimension) combinations on which two of the given believers hold
// different positions (-1, 0, +1), summed over all pairs: with n+ and n- the holders of each
// side on a dimension and s = n+ + n-, the pairs that differ there number n+ n- + (N - s) s.
template <typename BeliefsOf>
long disagreeing_pairs(int count, BeliefsOf beliefs_of, Mask dims) {
  DimensionCounts plus;
  DimensionCounts minus;
  for (int i = 0; i < count; ++i) {
    const Beliefs& b = beliefs_of(i);
    plus.add(dims & b.known & b.value);
    minus.add(dims & b.known & ~b.value);
  }
  const long n_plus = plus.total();
  const long n_minus = minus.total();
  // No count exceeds the number of believers, so the planes above its width are empty.
  const auto used = static_cast<std::size_t>(std::bit_width(static_cast<unsigned>(count)));
  return count * (n_plus + n_minus) - plus.square(used) - minus.square(used) -
         plus.dot(minus, used);
}

// disagreeing_pairs for the same believers asked again and again (a run's months). Per
// dimension it keeps n+ and n- and that dimension's differing pairs, n+ n- + (N - s) s, and
// each believer's beliefs as last counted; only the dimensions on which a believer changed
// its position since then are counted again. In a month a few of samspel's seats change a
// position or two, so this costs a comparison per believer instead of a recount. The result
// is disagreeing_pairs's exactly: the counts are integers.
template <std::size_t MaxBelievers>
class DisagreementTally {
 public:
  template <typename BeliefsOf>
  long pairs(int count, BeliefsOf beliefs_of, Mask dims) {
    if (count != count_ || dims != dims_) {
      if (count < 0 || static_cast<std::size_t>(count) > MaxBelievers) {
        throw std::length_error("DisagreementTally: too many believers");
      }
      restart(count, beliefs_of, dims);
      return total_;
    }
    for (int i = 0; i < count; ++i) {
      const Beliefs& now = beliefs_of(i);
      Beliefs& counted = counted_[static_cast<std::size_t>(i)];
      // Compared as stored: bits that mean nothing (a value where nothing is known) may differ
      // and change no count.
      if (now.known == counted.known && now.value == counted.value) continue;
      const Mask plus = dims & now.known & now.value;
      const Mask minus = dims & now.known & ~now.value;
      const Mask counted_plus = dims & counted.known & counted.value;
      const Mask counted_minus = dims & counted.known & ~counted.value;
      for (Mask changed = (plus ^ counted_plus) | (minus ^ counted_minus); changed != 0;
           changed &= changed - 1) {
        const auto d = static_cast<unsigned>(std::countr_zero(changed));
        total_ -= differing_at(d);
        plus_[d] += static_cast<int>((plus >> d) & 1U) - static_cast<int>((counted_plus >> d) & 1U);
        minus_[d] +=
            static_cast<int>((minus >> d) & 1U) - static_cast<int>((counted_minus >> d) & 1U);
        total_ += differing_at(d);
      }
      counted = now;
    }
    return total_;
  }

 private:
  // Counts every believer afresh (the first call, or other believers or dimensions).
  template <typename BeliefsOf>
  void restart(int count, BeliefsOf beliefs_of, Mask dims) {
    *this = DisagreementTally{};
    count_ = count;
    dims_ = dims;
    for (int i = 0; i < count; ++i) {
      const Beliefs& b = beliefs_of(i);
      counted_[static_cast<std::size_t>(i)] = b;
      for (Mask plus = dims & b.known & b.value; plus != 0; plus &= plus - 1)
        plus_[static_cast<unsigned>(std::countr_zero(plus))] += 1;
      for (Mask minus = dims & b.known & ~b.value; minus != 0; minus &= minus - 1)
        minus_[static_cast<unsigned>(std::countr_zero(minus))] += 1;
    }
    for (unsigned d = 0; d < 64; ++d)
      total_ += differing_at(d);
  }
  long differing_at(unsigned d) const {
    const int s = plus_[d] + minus_[d];
    return static_cast<long>(plus_[d]) * minus_[d] + static_cast<long>(count_ - s) * s;
  }

  // With every count 0 (nobody counted yet, all held positions 0) no dimension has a
  // differing pair.
  int count_ = 0;
  Mask dims_ = 0;
  long total_ = 0;
  std::array<Beliefs, MaxBelievers> counted_{};  // each believer's positions as last counted
  std::array<int, 64> plus_{};
  std::array<int, 64> minus_{};
};

// A uniformly random position (-1 or +1) on every dimension of `dims`.
inline Beliefs random_positions(Mask dims, engine::Rng& rng) {
  return {dims, rng.next() & dims};
}

}  // namespace samspel::ideas
