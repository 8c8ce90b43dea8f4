// Runs independent tasks (replicates) on a pool of threads. Tasks are handed out one at a
// time, so uneven run times balance; each task writes only its own result slot, so results do
// not depend on the thread count.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace samspel::engine {

// Threads to use for `requested` (0 = all hardware threads), never more than `tasks`.
inline unsigned resolve_threads(unsigned requested, std::size_t tasks) {
  unsigned threads = requested == 0 ? std::thread::hardware_concurrency() : requested;
  if (threads == 0) threads = 1;
  if (tasks < threads) threads = tasks == 0 ? 1 : static_cast<unsigned>(tasks);
  return threads;
}

// Calls task(i) for i in [0, count) on `threads` threads. `progress(done)` is called from the
// calling thread about every `progress_ms` while work remains and once at the end. The first
// exception thrown by a task is rethrown after all threads stop.
inline void parallel_for(std::size_t count, unsigned threads,
                         const std::function<void(std::size_t)>& task,
                         const std::function<void(std::size_t)>& progress = {},
                         int progress_ms = 200) {
  threads = resolve_threads(threads, count);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;

  auto worker = [&] {
    while (!failed.load(std::memory_order_relaxed)) {
      const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= count) return;
      try {
        task(i);
      } catch (...) {
        const std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        failed = true;
      }
      done.fetch_add(1, std::memory_order_release);
    }
  };

  std::vector<std::jthread> pool;
  pool.reserve(threads);
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back(worker);
  if (progress) {
    while (done.load(std::memory_order_acquire) < count && !failed.load()) {
      progress(done.load(std::memory_order_acquire));
      std::this_thread::sleep_for(std::chrono::milliseconds(progress_ms));
    }
  }
  pool.clear();  // joins
  if (error) std::rethrow_exception(error);
  if (progress) progress(done.load());
}

}  // namespace samspel::engine
