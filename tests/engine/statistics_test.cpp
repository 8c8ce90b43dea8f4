#include "samspel/engine/statistics.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace samspel::engine {
namespace {

TEST(Statistics, QuantilesInterpolateBetweenOrderStatistics) {
  const std::vector<double> v{1, 2, 4, 8};
  EXPECT_DOUBLE_EQ(quantile_sorted(v, 0.0), 1);
  EXPECT_DOUBLE_EQ(quantile_sorted(v, 1.0), 8);
  EXPECT_DOUBLE_EQ(quantile_sorted(v, 0.5), 3);      // between 2 and 4
  EXPECT_DOUBLE_EQ(quantile_sorted(v, 0.25), 1.75);  // position 0.75
  EXPECT_DOUBLE_EQ(quantile_sorted(v, 0.95), 4 + 0.85 * 4);
  EXPECT_TRUE(std::isnan(quantile_sorted(std::vector<double>{}, 0.5)));
}

TEST(Statistics, MeanAndStandardError) {
  const std::vector<double> v{1, 2, 3, 4};
  const Summary s = summarize(v);
  EXPECT_DOUBLE_EQ(s.mean, 2.5);
  EXPECT_DOUBLE_EQ(s.standard_error, std::sqrt((5.0 / 3.0) / 4.0));
}

}  // namespace
}  // namespace samspel::engine

namespace samspel::engine {
namespace {

TEST(Statistics, PairedDifferenceByHand) {
  const std::vector<double> a{1, 2, 3, 4};
  const std::vector<double> b{2, 4, 3, 7};  // differences 1, 2, 0, 3: mean 1.5, sd sqrt(5/3)
  const PairedDifference d = paired_difference(a, b);
  EXPECT_EQ(d.n, 4);
  EXPECT_DOUBLE_EQ(d.mean, 1.5);
  EXPECT_DOUBLE_EQ(d.standard_error, std::sqrt(5.0 / 3.0 / 4.0));
  EXPECT_NEAR(d.high - d.mean, 3.1824 * d.standard_error, 1e-12);
}

TEST(Statistics, PairedDifferenceSkipsMissingPairs) {
  const double nan = std::nan("");
  const std::vector<double> a{1, nan, 3};
  const std::vector<double> b{2, 5, nan};
  const PairedDifference d = paired_difference(a, b);
  EXPECT_EQ(d.n, 1);
  EXPECT_DOUBLE_EQ(d.mean, 1);
  EXPECT_TRUE(std::isnan(d.low));
}

TEST(Statistics, StudentQuantiles) {
  EXPECT_DOUBLE_EQ(t_quantile_975(1), 12.7062);
  EXPECT_NEAR(t_quantile_975(40), 2.0211, 2e-4);
  EXPECT_NEAR(t_quantile_975(120), 1.9799, 2e-4);
  EXPECT_NEAR(t_quantile_975(100000), 1.95997, 1e-4);
}

}  // namespace
}  // namespace samspel::engine

namespace samspel::engine {
namespace {

TEST(Statistics, BandIsTheMeanThenTheQuantiles) {
  std::vector<double> values{4, 1, 2};
  std::array<double, 2 * kBandSize> out{};
  band(values, out.data(), 2);  // every second slot
  EXPECT_NEAR(out[0], 7.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(out[2], 1.1);   // q05: position 0.1 between 1 and 2
  EXPECT_DOUBLE_EQ(out[6], 2.0);   // q50
  EXPECT_DOUBLE_EQ(out[10], 3.8);  // q95: position 1.9 between 2 and 4
  EXPECT_DOUBLE_EQ(out[1], 0.0);   // the slots between are untouched
}

// BandsInOrder sorts each cell from the previous cell's order: whether the order changed in a
// few places (insertion), much (a fresh sort) or not at all, with ties, it must give exactly
// band()'s numbers, for any number of runs.
TEST(Statistics, BandsInOrderEqualBandCellByCell) {
  std::mt19937_64 random(7);
  std::uniform_int_distribution<int> level(0, 40);
  std::uniform_int_distribution<int> step(-2, 2);
  for (const std::size_t n : {1U, 2U, 5U, 33U, 100U}) {
    BandsInOrder bands(n);
    std::vector<float> values(n);
    std::uniform_int_distribution<std::size_t> which(0, n - 1);
    for (int cell = 0; cell < 80; ++cell) {
      // Cells 0-19 drift a little, 20-39 are drawn afresh, 40-59 repeat the last one, 60-79
      // move one run (the order changes in one place: sorted by insertion).
      for (auto& v : values) {
        if (cell == 0 || (cell >= 20 && cell < 40)) {
          v = static_cast<float>(level(random)) / 7.0F;
        } else if (cell < 20) {
          v += static_cast<float>(step(random)) / 7.0F;
        }
      }
      if (cell >= 60) values[which(random)] = static_cast<float>(level(random)) / 7.0F;
      if (cell == 30) bands.restart();
      std::vector<double> doubles(values.begin(), values.end());
      std::array<double, kBandSize> expected{};
      band(doubles, expected.data(), 1);
      std::array<double, 2 * kBandSize> got{};
      bands.band(values, got.data(), 2);
      for (std::size_t s = 0; s < kBandSize; ++s)
        EXPECT_EQ(got[2 * s], expected[s]) << "n " << n << ", cell " << cell << ", statistic " << s;
    }
  }
}

// bands.band() of a cell against band() of its values in double, to the bit.
void expect_band_to_the_bit(BandsInOrder& bands, const std::vector<float>& values,
                            const std::string& where) {
  std::vector<double> doubles(values.begin(), values.end());
  std::array<double, kBandSize> expected{};
  band(doubles, expected.data(), 1);
  std::array<double, kBandSize> got{};
  bands.band(values, got.data(), 1);
  for (std::size_t s = 0; s < kBandSize; ++s) {
    EXPECT_EQ(std::bit_cast<std::uint64_t>(got[s]), std::bit_cast<std::uint64_t>(expected[s]))
        << where << ", statistic " << s << ": " << got[s] << " vs " << expected[s];
  }
}

// Cells drawn afresh are sorted by bytes of the values' bits (a radix sort): negative numbers,
// zeros of both signs, magnitudes far apart and ties must still give band()'s numbers, to the
// bit (the sign of a zero included), with the runs following their values into the next cell.
TEST(Statistics, BandsInOrderSortAfreshIsBandToTheBit) {
  std::mt19937_64 random(11);
  const std::array<float, 9> specials{0.0F,   -0.0F,  1.0F,  -1.0F, 1e-30F,
                                      -1e30F, 3.5e7F, 0.25F, -2.5F};
  std::uniform_int_distribution<std::size_t> special(0, specials.size() - 1);
  std::uniform_real_distribution<float> uniform(-4.0F, 4.0F);
  std::bernoulli_distribution tie(0.4);
  for (const std::size_t n : {3U, 30U, 100U, 257U}) {
    BandsInOrder bands(n);
    std::vector<float> values(n);
    for (int cell = 0; cell < 40; ++cell) {
      for (auto& v : values)
        v = tie(random) ? specials[special(random)] : uniform(random);
      expect_band_to_the_bit(bands, values, fmt::format("n {}, cell {}", n, cell));
    }
  }
}

// Values that share their leading bits but for a few far away (a run whose relation broke
// among runs near 0.7) fill one bucket of the first radix pass; its own passes must still sort
// them.
TEST(Statistics, BandsInOrderSortAfreshSortsClusteredValuesWithOutliers) {
  std::mt19937_64 random(12);
  std::uniform_real_distribution<float> near(0.65F, 0.75F);
  for (const std::size_t n : {100U, 1000U}) {
    BandsInOrder bands(n);
    std::vector<float> values(n);
    for (int cell = 0; cell < 20; ++cell) {
      for (auto& v : values)
        v = near(random);
      values[static_cast<std::size_t>(cell) % n] = 0.0F;
      values[(static_cast<std::size_t>(cell) * 7 + 3) % n] = -1e30F;
      expect_band_to_the_bit(bands, values, fmt::format("n {}, cell {}", n, cell));
    }
  }
}

}  // namespace
}  // namespace samspel::engine
