#include "samspel/engine/cluster.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <stop_token>
#include <thread>

#include "samspel/engine/parallel.hpp"

#ifdef SAMSPEL_WITH_MPI
#include <mpi.h>
#endif

namespace samspel::engine {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::microseconds;

constexpr int kRequest = 1;
constexpr int kTasks = 2;
constexpr int kDoubles = 3;
constexpr int kFloats = 4;

// A thread that moves results waits between polls from kPollMin, doubling while nothing
// happens, up to kPollMax. Every wake-up costs a context switch, and on two cores each one is
// taken from a worker: with 50 µs the polling threads of 2 ranks cost about 0.5 s of system
// time more per 8,700 runs than at 1 ms, and 2 ranks ran 25-30% behind 2 threads (18% at
// 1 ms; bench/README.md). A rank holds enough tasks (batch_size) to work through such a wait.
constexpr microseconds kPollMin{1000};
constexpr microseconds kPollMax{2000};

class Backoff {
 public:
  void reset() { wait_ = kPollMin; }
  void pause() {
    std::this_thread::sleep_for(wait_);
    wait_ = std::min(wait_ * 2, kPollMax);
  }

 private:
  microseconds wait_ = kPollMin;
};

// A rank asks for this many tasks at a time, and again when fewer than half are waiting: its
// threads never run dry while rank 0 answers (half a batch is 8 runs a thread, over a
// millisecond even at 100 µs a run), and a round's last tasks still spread out.
std::uint64_t batch_size(unsigned threads) {
  return std::max<std::uint64_t>(16, std::uint64_t{16} * threads);
}

bool launched_by_mpi() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMI_SIZE") != nullptr;
}

// Rank 0's worker threads and the calling thread share this.
struct LocalRound {
  const Round& round;
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> delivered{0};
  std::atomic<unsigned> running{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::condition_variable finished;
  std::exception_ptr error;

  explicit LocalRound(const Round& r) : round(r) {}

  bool side_work() const { return round.side_work && round.side_work(); }

  void deliver(std::size_t task) {
    round.delivered(task);
    delivered.fetch_add(1, std::memory_order_acq_rel);
  }

  // Side work first, so that reductions (and the memory they free) keep pace with the tasks;
  // once the tasks are out, wait for the other ranks' results, which may bring side work.
  void work() {
    try {
      const Worker compute = round.make_worker();
      while (!failed.load(std::memory_order_relaxed)) {
        if (side_work()) continue;
        const std::size_t t = next.fetch_add(1, std::memory_order_relaxed);
        if (t < round.tasks) {
          compute(t, round.slot(t));
          deliver(t);
          continue;
        }
        if (delivered.load(std::memory_order_acquire) >= round.tasks) {
          if (side_work()) continue;
          break;
        }
        std::this_thread::sleep_for(kPollMax);
      }
    } catch (...) {
      const std::lock_guard lock(mutex);
      if (!error) error = std::current_exception();
      failed = true;
    }
    if (running.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      const std::lock_guard lock(mutex);
      finished.notify_all();
    }
  }
};

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

namespace {

#ifdef SAMSPEL_WITH_MPI
// A broadcast that waits by polling with pauses: OpenMPI's blocking calls spin, and a rank
// waiting for rank 0 to finish a round would take a core from rank 0's workers.
void broadcast_politely(void* data, int count, MPI_Datatype type) {
  MPI_Request request = MPI_REQUEST_NULL;
  MPI_Ibcast(data, count, type, 0, MPI_COMM_WORLD, &request);
  Backoff backoff;
  int done = 0;
  MPI_Test(&request, &done, MPI_STATUS_IGNORE);
  while (done == 0) {
    backoff.pause();
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
  }
}
#endif

}  // namespace

int Cluster::broadcast(int flag) const {
#ifdef SAMSPEL_WITH_MPI
  if (size_ > 1) broadcast_politely(&flag, 1, MPI_INT);
#endif
  return flag;
}

std::vector<int> Cluster::broadcast(std::vector<int> values) const {
#ifdef SAMSPEL_WITH_MPI
  if (size_ > 1) {
    int n = static_cast<int>(values.size());
    broadcast_politely(&n, 1, MPI_INT);
    values.resize(static_cast<std::size_t>(n));
    if (n > 0) broadcast_politely(values.data(), n, MPI_INT);
  }
#endif
  return values;
}

void Cluster::coordinate(const Round& round, unsigned threads) const {
  LocalRound local(round);
  const unsigned n = resolve_threads(threads, round.tasks);
  local.running = n;
  std::vector<std::jthread> pool;
  pool.reserve(n);
  for (unsigned i = 0; i < n; ++i)
    pool.emplace_back([&local] { local.work(); });

  const auto tick_interval = std::chrono::milliseconds(round.tick_ms);
  auto last_tick = Clock::now();
#ifdef SAMSPEL_WITH_MPI
  // When tasks are handed to a rank, the receives of their results are posted at once, straight
  // into the tasks' slots: a rank returns results in the order it got the tasks, and MPI
  // matches messages of one sender and tag in order. Nothing then waits in a blocking receive
  // (which would spin on a core the workers need until the sender's progress).
  struct Receive {
    std::size_t task;
    std::array<MPI_Request, 2> requests;
  };
  std::vector<std::deque<Receive>> posted(static_cast<std::size_t>(size_));
  int served_out = 0;  // ranks told that this round has no more tasks
  Backoff backoff;
  const auto hand_out = [&](int source) {
    std::uint64_t want = 0;
    MPI_Recv(&want, 1, MPI_UINT64_T, source, kRequest, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    std::vector<std::uint64_t> tasks;
    auto& receives = posted[static_cast<std::size_t>(source)];
    while (tasks.size() < want && !local.failed) {
      const std::size_t t = local.next.fetch_add(1, std::memory_order_relaxed);
      if (t >= round.tasks) break;
      tasks.push_back(t);
      const TaskSlot slot = round.slot(t);
      Receive& r = receives.emplace_back(Receive{t, {MPI_REQUEST_NULL, MPI_REQUEST_NULL}});
      MPI_Irecv(slot.doubles.data(), static_cast<int>(round.doubles), MPI_DOUBLE, source, kDoubles,
                MPI_COMM_WORLD, &r.requests[0]);
      MPI_Irecv(slot.floats.data(), static_cast<int>(round.floats), MPI_FLOAT, source, kFloats,
                MPI_COMM_WORLD, &r.requests[1]);
    }
    MPI_Send(tasks.data(), static_cast<int>(tasks.size()), MPI_UINT64_T, source, kTasks,
             MPI_COMM_WORLD);
    if (tasks.empty()) ++served_out;
  };
  const auto poll = [&] {
    bool busy = false;
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, kRequest, MPI_COMM_WORLD, &flag, &status);
    if (flag != 0) {
      hand_out(status.MPI_SOURCE);
      busy = true;
    }
    for (auto& receives : posted) {
      while (!receives.empty()) {
        int done = 0;
        MPI_Testall(2, receives.front().requests.data(), &done, MPI_STATUSES_IGNORE);
        if (done == 0) break;
        local.deliver(receives.front().task);
        receives.pop_front();
        busy = true;
      }
    }
    return busy;
  };
#endif
  // Under MPI the calling thread must answer the ranks at once (a rank holds a few milliseconds
  // of tasks), while a tick that writes the store may take tens of milliseconds: the ticks then
  // run on a thread of their own, still one at a time.
  std::jthread ticker;
  if (size_ > 1) {
    ticker = std::jthread([&round, &local, tick_interval](const std::stop_token& stop) {
      std::mutex mutex;
      std::condition_variable_any wake;
      while (true) {
        {
          std::unique_lock lock(mutex);
          wake.wait_for(lock, stop, tick_interval, [] { return false; });
        }
        if (stop.stop_requested()) return;
        try {
          round.tick();
        } catch (...) {
          const std::lock_guard lock(local.mutex);
          if (!local.error) local.error = std::current_exception();
          local.failed = true;
          return;
        }
      }
    });
  }
  while (true) {
    bool busy = false;
#ifdef SAMSPEL_WITH_MPI
    if (size_ > 1) busy = poll();
    const bool ranks_done = size_ == 1 || served_out == size_ - 1;
#else
    const bool ranks_done = true;
#endif
    if ((local.running.load() == 0 && ranks_done) || local.failed.load()) break;
    if (size_ == 1 && Clock::now() - last_tick >= tick_interval) {
      round.tick();
      last_tick = Clock::now();
    }
    if (busy) {
#ifdef SAMSPEL_WITH_MPI
      backoff.reset();
#endif
      continue;
    }
#ifdef SAMSPEL_WITH_MPI
    if (size_ > 1) {
      backoff.pause();
      continue;
    }
#endif
    std::unique_lock lock(local.mutex);
    local.finished.wait_until(lock, last_tick + tick_interval, [&local] {
      return local.running.load() == 0 || local.failed.load();
    });
  }
  pool.clear();  // joins
  if (ticker.joinable()) {
    ticker.request_stop();
    ticker.join();
  }
  if (local.error) std::rethrow_exception(local.error);
  round.tick();
}

void Cluster::serve(const Round& round, unsigned threads) const {
#ifdef SAMSPEL_WITH_MPI
  // A task handed to this rank, with room for its result until it is sent.
  struct Item {
    std::size_t task = 0;
    std::vector<double> doubles;
    std::vector<float> floats;
    std::atomic<bool> done{false};
    std::array<MPI_Request, 2> sends{MPI_REQUEST_NULL, MPI_REQUEST_NULL};
  };
  const unsigned n = resolve_threads(threads, batch_size(threads));
  const std::uint64_t want = batch_size(n);
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<Item*> waiting;  // handed out, not yet started
  bool over = false;
  std::exception_ptr error;

  const auto work = [&] {
    try {
      const Worker compute = round.make_worker();
      while (true) {
        Item* item = nullptr;
        {
          std::unique_lock lock(mutex);
          ready.wait(lock, [&] { return over || !waiting.empty(); });
          if (waiting.empty()) return;
          item = waiting.front();
          waiting.pop_front();
        }
        compute(item->task, TaskSlot{item->doubles, item->floats});
        item->done.store(true, std::memory_order_release);
      }
    } catch (...) {
      const std::lock_guard lock(mutex);
      if (!error) error = std::current_exception();
    }
  };
  std::vector<std::jthread> pool;
  for (unsigned i = 0; i < n; ++i)
    pool.emplace_back(work);

  // The calling thread asks for tasks ahead and sends finished results in the order the tasks
  // came, without waiting for them to arrive (a blocking send spins until rank 0 takes the
  // message, on a core the workers need); items are reused once their sends are complete.
  std::deque<std::unique_ptr<Item>> order;
  std::deque<std::unique_ptr<Item>> sending;
  std::vector<std::unique_ptr<Item>> spare;
  bool asked = false;
  bool round_over = false;
  Backoff backoff;
  while (true) {
    bool busy = false;
    std::size_t queued = 0;
    {
      const std::lock_guard lock(mutex);
      queued = waiting.size();
      if (error) break;
    }
    if (!round_over && !asked && queued <= want / 2) {
      MPI_Send(&want, 1, MPI_UINT64_T, 0, kRequest, MPI_COMM_WORLD);
      asked = true;
    }
    if (asked) {
      int flag = 0;
      MPI_Status status;
      MPI_Iprobe(0, kTasks, MPI_COMM_WORLD, &flag, &status);
      if (flag != 0) {
        int count = 0;
        MPI_Get_count(&status, MPI_UINT64_T, &count);
        std::vector<std::uint64_t> tasks(static_cast<std::size_t>(count));
        MPI_Recv(tasks.data(), count, MPI_UINT64_T, 0, kTasks, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        asked = false;
        busy = true;
        round_over = tasks.empty();
        const std::lock_guard lock(mutex);
        for (const std::uint64_t t : tasks) {
          std::unique_ptr<Item> item;
          if (spare.empty()) {
            item = std::make_unique<Item>();
            item->doubles.resize(round.doubles);
            item->floats.resize(round.floats);
          } else {
            item = std::move(spare.back());
            spare.pop_back();
          }
          item->task = static_cast<std::size_t>(t);
          item->done.store(false, std::memory_order_relaxed);
          waiting.push_back(item.get());
          order.push_back(std::move(item));
        }
        ready.notify_all();
      }
    }
    while (!order.empty() && order.front()->done.load(std::memory_order_acquire)) {
      Item& item = *order.front();
      MPI_Isend(item.doubles.data(), static_cast<int>(item.doubles.size()), MPI_DOUBLE, 0, kDoubles,
                MPI_COMM_WORLD, &item.sends[0]);
      MPI_Isend(item.floats.data(), static_cast<int>(item.floats.size()), MPI_FLOAT, 0, kFloats,
                MPI_COMM_WORLD, &item.sends[1]);
      sending.push_back(std::move(order.front()));
      order.pop_front();
      busy = true;
    }
    while (!sending.empty()) {
      int sent = 0;
      MPI_Testall(2, sending.front()->sends.data(), &sent, MPI_STATUSES_IGNORE);
      if (sent == 0) break;
      spare.push_back(std::move(sending.front()));
      sending.pop_front();
      busy = true;
    }
    if (round_over && order.empty() && sending.empty()) break;
    if (busy) {
      backoff.reset();
    } else {
      backoff.pause();
    }
  }
  {
    const std::lock_guard lock(mutex);
    over = true;
    waiting.clear();
  }
  ready.notify_all();
  pool.clear();
  if (error) std::rethrow_exception(error);
#else
  (void)round;
  (void)threads;
#endif
}

}  // namespace samspel::engine
