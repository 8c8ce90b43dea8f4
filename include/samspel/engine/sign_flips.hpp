// Where in a design an output reverses: the points whose value has the sign opposite to a
// reference (a pattern's effect at the file's own parameters), and for each factor whether those
// points sit at one end of its range. A factor the reversals do not depend on spreads them over
// its range as it spreads all points; one they do depend on shifts their mean position. The
// shift is judged against its standard error under that null, with a Bonferroni bound over the
// factors, so a list of 90 factors does not name one by chance.
//
// The points of a sensitivity design come in clusters that share coordinates: a Morris
// trajectory moves one factor at a time, so a factor takes two neighbouring values over its
// k + 1 points, and a Saltelli base sample's k + 2 points share all but one coordinate with its
// first. Their values, and so their reversals, are alike too. Counted as independent points they
// would give a standard error far too small (a design of 10 trajectories of 91 points is closer
// to 10 observations than to 910), so the null is that clusters' patterns of reversals fall on
// clusters' positions at random: z takes its mean and variance over all such assignments, and
// the bound is Student's t with one degree of freedom fewer than the clusters.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

namespace samspel::engine {

struct FlipFactor {
  double mean_all = 0;    // mean position in [0, 1] over the points with a value
  double mean_flips = 0;  // over the points where the value reverses
  double low = 0;         // range of positions of those points
  double high = 0;
  double z = 0;  // (mean_flips - mean_all) / its standard error; 0 when nothing reverses
};

// Fewer reversals locate nothing: z is compared with Student's t, an approximation to the
// permutation distribution of their mean position (whose exact mean and variance z uses) that
// needs enough points to hold. A handful of points on a Morris grid of 4 levels coincide by
// chance (3 points at one level happen for one factor in 64, so for one or two of 90 factors),
// which the t bound, even with its Bonferroni correction, does not foresee.
inline constexpr std::size_t kMinFlipsToLocate = 10;

struct SignFlips {
  std::size_t points = 0;    // points with a finite value
  std::size_t flips = 0;     // of those, with the sign opposite to the reference
  std::size_t clusters = 0;  // clusters with a point with a finite value
  double z_bound = 0;        // |z| above it names a factor (two-sided 5%, Bonferroni over factors)
  std::vector<FlipFactor> factors;  // in factor order

  // The factors whose |z| exceeds z_bound, largest |z| first; none below kMinFlipsToLocate, or
  // with fewer than two clusters.
  std::vector<int> named() const;
};

// `values[p]` is the output at design point p (NaN where undefined: left out), `position(p, f)`
// factor f's unit coordinate there; one pass over the points, each asked for every factor in
// turn. Points [c * cluster_size, (c + 1) * cluster_size) form cluster c (1 for a design of
// independent points). A reference of 0 or NaN has no sign, and nothing reverses.
SignFlips sign_flips(int factors, std::span<const double> values, double reference,
                     const std::function<double(std::size_t point, int factor)>& position,
                     std::size_t cluster_size = 1);

}  // namespace samspel::engine
