// The processes a study runs on: this process alone, or the ranks of an MPI job (OpenMPI,
// `mpirun -n K samspel ...`; MPI is the build option SAMSPEL_MPI). The protocol of a round:
//
// 1. Every rank describes the same Round. Rank 0 numbers its work in one order, the schedule:
//    the first whole_groups() groups whole, then the other tasks one by one.
// 2. Every worker thread, on any rank, takes the next job of the schedule, computes it into a
//    result of its own and starts again, until the schedule is out (dynamic load balance).
//    Rank 0's threads take jobs straight from the schedule; another rank's calling thread asks
//    rank 0 for a batch of jobs when it holds less than half a batch, and sends their results
//    back in the order it got them.
// 3. Rank 0 receives every result in place, into its slot (never copied on), and reduces the
//    groups that were handed out task by task as their last task comes in (reduce_delivered).
// 4. Rank 0's tick() sees what was delivered since the last one (e.g. to store it): memory
//    holds one round, and a study cut short keeps what its ticks stored.
//
// Which process or thread computes a task never changes its result (it depends only on the
// task's number), so results are the same whatever the threads and ranks. Each process's worker
// threads only compute and its calling thread only moves results, so 2 ranks of 1 thread do
// what 1 process of 2 threads does. A whole group reaches rank 0 in at most three messages
// (its tasks' measures, its summary, its tasks' series only if rank 0 keeps them) rather than
// two per task. The first exception of any thread of rank 0 ends the round and is rethrown.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace samspel::engine {

// Where one task's result lives: its measures (a fixed number of values) and its series (a
// fixed number of values, kept as floats; a group's are reduced to its summary).
struct TaskResult {
  std::span<double> measures;
  std::span<float> series;
};

// Computes one task into its slot. Each worker thread makes its own (it may keep scratch
// buffers), so a Worker is called from one thread only.
using Worker = std::function<void(std::size_t task, TaskResult slot)>;

// Where one group's results live on rank 0: its tasks' measures and series, task after task,
// and its summary.
struct GroupResult {
  std::span<double> measures;  // group_size x measure_count
  std::span<float> series;     // group_size x series_length; may be empty unless keep_task_series
  std::span<float> summary;    // summary_length
};

// Reduces a group's results (its tasks' measures and series, task after task) into its
// summary `out`. Called on any rank, from any worker thread; it must depend on its inputs only.
using Reducer = std::function<void(std::size_t group, std::span<const double> measures,
                                   std::span<const float> series, std::span<float> out)>;

// How many of a round's `groups` are handed out whole to `workers` worker threads (all ranks
// together); the others, the last ones, are handed out task by task. A whole group keeps a
// worker until its last task, so the last groups of a round are split, one a worker: a worker
// that finishes early then takes single tasks while the others finish their groups, instead of
// waiting up to a whole group's time. With fewer than two groups a worker, at least half of
// them would be split anyway, and all are (e.g. a single group of 1,000 tasks, which
// every worker must share).
std::size_t whole_groups(std::size_t groups, std::size_t workers);

// One round of tasks [0, tasks). Every rank describes the same round; the fields marked
// "rank 0" are only used there.
struct Round {
  std::size_t tasks = 0;
  std::size_t measure_count = 0;  // per task
  std::size_t series_length = 0;  // per task
  std::function<Worker()> make_worker;
  // Rank 0: where task t's result goes. Results are written there in place, by a local worker
  // or by the receiving thread, never copied on.
  std::function<TaskResult(std::size_t task)> slot;
  // Rank 0: task t's slot is filled. Called from any thread, once per task.
  std::function<void(std::size_t task)> delivered;
  // Rank 0: reduces a part of the delivered results (e.g. of a group handed out task by task
  // whose tasks are all in), which its worker threads do before taking another job, so that
  // reductions and the memory they free keep pace; returns false when there is none now. The
  // round ends when every task is delivered and nothing is left to reduce.
  std::function<bool()> reduce_delivered;
  // Rank 0: called about every tick_ms, one call at a time, on the calling thread (under MPI on
  // a thread of its own, so that the calling thread answers the ranks meanwhile), and once at
  // the end on the calling thread.
  std::function<void()> tick;
  int tick_ms = 100;

  // Groups (optional): group g is tasks [g * group_size, (g + 1) * group_size); tasks must be
  // a multiple of group_size. 0 = no groups: every task is handed out singly.
  std::size_t group_size = 0;
  std::size_t summary_length = 0;  // per group
  Reducer reduce;
  // Whether a whole group's tasks' series are sent to rank 0 (otherwise only its measures and
  // its summary are).
  bool keep_task_series = true;
  // Rank 0: where whole group g's results go (tasks of groups handed out singly go to slot()).
  std::function<GroupResult(std::size_t group)> group_slot;
  // Rank 0: whole group g's slot is filled, summary included; called once per whole group,
  // from any thread, in place of delivered() for its tasks.
  std::function<void(std::size_t group)> group_delivered;
};

// Whether this build can spread studies over MPI processes ("with MPI (Open MPI 4.1.4)" or
// "without MPI"), for --version.
std::string mpi_build();

class Cluster {
 public:
  // This process alone.
  Cluster() = default;
  // Starts MPI when the process was launched by an MPI launcher; otherwise a cluster of one.
  Cluster(int* argc, char*** argv);
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool coordinator() const { return rank_ == 0; }

  // Rank 0's value of `flag` on every rank (e.g. "the inputs are fine, go on").
  int broadcast(int flag) const;
  // Rank 0's list on every rank: the tasks of the next round; empty = no more rounds.
  std::vector<int> broadcast(std::vector<int> values) const;

  // Worker threads of all ranks for `threads` a rank, counting every rank as having as many as
  // this one (ranks run the same command line; another count only sizes the split of a round's
  // groups less well, results never depend on it).
  std::size_t workers(unsigned threads) const;

  // Rank 0: runs the round on `threads` local worker threads and on the other ranks. The first
  // exception of a local worker is rethrown once the threads have stopped. The first
  // whole_groups(groups, workers(threads)) groups are handed out whole.
  void coordinate(const Round& round, unsigned threads) const;
  // Ranks > 0: computes the tasks rank 0 hands out, on `threads` worker threads, until the
  // round is over.
  void serve(const Round& round, unsigned threads) const;

 private:
  int rank_ = 0;
  int size_ = 1;
  bool started_ = false;
};

}  // namespace samspel::engine
