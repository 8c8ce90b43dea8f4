// Runs independent tasks (replicates) on a pool of threads. Tasks are handed out one at a
// time, so uneven run times balance; each task writes only its own result slot, so results do
// not depend on the thread count.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace samspel::engine {

// Threads to use for `requested` (0 = all hardware threads), never more than `tasks`.
inline unsigned resolve_threads(unsigned requested, std::size_t tasks) {
  unsigned threads = requested == 0 ? std::thread::hardware_concurrency() : requested;
  if (threads == 0) threads = 1;
  if (tasks < threads) threads = tasks == 0 ? 1 : static_cast<unsigned>(tasks);
  return threads;
}

// Every thread of a round of work, and the thread that waits for them, fail the same way: the
// first exception any of them throws is kept, failed() turns true so that the others stop
// taking work, and join() rethrows it once every thread has returned. A later exception is
// dropped: it is most often a consequence of the first.
class WorkerPool {
 public:
  WorkerPool() = default;
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  ~WorkerPool() { threads_.clear(); }  // joins before the state the threads use goes

  // Starts `threads` threads, each running body() once.
  template <typename Body>
  void start(unsigned threads, const Body& body) {
    running_ += threads;
    for (unsigned i = 0; i < threads; ++i) {
      threads_.emplace_back([this, body] {
        guarded(body);
        if (running_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
          const std::lock_guard lock(mutex_);
          finished_.notify_all();
        }
      });
    }
  }

  // Runs f() on the calling thread, keeping what it throws as the pool's failure.
  template <typename F>
  void guarded(F&& f) noexcept {
    try {
      std::forward<F>(f)();
    } catch (...) {
      const std::lock_guard lock(mutex_);
      if (!error_) error_ = std::current_exception();
      failed_.store(true, std::memory_order_relaxed);
      finished_.notify_all();
    }
  }

  bool failed() const { return failed_.load(std::memory_order_relaxed); }
  // Whether some started thread has not returned yet.
  bool running() const { return running_.load(std::memory_order_acquire) > 0; }

  // Waits until every thread has returned, one has failed, or `deadline`.
  void wait_until(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    finished_.wait_until(lock, deadline, [this] { return !running() || failed(); });
  }

  // Joins every thread, then rethrows the first failure.
  void join() {
    threads_.clear();
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::atomic<unsigned> running_{0};
  std::atomic<bool> failed_{false};
  std::mutex mutex_;
  std::condition_variable finished_;
  std::exception_ptr error_;
  std::vector<std::jthread> threads_;  // last: destroyed (joined) first
};

// Calls task(i) for i in [0, count) on `threads` threads. `progress(done)` is called from the
// calling thread about every `progress_ms` while work remains and once at the end. The first
// exception thrown by a task is rethrown after all threads stop.
inline void parallel_for(std::size_t count, unsigned threads,
                         const std::function<void(std::size_t)>& task,
                         const std::function<void(std::size_t)>& progress = {},
                         int progress_ms = 200) {
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  WorkerPool pool;
  pool.start(resolve_threads(threads, count), [&] {
    for (std::size_t i = next++; i < count && !pool.failed(); i = next++) {
      task(i);
      done.fetch_add(1, std::memory_order_release);
    }
  });
  if (progress) {
    while (done.load(std::memory_order_acquire) < count && !pool.failed()) {
      progress(done.load(std::memory_order_acquire));
      std::this_thread::sleep_for(std::chrono::milliseconds(progress_ms));
    }
  }
  pool.join();
  if (progress) progress(done.load());
}

}  // namespace samspel::engine
