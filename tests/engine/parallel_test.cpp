#include "samspel/engine/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

namespace samspel::engine {
namespace {

TEST(Parallel, RunsEveryTaskExactlyOnceForAnyThreadCount) {
  for (const unsigned threads : {1U, 2U, 3U, 8U}) {
    std::vector<std::atomic<int>> runs(97);
    std::size_t last_progress = 0;
    parallel_for(
        runs.size(), threads, [&](std::size_t i) { runs[i] += 1; },
        [&](std::size_t done) { last_progress = done; }, 1);
    for (const auto& r : runs)
      EXPECT_EQ(r.load(), 1);
    EXPECT_EQ(last_progress, runs.size());
  }
}

TEST(Parallel, RethrowsTheFirstFailure) {
  EXPECT_THROW(parallel_for(10, 2,
                            [](std::size_t i) {
                              if (i == 5) throw std::runtime_error("task 5");
                            }),
               std::runtime_error);
}

TEST(Parallel, ResolvesThreadCounts) {
  EXPECT_EQ(resolve_threads(4, 2), 2U);
  EXPECT_EQ(resolve_threads(1, 100), 1U);
  EXPECT_GE(resolve_threads(0, 100), 1U);
}

}  // namespace
}  // namespace samspel::engine
