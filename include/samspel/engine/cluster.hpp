// The processes a study runs on: this process alone, or the ranks of an MPI job (OpenMPI,
// `mpirun -n K samspel ...`). Rank 0 hands out work on request, runs work on its own threads
// too, and receives every result; the other ranks compute what they are given. Which process
// computes a task never changes its result: tasks are numbered, and the result of task i
// depends only on i.
//
// Every process has the same layout: worker threads that only compute, and the calling thread,
// which only moves results (rank 0: hands out work, receives results and calls tick(); other
// ranks: ask for work and send results), so that 2 ranks of 1 thread do what 1 process of 2
// threads does.
//
// A round may group its tasks (contiguous task numbers, e.g. repetitions of one experiment)
// and name a reduction of a group's results (e.g. statistics across the repetitions).
// Then the first whole_groups() groups are handed out whole: the worker that takes one, on
// whichever rank, runs its tasks and reduces them, and rank 0 receives the group's results in
// at most three messages (its tasks' doubles, its reduction, and its tasks' floats only if
// rank 0 keeps them), instead of two per task and the reduction done where all the floats are.
// The last groups are handed out task by task, so that every worker is busy until the round
// ends, and rank 0 reduces them (side_work).
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace samspel::engine {

// Where one task's result lives: a fixed number of doubles and of floats.
struct TaskSlot {
  std::span<double> doubles;
  std::span<float> floats;
};

// Computes one task into its slot. Each worker thread makes its own (it may keep scratch
// buffers), so a Worker is called from one thread only.
using Worker = std::function<void(std::size_t task, TaskSlot slot)>;

// Where one group's results live on rank 0: its tasks' doubles and floats, task after task,
// and its reduction.
struct GroupSlot {
  std::span<double> doubles;  // group_size x doubles
  std::span<float> floats;    // group_size x floats; may be empty unless keep_task_floats
  std::span<float> reduced;   // reduced_floats
};

// Reduces a group's results (its tasks' doubles and floats, task after task) into `out`.
// Called on any rank, from any worker thread; it must depend on its inputs only.
using Reducer = std::function<void(std::size_t group, std::span<const double> doubles,
                                   std::span<const float> floats, std::span<float> out)>;

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
  std::size_t doubles = 0;  // per task
  std::size_t floats = 0;   // per task
  std::function<Worker()> make_worker;
  // Rank 0: where task t's result goes. Results are written there in place, by a local worker
  // or by the receiving thread, never copied on.
  std::function<TaskSlot(std::size_t task)> slot;
  // Rank 0: task t's slot is filled. Called from any thread, once per task.
  std::function<void(std::size_t task)> delivered;
  // Rank 0: work only this process can do (e.g. reducing delivered results), which its worker
  // threads do before taking another task; returns false when there is none now. The round
  // ends when every task is delivered and no side work is left.
  std::function<bool()> side_work;
  // Rank 0: called about every tick_ms, one call at a time, on the calling thread (under MPI on
  // a thread of its own, so that the calling thread answers the ranks meanwhile), and once at
  // the end on the calling thread.
  std::function<void()> tick;
  int tick_ms = 100;

  // Groups (optional): group g is tasks [g * group_size, (g + 1) * group_size); tasks must be
  // a multiple of group_size. 0 = no groups: every task is handed out singly.
  std::size_t group_size = 0;
  std::size_t reduced_floats = 0;  // per group
  Reducer reduce;
  // Whether a whole group's tasks' floats are sent to rank 0 (otherwise only its doubles and
  // its reduction are).
  bool keep_task_floats = true;
  // Rank 0: where whole group g's results go (tasks of groups handed out singly go to slot()).
  std::function<GroupSlot(std::size_t group)> group_slot;
  // Rank 0: whole group g's slot is filled, reduction included; called once per whole group,
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
