// One block of a sensitivity analysis's points as a round of the cluster (engine/cluster.hpp),
// so that the points run on the worker threads of every MPI rank as a sweep's configurations
// do. A point's runs (every configuration, every replicate) are a group: handed out whole, or
// run by run at the block's end so that no worker idles. A run's result is every output's
// measure in its configuration; rank 0 summarises a point's runs (mean and variance over the
// replicates, in doubles) once the whole block is in. Internal to study/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "samspel/engine/cluster.hpp"
#include "samspel/io/scenario.hpp"
#include "samspel/io/sensitivity_store.hpp"
#include "samspel/io/validation_file.hpp"
#include "samspel/model/model.hpp"
#include "sensitivity_points.hpp"

namespace samspel::study {

// What is run at every point: configurations of the scenario, and outputs computed from them.
struct SensitivityPlan {
  io::Scenario base;
  std::vector<std::vector<std::string>> configurations;
  struct Out {
    std::string name;
    std::vector<std::size_t>
        configurations;  // 1: a level; 2: a pair; 4: a difference in differences
    io::ValidationMeasure measure;
  };
  std::vector<Out> outputs;
};

// Points first ... first + count - 1 (point 0 is the base scenario). Task t is replicate
// t % R of configuration (t / R) % C at point first + t / (R C), for R replicates and C
// configurations: the order of the stored results, whoever computes them.
class BlockRuns {
 public:
  BlockRuns(const SensitivityPlan& plan, const std::vector<io::Factor>& factors, Points& points,
            std::size_t first, std::size_t count, const SensitivityOptions& options);

  std::size_t runs() const { return descriptions_.size() * replicates_; }

  // Rank 0: runs the block on `threads` local threads and on the other ranks, calling
  // progress(runs in so far) now and then, and returns its points' coordinates and outputs.
  io::SensitivityBlock run(const engine::Cluster& cluster, unsigned threads,
                           const std::function<void(std::size_t)>& progress) const;
  // Ranks > 0: computes the runs rank 0 hands out until the block is done.
  void serve(const engine::Cluster& cluster, unsigned threads) const;

 private:
  engine::Round round() const;
  engine::Worker make_worker() const;
  io::SensitivityBlock summarise(std::span<const double> values) const;

  const SensitivityPlan& plan_;
  engine::Calendar calendar_;
  std::uint64_t seed_;
  std::size_t replicates_;
  std::size_t first_;
  std::size_t count_;
  std::vector<double> unit_;                      // count x factors
  std::vector<double> design_;                    // count x factors
  std::vector<model::Description> descriptions_;  // count x configurations
};

}  // namespace samspel::study
