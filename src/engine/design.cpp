#include "samspel/engine/design.hpp"

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include "samspel/engine/random.hpp"

namespace samspel::engine {

std::size_t UnitDesign::size() const {
  return dims > 0 ? points.size() / static_cast<std::size_t>(dims) : 0;
}

double UnitDesign::at(std::size_t point, int dim) const {
  return points[point * static_cast<std::size_t>(dims) + static_cast<std::size_t>(dim)];
}

UnitDesign grid_design(int dims, int levels, std::size_t max_points) {
  if (dims < 1) throw std::invalid_argument("grid_design: dims must be at least 1");
  if (levels < 1) throw std::invalid_argument("grid_design: levels must be at least 1");
  // levels^dims by repeated multiplication, stopping as soon as it passes the limit so that
  // large exponents cannot overflow.
  std::size_t count = 1;
  for (int d = 0; d < dims; ++d) {
    count *= static_cast<std::size_t>(levels);
    if (count > max_points) {
      throw std::invalid_argument("grid_design: " + std::to_string(levels) + "^" +
                                  std::to_string(dims) + " points exceed the limit of " +
                                  std::to_string(max_points));
    }
  }
  std::vector<double> values(static_cast<std::size_t>(levels));
  for (int i = 0; i < levels; ++i) {
    // i / (levels - 1) hits 0 and 1 exactly; a single level has no spread, so the centre.
    values[static_cast<std::size_t>(i)] = levels == 1 ? 0.5 : static_cast<double>(i) / (levels - 1);
  }
  UnitDesign design;
  design.dims = dims;
  design.points.reserve(count * static_cast<std::size_t>(dims));
  // An odometer over level indices whose last digit turns fastest.
  std::vector<int> digit(static_cast<std::size_t>(dims), 0);
  for (std::size_t p = 0; p < count; ++p) {
    for (const int i : digit)
      design.points.push_back(values[static_cast<std::size_t>(i)]);
    for (int d = dims - 1; d >= 0; --d) {
      auto& i = digit[static_cast<std::size_t>(d)];
      if (++i < levels) break;
      i = 0;
    }
  }
  return design;
}

UnitDesign latin_hypercube(int dims, int points, std::uint64_t seed) {
  if (dims < 1) throw std::invalid_argument("latin_hypercube: dims must be at least 1");
  if (points < 1) throw std::invalid_argument("latin_hypercube: points must be at least 1");
  const auto n = static_cast<std::size_t>(points);
  const double width = static_cast<double>(points);
  UnitDesign design;
  design.dims = dims;
  design.points.assign(n * static_cast<std::size_t>(dims), 0.0);
  Rng rng(stream_seed(seed, 0, kDesignStream));
  std::vector<int> stratum(n);
  for (int d = 0; d < dims; ++d) {
    std::iota(stratum.begin(), stratum.end(), 0);
    for (std::size_t i = n - 1; i > 0; --i) {
      const std::size_t j = rng.below(static_cast<std::uint32_t>(i + 1));
      std::swap(stratum[i], stratum[j]);
    }
    for (std::size_t p = 0; p < n; ++p) {
      const int k = stratum[p];
      double x = (k + rng.uniform()) / width;
      // (k + u) / n can round onto the next stratum's lower edge (to 1.0 in the last one) when u
      // is within an ulp of 1; step back until floor(x * n) names stratum k again, and forward
      // in the mirror case, so that every point lies in its stratum as a caller would compute
      // it.
      while (x >= 1.0 || std::floor(x * width) > k)
        x = std::nextafter(x, 0.0);
      while (std::floor(x * width) < k)
        x = std::nextafter(x, 1.0);
      design.points[p * static_cast<std::size_t>(dims) + static_cast<std::size_t>(d)] = x;
    }
  }
  return design;
}

std::vector<std::size_t> spread_order(std::size_t n) {
  std::vector<std::size_t> order;
  order.reserve(n);
  unsigned bits = 0;
  while ((std::size_t{1} << bits) < n)
    ++bits;
  for (std::size_t i = 0; i < (std::size_t{1} << bits); ++i) {
    std::size_t reversed = 0;
    for (unsigned b = 0; b < bits; ++b)
      reversed |= ((i >> b) & 1U) << (bits - 1 - b);
    if (reversed < n) order.push_back(reversed);
  }
  return order;
}

}  // namespace samspel::engine
