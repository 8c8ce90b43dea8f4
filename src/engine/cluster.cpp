#include "samspel/engine/cluster.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "samspel/engine/parallel.hpp"

#ifdef SAMSPEL_WITH_MPI
#include <mpi.h>
#endif

namespace samspel::engine {

namespace {

// Tasks go out in small batches (at least kBatch, and one per thread of the asking rank): few
// messages, yet the last ones still spread over the ranks.
constexpr std::size_t kBatch = 4;
constexpr int kRequest = 1;
constexpr int kTasks = 2;
constexpr int kResult = 3;

// Local worker threads pull task numbers from the same counter as the remote ranks and queue
// their results for the calling thread.
struct LocalWork {
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::vector<std::pair<std::size_t, std::vector<double>>> done;
};

bool launched_by_mpi() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMI_SIZE") != nullptr;
}

}  // namespace

Cluster::Cluster(int* argc, char*** argv) {
#ifdef SAMSPEL_WITH_MPI
  if (launched_by_mpi()) {
    int provided = 0;
    MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    started_ = true;
  }
#else
  (void)argc;
  (void)argv;
  (void)launched_by_mpi;
#endif
}

Cluster::~Cluster() {
#ifdef SAMSPEL_WITH_MPI
  if (started_) MPI_Finalize();
#endif
}

int Cluster::broadcast(int flag) const {
#ifdef SAMSPEL_WITH_MPI
  if (size_ > 1) MPI_Bcast(&flag, 1, MPI_INT, 0, MPI_COMM_WORLD);
#endif
  return flag;
}

std::vector<int> Cluster::broadcast(std::vector<int> values) const {
#ifdef SAMSPEL_WITH_MPI
  if (size_ > 1) {
    int n = static_cast<int>(values.size());
    MPI_Bcast(&n, 1, MPI_INT, 0, MPI_COMM_WORLD);
    values.resize(static_cast<std::size_t>(n));
    if (n > 0) MPI_Bcast(values.data(), n, MPI_INT, 0, MPI_COMM_WORLD);
  }
#endif
  return values;
}

void Cluster::coordinate(std::size_t count, unsigned threads, const Compute& compute,
                         const Deliver& deliver, const std::function<void()>& tick,
                         int tick_ms) const {
  LocalWork local;
  const auto work = [&] {
    for (std::size_t t = local.next.fetch_add(1); t < count; t = local.next.fetch_add(1)) {
      std::vector<double> r = compute(t);
      const std::lock_guard lock(local.mutex);
      local.done.emplace_back(t, std::move(r));
    }
  };
  std::vector<std::jthread> pool;
  const unsigned n = resolve_threads(threads, count);
  for (unsigned i = 0; i < n; ++i)
    pool.emplace_back(work);

  std::size_t delivered = 0;
  int served_out = size_ > 1 ? 0 : -1;  // ranks told that this round has no more tasks
  auto last_tick = std::chrono::steady_clock::now();
  while (delivered < count || (size_ > 1 && served_out < size_ - 1)) {
    bool busy = false;
    {
      std::vector<std::pair<std::size_t, std::vector<double>>> batch;
      {
        const std::lock_guard lock(local.mutex);
        batch.swap(local.done);
      }
      for (auto& [t, r] : batch)
        deliver(t, std::move(r));
      delivered += batch.size();
      busy = !batch.empty();
    }
#ifdef SAMSPEL_WITH_MPI
    if (size_ > 1) {
      int flag = 0;
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
      if (flag != 0) {
        busy = true;
        if (status.MPI_TAG == kRequest) {
          std::uint64_t want = 0;
          MPI_Recv(&want, 1, MPI_UINT64_T, status.MPI_SOURCE, kRequest, MPI_COMM_WORLD,
                   MPI_STATUS_IGNORE);
          std::vector<std::uint64_t> tasks;
          while (tasks.size() < want) {
            const std::size_t t = local.next.fetch_add(1);
            if (t >= count) break;
            tasks.push_back(t);
          }
          MPI_Send(tasks.data(), static_cast<int>(tasks.size()), MPI_UINT64_T, status.MPI_SOURCE,
                   kTasks, MPI_COMM_WORLD);
          if (tasks.empty()) ++served_out;
        } else if (status.MPI_TAG == kResult) {
          int length = 0;
          MPI_Get_count(&status, MPI_DOUBLE, &length);
          std::vector<double> message(static_cast<std::size_t>(length));
          MPI_Recv(message.data(), length, MPI_DOUBLE, status.MPI_SOURCE, kResult, MPI_COMM_WORLD,
                   MPI_STATUS_IGNORE);
          const auto t = static_cast<std::size_t>(message.front());
          deliver(t, std::vector<double>(message.begin() + 1, message.end()));
          ++delivered;
        }
      }
    }
#endif
    const auto now = std::chrono::steady_clock::now();
    if (now - last_tick >= std::chrono::milliseconds(tick_ms)) {
      tick();
      last_tick = now;
    }
    if (!busy) std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  pool.clear();
  tick();
}

void Cluster::serve(unsigned threads, const Compute& compute) const {
#ifdef SAMSPEL_WITH_MPI
  // One request is always in flight: the next batch is asked for before this one is computed,
  // so a rank never waits a round trip (and the coordinator's polling interval) between
  // batches. Every request gets exactly one answer; an empty one ends the round.
  // A batch has a task for each of the rank's threads, and at least kBatch.
  const std::uint64_t want = std::max<std::uint64_t>(kBatch, resolve_threads(threads, kBatch * 64));
  const auto request = [want] { MPI_Send(&want, 1, MPI_UINT64_T, 0, kRequest, MPI_COMM_WORLD); };
  const auto receive = [want] {
    std::vector<std::uint64_t> tasks(want);
    MPI_Status status;
    MPI_Recv(tasks.data(), static_cast<int>(want), MPI_UINT64_T, 0, kTasks, MPI_COMM_WORLD,
             &status);
    int n = 0;
    MPI_Get_count(&status, MPI_UINT64_T, &n);
    tasks.resize(static_cast<std::size_t>(n));
    return tasks;
  };
  request();
  std::vector<std::uint64_t> tasks = receive();
  while (!tasks.empty()) {
    request();
    std::vector<std::vector<double>> results(tasks.size());
    parallel_for(tasks.size(), threads, [&](std::size_t i) {
      std::vector<double> r = compute(static_cast<std::size_t>(tasks[i]));
      r.insert(r.begin(), static_cast<double>(tasks[i]));
      results[i] = std::move(r);
    });
    for (const auto& r : results) {
      MPI_Send(r.data(), static_cast<int>(r.size()), MPI_DOUBLE, 0, kResult, MPI_COMM_WORLD);
    }
    tasks = receive();
  }
#else
  (void)threads;
  (void)compute;
#endif
}

}  // namespace samspel::engine
