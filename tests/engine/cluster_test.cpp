// A round on this process alone: every task is computed once into its own slot and delivered
// once, side work posted by deliveries is all done before the round ends, the last tick sees
// everything, and a worker's exception reaches the caller.
#include "samspel/engine/cluster.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace samspel::engine {
namespace {

TEST(Cluster, ARoundComputesDeliversAndReducesEveryTaskOnce) {
  constexpr std::size_t kTasks = 203;
  constexpr std::size_t kGroup = 7;  // side work: one reduction per group of tasks
  for (const unsigned threads : {1U, 2U, 5U}) {
    std::vector<double> doubles(kTasks * 2);
    std::vector<float> floats(kTasks * 3);
    std::vector<std::atomic<int>> computed(kTasks);
    std::vector<std::atomic<int>> delivered(kTasks);
    std::vector<std::atomic<int>> in_group((kTasks + kGroup - 1) / kGroup);
    std::vector<double> sums(in_group.size(), -1);
    std::mutex mutex;
    std::vector<std::size_t> ready;  // groups whose tasks are all delivered
    std::size_t reduced = 0;
    std::size_t seen_at_last_tick = 0;
    std::atomic<int> workers_made{0};

    Round round;
    round.tasks = kTasks;
    round.doubles = 2;
    round.floats = 3;
    round.make_worker = [&] {
      ++workers_made;
      return Worker([&](std::size_t t, TaskSlot slot) {
        computed[t] += 1;
        slot.doubles[0] = static_cast<double>(t);
        slot.doubles[1] = 2.0 * static_cast<double>(t);
        for (auto& f : slot.floats)
          f = static_cast<float>(t);
      });
    };
    round.slot = [&](std::size_t t) {
      return TaskSlot{std::span<double>(&doubles[t * 2], 2), std::span<float>(&floats[t * 3], 3)};
    };
    round.delivered = [&](std::size_t t) {
      delivered[t] += 1;
      const std::size_t g = t / kGroup;
      const std::size_t size = std::min(kGroup, kTasks - g * kGroup);
      if (static_cast<std::size_t>(++in_group[g]) == size) {
        const std::lock_guard lock(mutex);
        ready.push_back(g);
      }
    };
    round.side_work = [&] {
      std::size_t g = 0;
      {
        const std::lock_guard lock(mutex);
        if (ready.empty()) return false;
        g = ready.back();
        ready.pop_back();
        ++reduced;
      }
      double sum = 0;
      for (std::size_t t = g * kGroup; t < std::min(kTasks, (g + 1) * kGroup); ++t)
        sum += doubles[t * 2 + 1] + floats[t * 3 + 2];
      sums[g] = sum;
      return true;
    };
    round.tick = [&] {
      std::size_t n = 0;
      for (const auto& d : delivered)
        n += static_cast<std::size_t>(d.load());
      seen_at_last_tick = n;
    };
    round.tick_ms = 1;

    const Cluster alone;
    alone.coordinate(round, threads);

    for (std::size_t t = 0; t < kTasks; ++t) {
      EXPECT_EQ(computed[t].load(), 1) << t;
      EXPECT_EQ(delivered[t].load(), 1) << t;
      EXPECT_EQ(doubles[t * 2 + 1], 2.0 * static_cast<double>(t));
    }
    EXPECT_EQ(reduced, in_group.size());
    for (std::size_t g = 0; g < sums.size(); ++g) {
      double expected = 0;
      for (std::size_t t = g * kGroup; t < std::min(kTasks, (g + 1) * kGroup); ++t)
        expected += 3.0 * static_cast<double>(t);
      EXPECT_EQ(sums[g], expected) << "group " << g << ", " << threads << " threads";
    }
    EXPECT_EQ(seen_at_last_tick, kTasks);
    EXPECT_EQ(workers_made.load(), static_cast<int>(threads));
  }
}

TEST(Cluster, AWorkersExceptionReachesTheCaller) {
  std::vector<double> doubles(50);
  std::vector<float> floats(50);
  Round round;
  round.tasks = 50;
  round.doubles = 1;
  round.floats = 1;
  round.make_worker = [] {
    return Worker([](std::size_t t, TaskSlot) {
      if (t == 17) throw std::runtime_error("task 17");
    });
  };
  round.slot = [&](std::size_t t) {
    return TaskSlot{std::span<double>(&doubles[t], 1), std::span<float>(&floats[t], 1)};
  };
  round.delivered = [](std::size_t) {};
  round.tick = [] {};
  const Cluster alone;
  EXPECT_THROW(alone.coordinate(round, 2), std::runtime_error);
}

}  // namespace
}  // namespace samspel::engine
