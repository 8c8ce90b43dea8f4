// Simulations started by the web API run as jobs on their own threads, so a request returns at
// once and the page polls for progress. At most `max_running` jobs run at once (a request
// beyond that is refused, HTTP 429, rather than queued: a queue would let a client pile up
// unbounded work); the last `max_kept` finished jobs keep their results for the pages to read.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace samspel::web {

class Jobs {
 public:
  // Reports replicates done so far; called from the job's thread.
  using Progress = std::function<void(std::size_t)>;
  // Returns the result as JSON text.
  using Work = std::function<std::string(const Progress&)>;

  Jobs(int max_running, std::size_t max_kept);
  ~Jobs();  // waits for running jobs
  Jobs(const Jobs&) = delete;
  Jobs& operator=(const Jobs&) = delete;

  // The new job's id, or nullopt when `max_running` jobs are running already.
  std::optional<std::string> start(std::string kind, std::size_t total, Work work);

  // {"id", "kind", "status": "running"|"done"|"failed", "done", "total"} followed, when done, by
  // "result" (or "error" when failed), as JSON text; nullopt for an unknown id.
  std::optional<std::string> status_json(const std::string& id) const;

  int running() const;
  // Until no job runs.
  void wait() const;

 private:
  struct Job;
  void finish(const std::shared_ptr<Job>& job);

  const int max_running_;
  const std::size_t max_kept_;
  mutable std::mutex mutex_;
  mutable std::condition_variable idle_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::deque<std::string> finished_;  // oldest first
  int running_ = 0;
  std::uint64_t next_id_ = 1;
};

}  // namespace samspel::web
