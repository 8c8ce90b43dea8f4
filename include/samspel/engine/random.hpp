// Random streams. Every stream is fixed by (seed, replicate, stream index) alone, so a
// replicate's numbers do not depend on which thread or process runs it, and an extra draw in
// one stream never shifts another (OpenMC-style named streams).
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

namespace samspel::engine {

// SplitMix64 step: a strong 64-bit mixer (Steele, Lea & Flood 2014), used to derive seeds.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27U)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31U);
}

// The seed of stream `stream` of replicate `replicate` in a study seeded with `seed`.
constexpr std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t replicate,
                                    std::uint64_t stream) {
  return mix64(mix64(mix64(seed) ^ replicate) + stream * 0xd1b54a32d192ed03ULL);
}

// xoshiro256** (Blackman & Vigna 2018): fast, 256-bit state, passes BigCrush.
class Rng {
 public:
  explicit Rng(std::uint64_t seed = 0) {
    std::uint64_t x = seed;
    for (auto& word : state_) {
      x += 0x9e3779b97f4a7c15ULL;
      word = mix64(x);
    }
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17U;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11U) * 0x1.0p-53; }

  bool bernoulli(double p) { return uniform() < p; }

  // Uniform integer in [0, n), n > 0 (Lemire's multiply-shift; bias < n / 2^64).
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>(((next() >> 32U) * static_cast<std::uint64_t>(n)) >> 32U);
  }

  // Poisson(lambda), exact at every mean. Below kPoissonInversionBelow by inversion from 0: one
  // uniform per draw, and since exp(-lambda) >= 1 - lambda, a draw below 1 - lambda is a zero
  // without computing exp. Inversion walks about lambda terms and exp(-lambda) underflows
  // beyond about 745, so larger means (a municipality's monthly cases) take poisson_ptrs.
  int poisson(double lambda) {
    if (lambda <= 0.0) return 0;
    if (lambda >= kPoissonInversionBelow) return poisson_ptrs(lambda);
    const double u = uniform();
    if (u < 1.0 - lambda) return 0;
    double p = std::exp(-lambda);
    double cumulative = p;
    int k = 0;
    while (u >= cumulative && k < 1000) {
      ++k;
      p *= lambda / k;
      cumulative += p;
    }
    return k;
  }
  static constexpr double kPoissonInversionBelow = 50;

  // Poisson(lambda) for lambda >= 10 by transformed rejection with squeeze (PTRS; Hörmann 1993,
  // "The transformed rejection method for generating Poisson random variables", Insurance:
  // Mathematics and Economics 12, 39-45), as in NumPy: exact, about 1.1 tries of two uniforms
  // each whatever lambda, so a draw costs the same at 50 as at 50,000.
  int poisson_ptrs(double lambda) {
    const double slam = std::sqrt(lambda);
    const double loglam = std::log(lambda);
    const double b = 0.931 + 2.53 * slam;
    const double a = -0.059 + 0.02483 * b;
    const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    const double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      const double u = uniform() - 0.5;
      const double v = uniform();
      const double us = 0.5 - std::abs(u);
      const double k = std::floor((2 * a / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return static_cast<int>(k);
      if (k < 0 || (us < 0.013 && v > us)) continue;
      // k stays a double until accepted: far in the tails it can exceed any int. log(0) =
      // -inf accepts, as it should: v = 0 lies under any density.
      if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
          -lambda + k * loglam - log_factorial(k)) {
        return static_cast<int>(k);
      }
    }
  }

  // log(k!) for a whole number k >= 0: a sum of logarithms below 10, Stirling's series beyond
  // (error below 1e-12).
  static double log_factorial(double k) {
    if (k < 10) {
      double sum = 0;
      for (double i = 2; i <= k; ++i)
        sum += std::log(i);
      return sum;
    }
    const double x = k;
    const double r = 1 / x;
    const double r2 = r * r;
    constexpr double kHalfLog2Pi = 0.91893853320467274178;
    return (x + 0.5) * std::log(x) - x + kHalfLog2Pi +
           r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 / 1680)));
  }

  // The bits of `candidates`, each kept independently with probability p. Drawn as the number
  // kept, K ~ Binomial(n, p) by inversion, and then K distinct candidates chosen uniformly:
  // the same distribution as n separate Bernoulli draws, for a few draws instead of n.
  std::uint64_t bernoulli_bits(std::uint64_t candidates, double p) {
    if (p <= 0.0 || candidates == 0) return 0;
    if (p >= 1.0) return candidates;
    if (p > 0.5) return candidates & ~bernoulli_bits(candidates, 1.0 - p);
    const int n = std::popcount(candidates);
    int k = binomial(n, p);
    std::uint64_t kept = 0;
    std::uint64_t rest = candidates;
    for (int remaining = n; k > 0; --k, --remaining) {
      std::uint64_t bit = rest;
      for (auto skip = below(static_cast<std::uint32_t>(remaining)); skip > 0; --skip) {
        bit &= bit - 1;
      }
      bit &= ~bit + 1;
      kept |= bit;
      rest &= ~bit;
    }
    return kept;
  }

  // A word whose 64 bits are each set independently with probability p (to 2^-53). Bit-sliced:
  // every lane compares its own uniform U = 0.u1u2... with p = 0.b1b2..., one random word per
  // binary digit, until every lane has differed from p; U < p where the first differing digit
  // of U is 0. About log2(64) + 2 words whatever p, and one for p = 1/2: cheaper than
  // bernoulli_bits when many candidates are likely kept. Only the lanes of `lanes` are drawn
  // (the others are 0), which stops as soon as those are decided.
  std::uint64_t independent_bits(double p, std::uint64_t lanes = ~0ULL) {
    if (p <= 0.0) return 0;
    if (p >= 1.0) return lanes;
    std::uint64_t kept = 0;
    std::uint64_t undecided = lanes;
    double rest = p;
    for (int digit = 0; digit < 53 && undecided != 0 && rest > 0.0; ++digit) {
      rest *= 2;
      const std::uint64_t u = next();
      if (rest >= 1.0) {
        rest -= 1.0;
        kept |= undecided & ~u;
        undecided &= u;
      } else {
        undecided &= ~u;
      }
    }
    return kept;  // lanes still undecided have U >= p
  }

  // In a row of Bernoulli trials that each fail with probability q, the number of failures
  // before the first success, G, capped at `limit` (G = limit: no success among the next
  // `limit` trials). By inversion, one uniform: P(G >= j) = q^j, so G is the number of j >= 1
  // with U < q^j, counted by walking the powers after U < q^limit (computed by squaring) has
  // ruled out the common case of no success at all. Skipping the failures this way draws one
  // number per success (plus one) instead of one per trial, with the same distribution.
  int failures_before_success(double q, int limit) {
    const double u = uniform();
    double none = 1.0;  // q^limit
    double base = q;
    for (int e = limit; e > 0; e >>= 1) {
      if ((e & 1) != 0) none *= base;
      base *= base;
    }
    if (u < none) return limit;
    int failures = 0;
    for (double tail = q; failures < limit && u < tail; tail *= q)
      ++failures;
    return failures;
  }

  // The same count by its closed form, for long rows: G = floor(log U / log q), capped at
  // `limit`, given log_q = log(q) < 0 (one logarithm per success instead of a walk).
  int failures_before_success_log(double log_q, int limit) {
    if (std::isinf(log_q)) return 0;  // q = 0: every trial succeeds
    const double g = std::floor(std::log(uniform()) / log_q);
    return g < limit ? static_cast<int>(g) : limit;
  }

  // Binomial(n, p) by inversion from 0; meant for small n * p.
  int binomial(int n, double p) {
    const double q = 1.0 - p;
    double f = 1.0;  // q^n by squaring
    double base = q;
    for (int e = n; e > 0; e >>= 1) {
      if ((e & 1) != 0) f *= base;
      base *= base;
    }
    const double ratio = p / q;
    const double u = uniform();
    double cumulative = f;
    int k = 0;
    while (u >= cumulative && k < n) {
      f *= ratio * (n - k) / (k + 1);
      ++k;
      cumulative += f;
    }
    return k;
  }

  // A mask of the low `bits` bits in which each bit is set independently with probability p.
  // By bernoulli_bits when few bits are expected to differ from the likelier value, else by
  // independent_bits (a few words whatever p): both are exact, and the choice depends on
  // (bits, p) alone.
  std::uint64_t bernoulli_mask(int bits, double p) {
    const std::uint64_t lanes = bits >= 64 ? ~0ULL : (1ULL << static_cast<unsigned>(bits)) - 1;
    constexpr double kBitSlicedAbove = 2;  // expected bits on the rarer side
    return bits * std::min(p, 1.0 - p) > kBitSlicedAbove ? independent_bits(p, lanes)
                                                         : bernoulli_bits(lanes, p);
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) {
    return (x << static_cast<unsigned>(k)) | (x >> static_cast<unsigned>(64 - k));
  }
  std::uint64_t state_[4]{};
};

// A fixed set of named streams for one replicate; `Names` is an enum with a `count` member.
template <typename Names>
class Streams {
 public:
  Streams(std::uint64_t seed, std::uint64_t replicate) {
    for (std::uint64_t i = 0; i < kCount; ++i)
      streams_[i] = Rng(stream_seed(seed, replicate, i));
  }
  Rng& operator[](Names name) { return streams_[static_cast<std::size_t>(name)]; }

 private:
  static constexpr std::size_t kCount = static_cast<std::size_t>(Names::count);
  Rng streams_[kCount];
};

}  // namespace samspel::engine
