// A round on this process alone: every task is computed once into its own slot and delivered
// once, the reductions posted by deliveries are all done before the round ends, the last tick sees
// everything, and a worker's exception reaches the caller. With groups: the first
// whole_groups() groups are computed and reduced by one worker each and delivered whole, the
// others task by task, and every group's reduction is the same either way.
#include "samspel/engine/cluster.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <mutex>
#include <numeric>
#include <span>
#include <stdexcept>
#include <vector>

namespace samspel::engine {
namespace {

TEST(Cluster, ARoundComputesDeliversAndReducesEveryTaskOnce) {
  constexpr std::size_t kTasks = 203;
  constexpr std::size_t kGroup = 7;  // reduce_delivered: one reduction per group of tasks
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
    round.measure_count = 2;
    round.series_length = 3;
    round.make_worker = [&] {
      ++workers_made;
      return Worker([&](std::size_t t, TaskResult slot) {
        computed[t] += 1;
        slot.measures[0] = static_cast<double>(t);
        slot.measures[1] = 2.0 * static_cast<double>(t);
        for (auto& f : slot.series)
          f = static_cast<float>(t);
      });
    };
    round.slot = [&](std::size_t t) {
      return TaskResult{std::span<double>(&doubles[t * 2], 2), std::span<float>(&floats[t * 3], 3)};
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
    round.reduce_delivered = [&] {
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
  round.measure_count = 1;
  round.series_length = 1;
  round.make_worker = [] {
    return Worker([](std::size_t t, TaskResult) {
      if (t == 17) throw std::runtime_error("task 17");
    });
  };
  round.slot = [&](std::size_t t) {
    return TaskResult{std::span<double>(&doubles[t], 1), std::span<float>(&floats[t], 1)};
  };
  round.delivered = [](std::size_t) {};
  round.tick = [] {};
  const Cluster alone;
  EXPECT_THROW(alone.coordinate(round, 2), std::runtime_error);
}

TEST(Cluster, WholeGroupsLeaveOneGroupAWorkerToSplitAndNeedTwoAWorker) {
  EXPECT_EQ(whole_groups(1, 2), 0U);  // a single group: every worker shares its tasks
  EXPECT_EQ(whole_groups(3, 2), 0U);
  EXPECT_EQ(whole_groups(4, 2), 2U);
  EXPECT_EQ(whole_groups(21, 2), 19U);
  EXPECT_EQ(whole_groups(12, 3), 9U);
  EXPECT_EQ(whole_groups(5, 0), 4U);  // no workers counts as one
}

// A grouped round: task t's doubles are (t, 2t) and its floats t, t+0.5, t+0.25; a group
// reduces to an order-dependent fold of its tasks (so a reduction that saw its tasks out of
// order, or another group's, would differ). Split groups are reduced by reduce_delivered on the
// same function, as a study does.
struct GroupedRound {
  static constexpr std::size_t kGroups = 23;
  static constexpr std::size_t kGroupSize = 9;
  static constexpr std::size_t kTasks = kGroups * kGroupSize;
  static constexpr std::size_t kDoubles = 2;
  static constexpr std::size_t kFloats = 3;
  static constexpr std::size_t kReduced = 2;

  std::vector<double> doubles = std::vector<double>(kTasks * kDoubles, -1);
  std::vector<float> floats = std::vector<float>(kTasks * kFloats, -1);
  std::vector<float> reduced = std::vector<float>(kGroups * kReduced, -1);
  std::vector<std::atomic<int>> computed = std::vector<std::atomic<int>>(kTasks);
  std::vector<std::atomic<int>> delivered = std::vector<std::atomic<int>>(kTasks);
  std::vector<std::atomic<int>> groups_delivered = std::vector<std::atomic<int>>(kGroups);
  std::vector<std::atomic<std::size_t>> in_group = std::vector<std::atomic<std::size_t>>(kGroups);
  std::mutex mutex;
  std::vector<std::size_t> ready;
  bool keep_floats = true;

  static void reduce(std::span<const double> d, std::span<const float> f, std::span<float> out) {
    double fold = 0;
    for (std::size_t i = 0; i < kGroupSize; ++i)
      fold = fold * 0.5 + d[i * kDoubles + 1] + f[i * kFloats + 2];
    out[0] = static_cast<float>(fold);
    out[1] = static_cast<float>(std::accumulate(d.begin(), d.end(), 0.0));
  }
  static std::vector<float> expected(std::size_t g) {
    std::vector<double> d(kGroupSize * kDoubles);
    std::vector<float> f(kGroupSize * kFloats);
    for (std::size_t i = 0; i < kGroupSize; ++i) {
      const auto t = static_cast<double>(g * kGroupSize + i);
      d[i * kDoubles] = t;
      d[i * kDoubles + 1] = 2 * t;
      f[i * kFloats + 2] = static_cast<float>(t + 0.25);
    }
    std::vector<float> out(kReduced);
    reduce(d, f, out);
    return out;
  }
  TaskResult slot(std::size_t t) {
    return {std::span<double>(&doubles[t * kDoubles], kDoubles),
            std::span<float>(&floats[t * kFloats], kFloats)};
  }

  Round round() {
    Round r;
    r.tasks = kTasks;
    r.measure_count = kDoubles;
    r.series_length = kFloats;
    r.make_worker = [this] {
      return Worker([this](std::size_t t, TaskResult s) {
        computed[t] += 1;
        s.measures[0] = static_cast<double>(t);
        s.measures[1] = 2.0 * static_cast<double>(t);
        s.series[0] = static_cast<float>(t);
        s.series[1] = static_cast<float>(t + 0.5);
        s.series[2] = static_cast<float>(t + 0.25);
      });
    };
    r.slot = [this](std::size_t t) { return slot(t); };
    r.delivered = [this](std::size_t t) {
      delivered[t] += 1;
      const std::size_t g = t / kGroupSize;
      if (++in_group[g] == kGroupSize) {
        const std::lock_guard lock(mutex);
        ready.push_back(g);
      }
    };
    r.reduce_delivered = [this] {
      std::size_t g = 0;
      {
        const std::lock_guard lock(mutex);
        if (ready.empty()) return false;
        g = ready.back();
        ready.pop_back();
      }
      reduce(std::span<const double>(&doubles[g * kGroupSize * kDoubles], kGroupSize * kDoubles),
             std::span<const float>(&floats[g * kGroupSize * kFloats], kGroupSize * kFloats),
             std::span<float>(&reduced[g * kReduced], kReduced));
      return true;
    };
    r.tick = [] {};
    r.tick_ms = 1;
    r.group_size = kGroupSize;
    r.summary_length = kReduced;
    r.reduce = [](std::size_t, std::span<const double> d, std::span<const float> f,
                  std::span<float> out) { reduce(d, f, out); };
    r.keep_task_series = keep_floats;
    r.group_slot = [this](std::size_t g) {
      return GroupResult{
          std::span<double>(&doubles[g * kGroupSize * kDoubles], kGroupSize * kDoubles),
          keep_floats ? std::span<float>(&floats[g * kGroupSize * kFloats], kGroupSize * kFloats)
                      : std::span<float>(),
          std::span<float>(&reduced[g * kReduced], kReduced)};
    };
    r.group_delivered = [this](std::size_t g) { groups_delivered[g] += 1; };
    return r;
  }
};

TEST(Cluster, AGroupedRoundReducesWholeGroupsWhereTheyRanAndSplitsTheLast) {
  for (const bool keep_floats : {true, false}) {
    for (const unsigned threads : {1U, 2U, 5U}) {
      GroupedRound g;
      g.keep_floats = keep_floats;
      const Cluster alone;
      alone.coordinate(g.round(), threads);
      const std::size_t whole = whole_groups(GroupedRound::kGroups, threads);
      ASSERT_GT(whole, 0U);
      ASSERT_LT(whole, GroupedRound::kGroups);
      for (std::size_t group = 0; group < GroupedRound::kGroups; ++group) {
        const bool is_whole = group < whole;
        EXPECT_EQ(g.groups_delivered[group].load(), is_whole ? 1 : 0) << group;
        for (std::size_t i = 0; i < GroupedRound::kGroupSize; ++i) {
          const std::size_t t = group * GroupedRound::kGroupSize + i;
          EXPECT_EQ(g.computed[t].load(), 1) << t;
          EXPECT_EQ(g.delivered[t].load(), is_whole ? 0 : 1) << t;
          EXPECT_EQ(g.doubles[t * GroupedRound::kDoubles + 1], 2.0 * static_cast<double>(t));
          // A whole group's floats reach rank 0's slot only when it keeps them.
          const bool has_floats = keep_floats || !is_whole;
          EXPECT_EQ(g.floats[t * GroupedRound::kFloats], has_floats ? static_cast<float>(t) : -1.0F)
              << t;
        }
        const std::vector<float> expected = GroupedRound::expected(group);
        for (std::size_t k = 0; k < GroupedRound::kReduced; ++k) {
          EXPECT_EQ(g.reduced[group * GroupedRound::kReduced + k], expected[k])
              << "group " << group << ", " << threads << " threads";
        }
      }
    }
  }
}

TEST(Cluster, FewGroupsAreAllSplitSoEveryWorkerShares) {
  GroupedRound g;
  Round round = g.round();
  round.tasks = 2 * GroupedRound::kGroupSize;  // 2 groups on 2 threads
  const Cluster alone;
  alone.coordinate(round, 2);
  for (std::size_t t = 0; t < round.tasks; ++t)
    EXPECT_EQ(g.delivered[t].load(), 1) << t;
  EXPECT_EQ(g.groups_delivered[0].load() + g.groups_delivered[1].load(), 0);
  for (std::size_t group = 0; group < 2; ++group)
    EXPECT_EQ(g.reduced[group * GroupedRound::kReduced], GroupedRound::expected(group)[0]);
}

TEST(Cluster, TasksThatAreNotWholeGroupsAreRefused) {
  GroupedRound g;
  Round round = g.round();
  round.tasks -= 1;
  const Cluster alone;
  EXPECT_THROW(alone.coordinate(round, 2), std::invalid_argument);
}

}  // namespace
}  // namespace samspel::engine
