// Summary statistics across replicates, computed in a fixed order so that output does not
// depend on how replicates were scheduled.
#pragma once

#include <array>
#include <cstdint>
#include <iterator>
#include <span>
#include <vector>

namespace samspel::engine {

// Quantile with linear interpolation between order statistics (Hyndman & Fan type 7, the
// default of R and NumPy). Sorts `values` in place. NaN for an empty span.
double quantile_sorted(std::span<const double> sorted, double q);

struct Summary {
  double mean = 0;
  double standard_error = 0;
};

Summary summarize(std::span<const double> values);

// The 97.5% quantile of Student's t with `df` degrees of freedom: the multiplier of a
// two-sided 95% confidence interval.
double t_quantile_975(int df);

// The mean of b[i] - a[i] over the pairs where both are finite (common random numbers: a[i]
// and b[i] come from replicate i of two configurations), with its 95% confidence interval.
struct PairedDifference {
  int n = 0;
  double mean = 0;
  double standard_error = 0;
  double low = 0;
  double high = 0;
};

PairedDifference paired_difference(std::span<const double> a, std::span<const double> b);

// The quantile levels reported for every monthly series, and the names of the statistics of
// a band: the mean, then those quantiles.
inline constexpr double kQuantileLevels[] = {0.05, 0.25, 0.50, 0.75, 0.95};
inline constexpr const char* kBandStatistics[] = {"mean", "q05", "q25", "q50", "q75", "q95"};
inline constexpr std::size_t kBandSize = std::size(kBandStatistics);

// The mean and the kQuantileLevels quantiles of `values` (sorted in place) into out[0],
// out[stride], ..., out[5 * stride].
void band(std::span<double> values, double* out, std::size_t stride);

// The quantiles of band() for one cell after another of the same runs, for cells whose runs
// come in nearly the same order from one cell to the next (successive months of one metric):
// each cell's values are sorted starting from the previous cell's order, by insertion, which is
// linear when the order changed little; a cell whose order changed much is first put in buckets
// by its values' leading bits (one radix pass), then finished by insertion. The numbers are
// band()'s: its quantiles are order statistics, whatever order finds them. The values and
// their runs are kept in two arrays, so that the values are contiguous: the check of the
// previous order (a count of descents) is then a vector loop over them.
class BandsInOrder {
 public:
  explicit BandsInOrder(std::size_t runs);
  // The next cell is unrelated to the previous one.
  void restart();
  // The kQuantileLevels quantiles of the next cell into out[0], out[stride], ...; value(r) is
  // run r's value.
  template <typename Value>
  void quantiles(const Value& value, double* out, std::size_t stride) {
    for (std::size_t i = 0; i < values_.size(); ++i)
      values_[i] = value(runs_[i]);
    sort_from_previous();
    interpolate(out, stride);
  }
  // band() of the next cell: its mean (summed in run order), then its quantiles.
  void band(std::span<const float> values, double* out, std::size_t stride);
  std::size_t runs() const { return values_.size(); }

 private:
  void sort_from_previous();
  void sort_afresh();
  void sort_afresh(std::size_t first, std::size_t last);
  void sort_by_insertion();
  void interpolate(double* out, std::size_t stride) const;

  // The current cell's values, ascending once sorted, and the run of each.
  std::vector<float> values_;
  std::vector<std::uint32_t> runs_;
  // sort_afresh's room: the values as integers that order like them, and the runs' new order.
  std::vector<std::uint32_t> keys_;
  std::vector<std::uint32_t> other_runs_;
  // Where each quantile lies among the sorted values: the same for every cell.
  std::array<std::size_t, std::size(kQuantileLevels)> below_{};
  std::array<std::size_t, std::size(kQuantileLevels)> above_{};
  std::array<double, std::size(kQuantileLevels)> fraction_{};
};

}  // namespace samspel::engine
