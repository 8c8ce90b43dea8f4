// The processes a study runs on: this process alone, or the ranks of an MPI job (OpenMPI,
// `mpirun -n K samspel ...`). Rank 0 hands out tasks on request, runs tasks on its own threads
// too, and receives every result; the other ranks compute what they are given. Which process
// computes a task never changes its result: tasks are numbered, and the result of task i
// depends only on i.
//
// Every process has the same layout: worker threads that only compute, and the calling thread,
// which only moves results (rank 0: hands out tasks, receives results and calls tick(); other
// ranks: ask for tasks and send results), so that 2 ranks of 1 thread do what 1 process of 2
// threads does.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
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
};

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

  // Rank 0: runs the round on `threads` local worker threads and on the other ranks. The first
  // exception of a local worker is rethrown once the threads have stopped.
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
