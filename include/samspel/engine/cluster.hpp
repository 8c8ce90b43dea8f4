// The processes a study runs on: this process alone, or the ranks of an MPI job (OpenMPI,
// `mpirun -n K samspel ...`). Rank 0 hands out tasks on request, runs tasks on its own threads
// too, and receives every result; the other ranks compute what they are given. Which process
// computes a task never changes its result: tasks are numbered, and the result of task i
// depends only on i.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

namespace samspel::engine {

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

  using Compute = std::function<std::vector<double>(std::size_t task)>;
  using Deliver = std::function<void(std::size_t task, std::vector<double>&& result)>;

  // Rank 0: runs tasks [0, count) on `threads` local threads and on the other ranks, calling
  // deliver() for every result and tick() about every `tick_ms`, both on the calling thread.
  void coordinate(std::size_t count, unsigned threads, const Compute& compute,
                  const Deliver& deliver, const std::function<void()>& tick, int tick_ms) const;
  // Ranks > 0: computes the tasks rank 0 hands out until the round is over.
  void serve(unsigned threads, const Compute& compute) const;

 private:
  int rank_ = 0;
  int size_ = 1;
  bool started_ = false;
};

}  // namespace samspel::engine
