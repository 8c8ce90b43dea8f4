// The idea space: up to 64 binary issue dimensions held as bit masks. A position is
// -1, 0 or +1 per dimension: `known` marks non-zero positions and `value` marks +1.
// The environment is a Beliefs with every dimension known.
#pragma once

#include <bit>
#include <cstdint>

#include "samspel/engine/random.hpp"

namespace samspel::model {

using Mask = std::uint64_t;

struct Beliefs {
  Mask known = 0;
  Mask value = 0;  // meaningful only where known
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

// The index of a uniformly chosen set bit of a non-zero mask.
inline int random_bit(Mask mask, engine::Rng& rng) {
  auto skip = rng.below(static_cast<std::uint32_t>(std::popcount(mask)));
  while (skip-- > 0)
    mask &= mask - 1;
  return std::countr_zero(mask);
}

// A uniformly random position (-1 or +1) on every dimension of `dims`.
inline Beliefs random_positions(Mask dims, engine::Rng& rng) {
  return {dims, rng.next() & dims};
}

}  // namespace samspel::model
